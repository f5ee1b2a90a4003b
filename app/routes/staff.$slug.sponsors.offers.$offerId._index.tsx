import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ReviewForm, ReviewedItem } from '~/components/sponsor/review-form';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { formatPeriod } from '~/modules/sponsors/offer-dates';
import { reviewFormSchema } from '~/modules/sponsors/offer-form';
import {
  getOfferForReview,
  reviewOffer,
  reviewRefusal,
} from '~/modules/sponsors/sponsor-review.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  const offer = await getOfferForReview(event.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  const { validFrom, validUntil, ...rest } = offer;
  return json({
    slug: event.slug,
    offer: {
      ...rest,
      period: formatPeriod(validFrom, validUntil, locale),
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, event } = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, reviewFormSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await reviewOffer({
    eventId: event.id,
    offerId: params.offerId ?? '',
    ownerUserId: user.id,
    ...submission.value,
  });
  if (!result.ok) {
    return refuseSubmission(submission, { formError: reviewRefusal[result.reason] }, 409);
  }
  return redirect(`/staff/${event.slug}/sponsors`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.review.offerTitle');

export default function ReviewOffer() {
  const { slug, offer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <ReviewedItem slug={slug} title={t('sponsors.review.offerTitle')} item={offer}>
        {offer.hasImage ? (
          <img
            src={`/staff/${slug}/sponsors/offers/${offer.id}/image`}
            alt=""
            className="offer-image"
          />
        ) : null}
        <div className="pair">
          {/* A sponsor may write one language only; the owner sees which one is missing. */}
          {offer.titleJa ? (
            <article lang="ja">
              <h2>{offer.titleJa}</h2>
              <p className="offer-discount">{offer.discountJa}</p>
              <p className="prewrap">{offer.bodyJa}</p>
              <p className="muted prewrap">{offer.termsJa}</p>
            </article>
          ) : (
            <p className="muted">{t('sponsors.content.noJapanese')}</p>
          )}
          {offer.titleEn ? (
            <article lang="en">
              <h2>{offer.titleEn}</h2>
              <p className="offer-discount">{offer.discountEn}</p>
              <p className="prewrap">{offer.bodyEn}</p>
              <p className="muted prewrap">{offer.termsEn}</p>
            </article>
          ) : (
            <p className="muted">{t('sponsors.content.noEnglish')}</p>
          )}
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
      </ReviewedItem>
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

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
