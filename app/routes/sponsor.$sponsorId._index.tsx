import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useT } from '~/i18n/use-t';
import { ShownText } from '~/components/sponsor/content-language';
import { pickContent } from '~/utils/content-language';
import { formatPeriod } from '~/modules/sponsors/offer-dates';
import { listOffersForSponsor } from '~/modules/sponsors/offers.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { getLocale } from '~/modules/i18n/locale.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  const locale = getLocale(request);
  const offers = (await listOffersForSponsor(sponsor.id)).map((offer) => ({
    id: offer.id,
    title: pickContent(offer.titleJa, offer.titleEn, locale),
    status: offer.status,
    period: formatPeriod(offer.validFrom, offer.validUntil, locale),
    poolSize: offer.poolSize,
    reviewComment: offer.reviewComment,
  }));
  return json({ sponsorId: sponsor.id, offers });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.offers.title');

export default function SponsorOffers() {
  const { sponsorId, offers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="card">
      <div className="card__head">
        <h1>{t('sponsors.offers.title')}</h1>
        <Link to={`/sponsor/${sponsorId}/offers/new`} className="button">
          {t('sponsors.offers.new')}
        </Link>
      </div>
      <p className="lead">{t('sponsors.offers.intro')}</p>
      {offers.length === 0 ? (
        <p className="muted">{t('sponsors.offers.none')}</p>
      ) : (
        <table className="data data--stack">
          <thead>
            <tr>
              <th scope="col">{t('sponsors.offer.title')}</th>
              <th scope="col">{t('sponsors.offer.status')}</th>
              <th scope="col">{t('sponsors.offer.period')}</th>
              <th scope="col" className="num">
                {t('sponsors.offer.poolSize')}
              </th>
            </tr>
          </thead>
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.id}>
                <td>
                  <Link to={`/sponsor/${sponsorId}/offers/${offer.id}`}>
                    <ShownText shown={offer.title} />
                  </Link>
                  {offer.status === 'rejected' && offer.reviewComment ? (
                    <p className="muted">
                      {t('sponsors.review.commentFromOrganizer')}: {offer.reviewComment}
                    </p>
                  ) : null}
                </td>
                <td data-label={t('sponsors.offer.status')}>
                  <ReviewStatusBadge status={offer.status} />
                </td>
                <td data-label={t('sponsors.offer.period')}>{offer.period}</td>
                <td className="num" data-label={t('sponsors.offer.poolSize')}>
                  {offer.poolSize}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
