import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useParams } from '@remix-run/react';
import { FormError } from '~/components/form-field';
import { editorErrors } from '~/components/sponsor/editor-errors';
import { OfferFields } from '~/components/sponsor/offer-fields';
import { useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseOfferEditor } from '~/modules/sponsors/offer-editor.server';
import { createOffer } from '~/modules/sponsors/offers.server';
import { savingThroughStorageOutage } from '~/modules/storage/storage-response.server';
import { offerFormSchema } from '~/modules/sponsors/offer-form';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { errorText, getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSponsor(request, params.sponsorId);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sponsor, event } = await requireSponsor(request, params.sponsorId);
  const t = getTranslator(request);
  const form = await parseOfferEditor(request, t);
  if (!form.ok) return form.response;
  const saved = await savingThroughStorageOutage(request, () =>
    createOffer({
      sponsorId: sponsor.id,
      eventId: event.id,
      userId: user.id,
      data: form.data,
      image: form.image,
    }),
  );
  if (!saved.ok) return saved.response;
  const offerId = saved.value;
  // Next step: the code pool (an offer cannot be sent for review without codes).
  return redirect(`/sponsor/${sponsor.id}/offers/${offerId}/codes`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.offers.new');

export default function NewOffer() {
  const t = useT();
  const { sponsorId } = useParams();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useStartlineForm(offerFormSchema, actionData, {
    defaultValue: { perMemberLimit: '1' },
  });
  const imageError = errorText(t, lastSubmission(actionData)?.error?.image ?? undefined);
  return (
    <section className="card">
      <h1>{t('sponsors.offers.new')}</h1>
      <p className="lead">{t('sponsors.editor.intro')}</p>
      {/* One line above the form: the server's own refusal, else a summary of the fields'. */}
      <FormError errors={editorErrors(form)} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <OfferFields fields={fields} imageError={imageError} hasImage={false} />
        <div className="actions">
          <button type="submit" className="button">
            {t('sponsors.editor.saveDraft')}
          </button>
          <Link to={`/sponsor/${sponsorId}`} className="button button--quiet">
            {t('sponsors.editor.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export { SponsorPageError as ErrorBoundary } from '~/components/sponsor/console-frame';
