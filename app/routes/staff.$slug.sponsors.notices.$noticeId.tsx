import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ReviewForm, ReviewedItem } from '~/components/sponsor/review-form';
import { useLocale, useT } from '~/i18n/use-t';
import { forbiddenBelow, requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import {
  draftAnnouncementFromNotice,
  noticeDraftState,
} from '~/modules/sponsors/notice-announcement.server';
import { reviewFormSchema } from '~/modules/sponsors/offer-form';
import {
  getNoticeForReview,
  reviewNotice,
  reviewRefusal,
} from '~/modules/sponsors/sponsor-review.server';
import { readFormData } from '~/utils/form.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  const notice = await getNoticeForReview(event.id, params.noticeId ?? '');
  if (!notice) throw new Response(null, { status: 404 });
  const { draft, channel } = await noticeDraftState(event.id, notice.id);
  const approved = notice.status === 'approved' && !draft;
  return json({
    slug: event.slug,
    notice,
    draftId: draft?.id ?? null,
    // Shown only while the notice is approved, not yet drafted, and the channel exists.
    sponsorChannel: approved && channel ? { nameJa: channel.nameJa, nameEn: channel.nameEn } : null,
    missingChannel: approved && !channel,
  });
}

const DRAFT_INTENT = 'draft-announcement';

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'owner', context);
  const { user, event } = staff;
  const t = getTranslator(request);
  // Two forms: a bare button that drafts the announcement, and the review (parsed below).
  const formData = await readFormData(request, t);
  if (formData.get('intent') === DRAFT_INTENT) {
    const result = await draftAnnouncementFromNotice(staff, params.noticeId ?? '');
    if (result.ok) {
      return redirect(`/staff/${event.slug}/announcements/${result.announcementId}/edit`);
    }
    if (result.reason === 'not_found') throw new Response(null, { status: 404 });
    if (result.reason === 'forbidden') throw forbiddenBelow('owner');
    const message =
      result.reason === 'no_channel'
        ? t('sponsors.noticeDraft.noChannel')
        : t('sponsors.noticeDraft.notApproved');
    return json({ draftError: message }, { status: 409 });
  }
  const submission = await parseSubmission(formData, reviewFormSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await reviewNotice({
    eventId: event.id,
    noticeId: params.noticeId ?? '',
    ownerUserId: user.id,
    ...submission.value,
  });
  if (!result.ok) {
    return refuseSubmission(submission, { formError: reviewRefusal[result.reason] }, 409);
  }
  // An approved notice stays on its page, where the next step (drafting the sponsor-channel
  // announcement) is offered; a returned one goes back to the review queue.
  return redirect(
    submission.value.decision === 'approve'
      ? `/staff/${event.slug}/sponsors/notices/${params.noticeId}`
      : `/staff/${event.slug}/sponsors`,
  );
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.review.noticeTitle');

export default function ReviewNotice() {
  const { slug, notice, draftId, sponsorChannel, missingChannel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const draftError = actionData && 'draftError' in actionData ? actionData.draftError : null;
  const t = useT();
  const ja = useLocale() === 'ja';
  return (
    <>
      <ReviewedItem slug={slug} title={t('sponsors.review.noticeTitle')} item={notice}>
        <div className="pair">
          {/* A sponsor may write one language only; the owner sees which one is missing. */}
          {notice.titleJa ? (
            <article lang="ja">
              <h2>{notice.titleJa}</h2>
              <p className="prewrap">{notice.bodyJa}</p>
            </article>
          ) : (
            <p className="muted">{t('sponsors.content.noJapanese')}</p>
          )}
          {notice.titleEn ? (
            <article lang="en">
              <h2>{notice.titleEn}</h2>
              <p className="prewrap">{notice.bodyEn}</p>
            </article>
          ) : (
            <p className="muted">{t('sponsors.content.noEnglish')}</p>
          )}
        </div>
      </ReviewedItem>
      {notice.status === 'pending' ? (
        <ReviewForm version={notice.version} actionData={actionData} />
      ) : notice.reviewComment ? (
        <p className="review-comment">
          <strong>{t('sponsors.review.comment')}:</strong> {notice.reviewComment}
        </p>
      ) : null}
      {draftId || sponsorChannel || missingChannel || draftError ? (
        <section className="card">
          <h2>{t('sponsors.noticeDraft.heading')}</h2>
          {draftError ? (
            <p className="alert alert--error" role="alert">
              {draftError}
            </p>
          ) : null}
          {draftId ? (
            <p>
              <span className="badge">{t('sponsors.noticeDraft.drafted')}</span>{' '}
              <Link to={`/staff/${slug}/announcements/${draftId}`}>
                {t('sponsors.noticeDraft.open')}
              </Link>
            </p>
          ) : null}
          {sponsorChannel ? (
            <Form method="post">
              <p className="muted">
                {t('sponsors.noticeDraft.intro', {
                  channel: ja ? sponsorChannel.nameJa : sponsorChannel.nameEn,
                })}
              </p>
              <input type="hidden" name="intent" value={DRAFT_INTENT} />
              <div className="actions">
                <button type="submit" className="button">
                  {t('sponsors.noticeDraft.create')}
                </button>
              </div>
            </Form>
          ) : null}
          {missingChannel && !draftError ? (
            <p className="muted">{t('sponsors.noticeDraft.noChannel')}</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
