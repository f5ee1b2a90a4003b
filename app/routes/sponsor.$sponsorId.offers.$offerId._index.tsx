import { offerEditorState } from '~/i18n/key-families';
import { savingThroughStorageOutage } from '~/modules/storage/storage-response.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/form-field';
import { editorErrors } from '~/components/sponsor/editor-errors';
import { OfferFields } from '~/components/sponsor/offer-fields';
import { ReviewStatusBadge } from '~/components/sponsor/review-status';
import { useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseOfferEditor } from '~/modules/sponsors/offer-editor.server';
import { offerFormSchema } from '~/modules/sponsors/offer-form';
import {
  getOfferForSponsor,
  submitOffer,
  updateOffer,
  withdrawOffer,
} from '~/modules/sponsors/offers.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

const intentSchema = z.object({
  intent: z.enum(['submit', 'withdraw'], { error: 'form.required' }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor } = await requireSponsor(request, params.sponsorId);
  const offer = await getOfferForSponsor(sponsor.id, params.offerId ?? '');
  if (!offer) throw new Response(null, { status: 404 });
  const { validFrom: _from, validUntil: _until, ...fields } = offer;
  return json({
    sponsorId: sponsor.id,
    offer: fields,
    saved: new URL(request.url).searchParams.get('saved'),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const offerId = params.offerId ?? '';
  const base = `/sponsor/${sponsor.id}/offers/${offerId}`;
  const isMultipart = (request.headers.get('Content-Type') ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data');
  if (isMultipart) {
    const form = await parseOfferEditor(request, t);
    if (!form.ok) return form.response;
    const saved = await savingThroughStorageOutage(request, () =>
      updateOffer({
        sponsorId: sponsor.id,
        offerId,
        userId: user.id,
        data: form.data,
        image: form.image,
      }),
    );
    if (!saved.ok) return saved.response;
    const result = saved.value;
    if (!result.ok) throw new Response(null, { status: 404 });
    return redirect(`${base}?saved=${result.withdrawn ? 'withdrawn' : 'saved'}`);
  }
  const submission = await parseSubmission(request, intentSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  if (submission.value.intent === 'submit') {
    const result = await submitOffer({ sponsorId: sponsor.id, offerId, userId: user.id });
    if (!result.ok) {
      return result.reason === 'no_codes'
        ? refuseSubmission(submission, { formError: 'sponsors.editor.needsCodes' })
        : refuseSubmission(submission, { formError: 'sponsors.editor.cannotSubmit' }, 409);
    }
    return redirect(`${base}?saved=submitted`);
  }
  if (!(await withdrawOffer({ sponsorId: sponsor.id, offerId, userId: user.id }))) {
    return refuseSubmission(submission, { formError: 'sponsors.editor.cannotWithdraw' }, 409);
  }
  return redirect(`${base}?saved=taken-down`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.editor.title');

const SAVED_MESSAGES = {
  saved: 'sponsors.editor.saved',
  withdrawn: 'sponsors.editor.savedWithdrawn',
  submitted: 'sponsors.editor.submitted',
  'taken-down': 'sponsors.editor.takenDown',
} as const;

export default function EditOffer() {
  const { sponsorId, offer, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/sponsor/${sponsorId}/offers/${offer.id}`;
  const savedKey =
    saved && saved in SAVED_MESSAGES ? SAVED_MESSAGES[saved as keyof typeof SAVED_MESSAGES] : null;
  // The page has two kinds of form: a refusal that carries an intent (submit, withdraw) is
  // shown above; only the editor's own refusal goes back into the editor.
  const refusal = lastSubmission(actionData);
  const intentRefused = Boolean(refusal?.initialValue && 'intent' in refusal.initialValue);
  const [form, fields] = useStartlineForm(offerFormSchema, intentRefused ? undefined : actionData, {
    defaultValue: {
      ...offer,
      validFrom: offer.validFromDay,
      validUntil: offer.validUntilDay,
      perMemberLimit: String(offer.perMemberLimit),
    },
  });
  const formErrors = intentRefused
    ? (refusal?.error?.[''] ?? refusal?.error?.intent ?? undefined)
    : editorErrors(form);
  const imageError = intentRefused ? undefined : errorText(t, refusal?.error?.image ?? undefined);
  return (
    <>
      <section className="card">
        <div className="card__head">
          <h1>{t('sponsors.editor.title')}</h1>
          <ReviewStatusBadge status={offer.status} />
        </div>
        {savedKey ? (
          <p className="alert alert--ok" role="status">
            {t(savedKey)}
          </p>
        ) : null}
        <FormError errors={formErrors} />
        <p className="lead">{t(offerEditorState(offer.status))}</p>
        {offer.reviewComment ? (
          <p className="review-comment">
            <strong>{t('sponsors.review.commentFromOrganizer')}:</strong> {offer.reviewComment}
          </p>
        ) : null}
        <div className="actions">
          <Link to={`${base}/codes`} className="button button--quiet">
            {t('sponsors.codes.manage')}
          </Link>
          {offer.status === 'draft' ||
          offer.status === 'rejected' ||
          offer.status === 'withdrawn' ? (
            <Form method="post">
              <button type="submit" name="intent" value="submit" className="button">
                {t('sponsors.editor.submit')}
              </button>
            </Form>
          ) : null}
          {offer.status === 'pending' || offer.status === 'approved' ? (
            <Form method="post">
              <button type="submit" name="intent" value="withdraw" className="button button--quiet">
                {t('sponsors.editor.withdraw')}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
      <section className="card">
        <h2>{t('sponsors.editor.contents')}</h2>
        {offer.status === 'approved' ? (
          <p className="alert alert--warn">{t('sponsors.editor.editApprovedWarning')}</p>
        ) : null}
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <OfferFields
            fields={fields}
            imageError={imageError}
            hasImage={offer.hasImage}
            imageUrl={`${base}/image`}
          />
          <button type="submit" className="button">
            {offer.status === 'approved' || offer.status === 'pending'
              ? t('sponsors.editor.saveForReview')
              : t('sponsors.editor.saveDraft')}
          </button>
        </Form>
      </section>
    </>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
