import { buffer } from 'node:stream/consumers';
import { MaxPartSizeExceededError, unstable_parseMultipartFormData } from '@remix-run/node';
import { json } from '@remix-run/node';
import type { Translate } from '~/i18n/translate';
import { decodeTextField } from '~/modules/security/input-guard.server';
import { isStorageKey } from '~/modules/storage/object-storage';
import { offerImageStorage } from '~/modules/storage/storages.server';
import { answeringStorageOutage } from '~/modules/storage/storage-response.server';
import { withBodyLimit } from '~/utils/request-body.server';

export const OFFER_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const FORM_FIELDS_MAX_BYTES = 64 * 1024;

export type OfferImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What an image is, judged by its first bytes — never by its name or the claimed type. */
export function sniffImage(head: Uint8Array): OfferImageType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((byte, i) => head[i] === byte)) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg';
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Offer images live in their own namespace of the storage module (DATA_DIR/media/offers, or
 * `offer-images/<key>` in the bucket: decision 095), under random names, so every process of
 * the app serves the image any of them stored.
 */
export async function storeOfferImage(bytes: Uint8Array): Promise<string> {
  const { key } = await offerImageStorage.write(
    (async function* () {
      yield bytes;
    })(),
  );
  return key;
}

/** The image's bytes (at most 2 MB, read whole), or null when there is no such file. */
export async function readOfferImage(name: string): Promise<Buffer | null> {
  if (!isStorageKey(name)) return null;
  const body = await offerImageStorage.read(name);
  return body ? buffer(body) : null;
}

export async function removeOfferImage(name: string | null | undefined) {
  if (!name) return;
  await offerImageStorage.remove(name);
}

export async function listStoredOfferImages(): Promise<string[]> {
  return offerImageStorage.list();
}

/**
 * Reads the offer editor's multipart form: every part is held in memory under a small limit
 * (the image ≤ 2 MB, the text fields ≤ 64 KB together). Too large → 413, unreadable → 400,
 * a wrong content type → 415; never a 500.
 */
export async function readOfferForm(
  request: Request,
  t: Translate,
): Promise<{
  fields: FormData;
  image: { bytes: Uint8Array; type: OfferImageType } | null | 'invalid';
}> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data') {
    throw json({ formError: t('errors.unsupportedContentType') }, { status: 415 });
  }
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > OFFER_IMAGE_MAX_BYTES + FORM_FIELDS_MAX_BYTES) {
    throw json({ formError: t('sponsors.image.tooLarge') }, { status: 413 });
  }
  let fieldBytes = 0;
  let formData: FormData;
  try {
    // The whole body too (BodyTooLargeError is a MaxPartSizeExceededError): the per-part
    // limits alone would let any number of parts through.
    const limited = withBodyLimit(request, OFFER_IMAGE_MAX_BYTES + FORM_FIELDS_MAX_BYTES);
    formData = await unstable_parseMultipartFormData(limited, async ({ name, filename, data }) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const limit = filename === undefined ? FORM_FIELDS_MAX_BYTES : OFFER_IMAGE_MAX_BYTES;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (filename === undefined) fieldBytes += chunk.byteLength;
        if (size > limit || fieldBytes > FORM_FIELDS_MAX_BYTES)
          throw new MaxPartSizeExceededError(name, limit);
        chunks.push(chunk);
      }
      const bytes = Buffer.concat(chunks);
      if (filename === undefined) {
        const text = decodeTextField(bytes);
        if (text === null)
          throw json({ formError: t('errors.invalidCharacters') }, { status: 400 });
        return text;
      }
      if (name !== 'image' || bytes.byteLength === 0) return undefined;
      return new File([bytes], 'upload', { type: 'application/octet-stream' });
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartSizeExceededError) {
      throw json({ formError: t('sponsors.image.tooLarge') }, { status: 413 });
    }
    throw json({ formError: t('errors.badRequest') }, { status: 400 });
  }
  const file = formData.get('image');
  formData.delete('image');
  if (!(file instanceof File)) return { fields: formData, image: null };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniffImage(bytes.subarray(0, 16));
  return { fields: formData, image: sniffed ? { bytes, type: sniffed } : 'invalid' };
}

/**
 * An offer image as a private, non-cached response (or 404); a store that is down answers
 * 503 with Retry-After in the visitor's language.
 */
export function imageResponse(
  request: Request,
  image: { file: string; type: string } | null,
): Promise<Response> {
  return answeringStorageOutage(request, async () => {
    const bytes = image ? await readOfferImage(image.file) : null;
    if (!image || !bytes) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'Content-Type': image.type,
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Disposition': 'inline',
      },
    });
  });
}
