import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { LocalizedText } from '~/components/sponsor/content-language';
import { MetricSeriesTable } from '~/components/sponsor/metric-series';
import { PoolSentence } from '~/components/sponsor/pool-sentence';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useT } from '~/i18n/use-t';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { getSponsorStats, statsThreshold } from '~/modules/sponsors/sponsor-stats.server';
import { pageTitle } from '~/utils/page-title';

// Aggregates only: the loader returns display strings, so a count below the threshold never
// reaches the browser, and there is no export of any kind.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  return json({ threshold: statsThreshold(), offers: await getSponsorStats(sponsor.id) });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.stats.title');

export default function SponsorStats() {
  const { threshold, offers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t('sponsors.stats.title')}</h1>
        <p className="lead">{t('sponsors.stats.intro', { n: threshold })}</p>
        {offers.length === 0 ? <p className="muted">{t('sponsors.offers.none')}</p> : null}
      </section>
      {offers.map((offer) => (
        <section className="card" key={offer.id} aria-labelledby={`stats-${offer.id}`}>
          <div className="card__head">
            <h2 id={`stats-${offer.id}`}>
              <LocalizedText ja={offer.titleJa} en={offer.titleEn} />
            </h2>
            <ReviewStatusBadge status={offer.status} />
          </div>
          <dl className="stat-facts">
            <div>
              <dt>{t('sponsors.stats.views')}</dt>
              <dd>{offer.metrics.view.total}</dd>
            </div>
            <div>
              <dt>{t('sponsors.stats.claims')}</dt>
              <dd>{offer.metrics.claim.total}</dd>
            </div>
            <div>
              <dt>{t('sponsors.stats.redemptions')}</dt>
              <dd>{offer.metrics.redeem.total}</dd>
            </div>
          </dl>
          <PoolSentence pool={offer.pool} />
          <div className="three-col">
            <MetricSeriesTable caption={t('sponsors.stats.views')} series={offer.metrics.view} />
            <MetricSeriesTable caption={t('sponsors.stats.claims')} series={offer.metrics.claim} />
            <MetricSeriesTable
              caption={t('sponsors.stats.redemptions')}
              series={offer.metrics.redeem}
            />
          </div>
        </section>
      ))}
    </>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
