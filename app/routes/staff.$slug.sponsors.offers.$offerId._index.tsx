import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ReviewForm } from '~/components/sponsor/review-form';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { formatDay } from '~/modules/sponsors/offer-dates';
import { reviewFormSchema } from '~/modules/sponsors/offer-form';
import { getOfferForReview, reviewOffer } from '~/modules/sponsors/sponsor-review.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner');
  const offer = await getOfferForReview(event.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  const { validFrom, validUntil, ...rest } = offer;
  return json({
    slug: event.slug,
    offer: {
      ...rest,
      period: `${formatDay(validFrom, locale)} – ${formatDay(validUntil, locale)}`,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireStaff(request, params.slug, 'owner');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), reviewFormSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await reviewOffer({
    eventId: event.id,
    offerId: params.offerId ?? '',
    ownerUserId: user.id,
    ...form.data,
  });
  if (!result.ok) {
    const message =
      result.reason === 'stale' ? t('sponsors.review.stale') : t('sponsors.review.notPending');
    return json({ formError: message }, { status: 409 });
  }
  return redirect(`/staff/${event.slug}/sponsors`);
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function ReviewOffer() {
  const { slug, offer } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    formError?: string;
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
  }>();
  const t = useT();
  const ja = useLocale() === 'ja';
  return (
    <>
      <p className="muted">
        <Link to={`/staff/${slug}/sponsors`}>← {t('sponsors.staff.title')}</Link>
      </p>
      <section className="card">
        <div className="card__head">
          <h1>{t('sponsors.review.offerTitle')}</h1>
          <ReviewStatusBadge status={offer.status} />
        </div>
        <p className="muted">
          {ja ? offer.sponsorNameJa : offer.sponsorNameEn} ·{' '}
          {t('sponsors.review.version', { n: offer.version })}
        </p>
        {offer.hasImage ? (
          <img
            src={`/staff/${slug}/sponsors/offers/${offer.id}/image`}
            alt=""
            className="offer-image"
          />
        ) : null}
        <div className="pair">
          <article lang="ja">
            <h2>{offer.titleJa}</h2>
            <p className="offer-discount">{offer.discountJa}</p>
            <p className="prewrap">{offer.bodyJa}</p>
            <p className="muted prewrap">{offer.termsJa}</p>
          </article>
          <article lang="en">
            <h2>{offer.titleEn}</h2>
            <p className="offer-discount">{offer.discountEn}</p>
            <p className="prewrap">{offer.bodyEn}</p>
            <p className="muted prewrap">{offer.termsEn}</p>
          </article>
        </div>
        <dl className="stat-facts">
          <div>
            <dt>{t('sponsors.offer.period')}</dt>
            <dd>{offer.period}</dd>
          </div>
          <div>
            <dt>{t('sponsors.offer.perMemberLimit')}</dt>
            <dd>{offer.perMemberLimit}</dd>
          </div>
          <div>
            <dt>{t('sponsors.offer.poolSize')}</dt>
            <dd>{offer.poolSize}</dd>
          </div>
        </dl>
      </section>
      {offer.status === 'pending' ? (
        <ReviewForm version={offer.version} actionData={actionData} />
      ) : offer.reviewComment ? (
        <p className="review-comment">
          <strong>{t('sponsors.review.comment')}:</strong> {offer.reviewComment}
        </p>
      ) : null}
    </>
  );
}
