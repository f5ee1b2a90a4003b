import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ReviewForm } from '~/components/sponsor/review-form';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { reviewFormSchema } from '~/modules/sponsors/offer-form';
import { getNoticeForReview, reviewNotice } from '~/modules/sponsors/sponsor-review.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner');
  const notice = await getNoticeForReview(event.id, params.noticeId ?? '');
  if (!notice) throw new Response(null, { status: 404 });
  return json({ slug: event.slug, notice });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireStaff(request, params.slug, 'owner');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), reviewFormSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await reviewNotice({
    eventId: event.id,
    noticeId: params.noticeId ?? '',
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

export default function ReviewNotice() {
  const { slug, notice } = useLoaderData<typeof loader>();
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
          <h1>{t('sponsors.review.noticeTitle')}</h1>
          <ReviewStatusBadge status={notice.status} />
        </div>
        <p className="muted">
          {ja ? notice.sponsorNameJa : notice.sponsorNameEn} ·{' '}
          {t('sponsors.review.version', { n: notice.version })}
        </p>
        <div className="pair">
          <article lang="ja">
            <h2>{notice.titleJa}</h2>
            <p className="prewrap">{notice.bodyJa}</p>
          </article>
          <article lang="en">
            <h2>{notice.titleEn}</h2>
            <p className="prewrap">{notice.bodyEn}</p>
          </article>
        </div>
      </section>
      {notice.status === 'pending' ? (
        <ReviewForm version={notice.version} actionData={actionData} />
      ) : null}
    </>
  );
}
