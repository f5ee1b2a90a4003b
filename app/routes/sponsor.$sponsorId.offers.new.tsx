import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useParams } from '@remix-run/react';
import { OfferFields } from '~/components/sponsor/offer-fields';
import { useT } from '~/i18n/use-t';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseOfferEditor } from '~/modules/sponsors/offer-editor.server';
import { createOffer } from '~/modules/sponsors/offers.server';
import { savingThroughStorageOutage } from '~/modules/storage/storage-response.server';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
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
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
    formError?: string;
  }>();
  return (
    <section className="card">
      <h1>{t('sponsors.offers.new')}</h1>
      <p className="lead">{t('sponsors.editor.intro')}</p>
      {actionData?.fieldErrors || actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {actionData.formError ?? t('form.errorSummary')}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <OfferFields
          values={actionData?.values ?? {}}
          errors={actionData?.fieldErrors}
          hasImage={false}
        />
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
