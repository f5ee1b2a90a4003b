import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ShownText } from '~/components/sponsor/content-language';
import { useT } from '~/i18n/use-t';
import { getLocale } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { pickContent } from '~/utils/content-language';
import { listMyCodes, listOffersForMember } from '~/modules/sponsors/offer-claims.server';
import { listApprovedNotices } from '~/modules/sponsors/sponsor-notices.server';
import { formatCalendarDate } from '~/utils/date-format';
import { pageTitle } from '~/utils/page-title';

// Approved, current offers only (the published copy an owner approved), plus this member's
// own codes. Nothing here is about any other member.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, membership } = await requireMember(request, params.slug, context);
  const locale = getLocale(request);
  const ja = locale === 'ja';
  const [offers, codes, notices] = await Promise.all([
    listOffersForMember(event.id, membership.id),
    listMyCodes(event.id, membership.id),
    listApprovedNotices(event.id),
  ]);
  return json({
    slug: event.slug,
    eventName: ja ? event.nameJa : event.nameEn,
    offers: offers.map((o) => ({
      id: o.id,
      sponsor: ja ? o.sponsorNameJa : o.sponsorNameEn,
      // A sponsor may have written only one language: the other reader sees it, marked.
      title: pickContent(o.published.titleJa, o.published.titleEn, locale),
      discount: pickContent(o.published.discountJa, o.published.discountEn, locale),
      until: formatCalendarDate(o.published.validUntil, locale),
      hasImage: Boolean(o.published.imageFile),
      soldOut: o.soldOut,
      claimed: o.myClaims > 0,
    })),
    codes: codes.map((c) => ({
      offerId: c.offerId,
      sponsor: ja ? c.sponsorNameJa : c.sponsorNameEn,
      title: pickContent(c.published.titleJa, c.published.titleEn, locale),
      code: c.code,
      used: c.status === 'redeemed',
    })),
    notices: notices.map((n) => ({
      id: n.id,
      sponsor: ja ? n.sponsorNameJa : n.sponsorNameEn,
      title: pickContent(n.titleJa, n.titleEn, locale),
      body: pickContent(n.bodyJa, n.bodyEn, locale),
    })),
  });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'sponsors.member.title', { within: args.data?.eventName });

export default function MemberOffers() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/e/${data.slug}/offers`;
  return (
    <>
      <p className="muted">
        <Link to={`/e/${data.slug}`}>← {data.eventName}</Link>
      </p>
      <h1>{t('sponsors.member.title')}</h1>
      <p className="lead">{t('sponsors.member.intro')}</p>
      {data.codes.length > 0 ? (
        <section className="card" aria-labelledby="my-codes">
          <h2 id="my-codes">{t('sponsors.member.myCodes')}</h2>
          <ul className="list">
            {data.codes.map((c) => (
              <li key={c.code}>
                <span>
                  <strong>
                    <ShownText shown={c.title} />
                  </strong>{' '}
                  <span className="muted">{c.sponsor}</span>
                  <br />
                  <span className="code-chip">{c.code}</span>{' '}
                  {c.used ? <span className="badge">{t('sponsors.member.used')}</span> : null}
                </span>
                <Link to={`${base}/${c.offerId}`} className="button button--quiet">
                  {t('sponsors.member.showCode')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="offers-heading">
        <h2 id="offers-heading">{t('sponsors.member.available')}</h2>
        {data.offers.length === 0 ? (
          <p className="card muted">{t('sponsors.member.none')}</p>
        ) : (
          <ul className="offer-grid">
            {data.offers.map((o) => (
              <li key={o.id} className="card offer-card">
                {o.hasImage ? (
                  <img src={`${base}/${o.id}/image`} alt="" className="offer-image" />
                ) : null}
                <p className="muted">{o.sponsor}</p>
                <h3>
                  <ShownText shown={o.title} />
                </h3>
                <p className="offer-discount">
                  <ShownText shown={o.discount} mark={false} />
                </p>
                <p className="muted">{t('sponsors.member.until', { date: o.until })}</p>
                <Link to={`${base}/${o.id}`} className="button">
                  {o.claimed
                    ? t('sponsors.member.showCode')
                    : o.soldOut
                      ? t('sponsors.member.details')
                      : t('sponsors.member.seeAndClaim')}
                </Link>
                {o.soldOut && !o.claimed ? (
                  <span className="badge">{t('sponsors.member.soldOutBadge')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.notices.length > 0 ? (
        <section className="card" aria-labelledby="notices-heading">
          <h2 id="notices-heading">{t('sponsors.member.notices')}</h2>
          {data.notices.map((n) => (
            <article key={n.id} className="notice">
              <h3>
                <ShownText shown={n.title} />
              </h3>
              <p className="muted">{n.sponsor}</p>
              <p className="prewrap">
                {/* One mark per notice: the body's own only when it differs from the title. */}
                <ShownText shown={n.body} mark={n.body.lang !== n.title.lang} />
              </p>
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
