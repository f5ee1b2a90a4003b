import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { z } from 'zod';
import { FormError } from '~/components/form-field';
import { editorErrors } from '~/components/sponsor/editor-errors';
import { NoticeFields } from '~/components/sponsor/notice-fields';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { noticeFormSchema } from '~/modules/sponsors/offer-form';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import {
  listNoticesForSponsor,
  saveNotice,
  withdrawNotice,
} from '~/modules/sponsors/sponsor-notices.server';
import { readFormData } from '~/utils/form.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

/** The take-down button's form: nothing but its intent. */
const withdrawSchema = z.object({ intent: z.literal('withdraw') });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  const notice = (await listNoticesForSponsor(sponsor.id)).find((n) => n.id === params.noticeId);
  if (!notice) throw new Response(null, { status: 404 });
  return json({ sponsorId: sponsor.id, notice });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const noticeId = params.noticeId ?? '';
  const fields = await readFormData(request, t);
  if (fields.get('intent') === 'withdraw') {
    const withdrawal = await parseSubmission(fields, withdrawSchema, t);
    // Already taken down (another tab, or the owner returned it): say so on the page.
    if (!(await withdrawNotice(sponsor.id, noticeId))) {
      return refuseSubmission(withdrawal, { formError: 'sponsors.notices.cannotWithdraw' }, 409);
    }
    return redirect(`/sponsor/${sponsor.id}/notices?saved=1`);
  }
  const submission = await parseSubmission(fields, noticeFormSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const saved = await saveNotice({
    sponsorId: sponsor.id,
    eventId: event.id,
    userId: user.id,
    noticeId,
    data: submission.value,
    // The button pressed: send for review, or keep as a draft.
    submit: submission.payload.intent === 'submit',
  });
  if (!saved.ok) throw new Response(null, { status: 404 });
  return redirect(`/sponsor/${sponsor.id}/notices?saved=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.notices.edit');

export default function EditNotice() {
  const { sponsorId, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  // The take-down's refusal is shown above; only the editor's own goes back into the editor.
  const refusal = lastSubmission(actionData);
  const withdrawRefused = refusal?.initialValue?.intent === 'withdraw';
  const [form, fields] = useStartlineForm(
    noticeFormSchema,
    withdrawRefused ? undefined : actionData,
    { defaultValue: notice },
  );
  const formErrors = withdrawRefused ? (refusal?.error?.[''] ?? undefined) : editorErrors(form);
  return (
    <section className="card">
      <p className="muted">
        <Link to={`/sponsor/${sponsorId}/notices`}>← {t('sponsors.notices.title')}</Link>
      </p>
      <div className="card__head">
        <h1>{t('sponsors.notices.edit')}</h1>
        <ReviewStatusBadge status={notice.status} />
      </div>
      <FormError errors={formErrors} />
      {notice.status === 'approved' ? (
        <p className="alert alert--warn">{t('sponsors.notices.editApprovedWarning')}</p>
      ) : null}
      {notice.reviewComment ? (
        <p className="review-comment">
          <strong>{t('sponsors.review.commentFromOrganizer')}:</strong> {notice.reviewComment}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <NoticeFields fields={fields} />
        <div className="actions">
          <button type="submit" name="intent" value="submit" className="button">
            {t('sponsors.notices.submit')}
          </button>
          {notice.status === 'pending' || notice.status === 'approved' ? null : (
            <button type="submit" name="intent" value="draft" className="button button--quiet">
              {t('sponsors.editor.saveDraft')}
            </button>
          )}
        </div>
      </Form>
      {notice.status === 'pending' || notice.status === 'approved' ? (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="withdraw" className="button button--quiet">
            {t('sponsors.notices.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
