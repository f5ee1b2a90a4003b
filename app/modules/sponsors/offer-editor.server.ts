import type { Translate } from '~/i18n/translate';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { offerFormSchema } from './offer-form';
import { readOfferForm } from './offer-image.server';
import type { ImageChange } from './offers.server';

/**
 * Reads and validates the offer editor's multipart form with the schema the page also checks
 * in the browser. A bad field or a file that is not a PNG/JPEG/WebP image answers 400
 * (refuseSubmission) with the field errors and the sponsor's input intact.
 */
export async function parseOfferEditor(request: Request, t: Translate) {
  const { fields, image } = await readOfferForm(request, t);
  const submission = await parseSubmission(fields, offerFormSchema, t);
  if (submission.status !== 'success' || image === 'invalid') {
    const response = refuseSubmission(submission, {
      fieldErrors: image === 'invalid' ? { image: 'sponsors.image.invalid' } : undefined,
    });
    return { ok: false as const, response };
  }
  const change: ImageChange = image ? image : submission.value.removeImage ? 'remove' : null;
  return { ok: true as const, data: submission.value, image: change };
}
