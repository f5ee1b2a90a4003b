import { json } from '@remix-run/node';
import type { Translate } from '~/i18n/translate';
import { parseForm } from '~/utils/form.server';
import { offerFormSchema, type OfferFormData } from './offer-form';
import { readOfferForm } from './offer-image.server';
import type { ImageChange } from './offers.server';

/**
 * Reads and validates the offer editor's multipart form. A bad field or a file that is not a
 * PNG/JPEG/WebP image answers 400 with the field errors and the sponsor's input intact.
 */
export async function parseOfferEditor(
  request: Request,
  t: Translate,
): Promise<
  { ok: true; data: OfferFormData; image: ImageChange } | { ok: false; response: Response }
> {
  const { fields, image } = await readOfferForm(request, t);
  const form = parseForm(fields, offerFormSchema, t);
  const imageError = image === 'invalid' ? t('sponsors.image.invalid') : null;
  if (!form.ok || imageError) {
    const fieldErrors = form.ok ? {} : form.fieldErrors;
    const values = form.ok
      ? Object.fromEntries([...fields.entries()].map(([k, v]) => [k, String(v)]))
      : form.values;
    if (imageError) fieldErrors.image = imageError;
    return { ok: false, response: json({ fieldErrors, values }, { status: 400 }) };
  }
  const change: ImageChange =
    image && image !== 'invalid' ? image : form.data.removeImage ? 'remove' : null;
  return { ok: true, data: form.data, image: change };
}
