import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { FormError } from '~/components/form-field';
import { editorErrors } from '~/components/sponsor/editor-errors';
import { NoticeFields } from '~/components/sponsor/notice-fields';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { LocalizedText } from '~/components/sponsor/content-language';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { noticeFormSchema } from '~/modules/sponsors/offer-form';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { listNoticesForSponsor, saveNotice } from '~/modules/sponsors/sponsor-notices.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  const notices = await listNoticesForSponsor(sponsor.id);
  return json({
    sponsorId: sponsor.id,
    notices,
    saved: new URL(request.url).searchParams.get('saved') === '1',
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const submission = await parseSubmission(request, noticeFormSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  await saveNotice({
    sponsorId: sponsor.id,
    eventId: event.id,
    userId: user.id,
    data: submission.value,
    // The button pressed: send for review, or keep as a draft.
    submit: submission.payload.intent === 'submit',
  });
  return redirect(`/sponsor/${sponsor.id}/notices?saved=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.notices.title');

export default function SponsorNotices() {
  const { sponsorId, notices, saved } = useLoaderData<typeof loader>();
  const [form, fields] = useStartlineForm(noticeFormSchema, useActionData<typeof action>());
  const t = useT();
  return (
    <>
      <section className="card">
        <h1>{t('sponsors.notices.title')}</h1>
        <p className="lead">{t('sponsors.notices.intro')}</p>
        {saved ? (
          <p className="alert alert--ok" role="status">
            {t('sponsors.notices.saved')}
          </p>
        ) : null}
        {notices.length === 0 ? (
          <p className="muted">{t('sponsors.notices.none')}</p>
        ) : (
          <ul className="list">
            {notices.map((notice) => (
              <li key={notice.id}>
                <span>
                  <Link to={`/sponsor/${sponsorId}/notices/${notice.id}`}>
                    <LocalizedText ja={notice.titleJa} en={notice.titleEn} />
                  </Link>
                  {notice.status === 'rejected' && notice.reviewComment ? (
                    <span className="muted">
                      {' '}
                      — {t('sponsors.review.commentFromOrganizer')}: {notice.reviewComment}
                    </span>
                  ) : null}
                </span>
                <ReviewStatusBadge status={notice.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('sponsors.notices.new')}</h2>
        <FormError errors={editorErrors(form)} />
        <Form method="post" {...getFormProps(form)}>
          <NoticeFields fields={fields} />
          <div className="actions">
            <button type="submit" name="intent" value="submit" className="button">
              {t('sponsors.notices.submit')}
            </button>
            <button type="submit" name="intent" value="draft" className="button button--quiet">
              {t('sponsors.editor.saveDraft')}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
