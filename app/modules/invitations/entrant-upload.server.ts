import {
  json,
  MaxPartSizeExceededError,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from '@remix-run/node';
import type { Translate } from '~/i18n/translate';
import { textProblem } from '~/modules/security/input-guard.server';
import { withBodyLimit } from '~/utils/request-body.server';

/** Largest entrant list accepted (a 60,000-row list is about 5 MB). */
export const ENTRANT_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const ENVELOPE_BYTES = 64 * 1024;
const ACCEPTED_EXTENSIONS = /\.(csv|txt|tsv)$/i;

/**
 * Reads the one uploaded file of the import form, in memory, refusing anything too large
 * (413), not a form upload (415) or not a CSV (400) with a localized message — never a 500.
 * Content sniffing (binary, UTF-16) happens in the CSV reader.
 */
export async function readEntrantUpload(
  request: Request,
  t: Translate,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const refuse = (status: number, message: string): never => {
    throw json({ formError: message }, { status });
  };
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data') refuse(415, t('errors.unsupportedContentType'));
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > ENTRANT_FILE_LIMIT_BYTES + ENVELOPE_BYTES)
    refuse(413, t('invitations.file.tooLarge'));

  let files = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    // Only the one file field is kept; anything else is read and dropped (bounded).
    const keep = name === 'file' && typeof filename === 'string' && files === 0;
    const limit = keep ? ENTRANT_FILE_LIMIT_BYTES : 1024;
    const chunks: BlobPart[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) throw new MaxPartSizeExceededError(name, limit);
      chunks.push(chunk as Uint8Array<ArrayBuffer>);
    }
    if (!keep) return undefined;
    files += 1;
    return new File(chunks, filename ?? 'upload.csv', { type: 'application/octet-stream' });
  };

  let formData: FormData;
  try {
    // The whole body too (a BodyTooLargeError is a MaxPartSizeExceededError): dropped parts
    // and part headers count, however many there are.
    const limited = withBodyLimit(request, ENTRANT_FILE_LIMIT_BYTES + ENVELOPE_BYTES);
    formData = await unstable_parseMultipartFormData(limited, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) refuse(413, t('invitations.file.tooLarge'));
    refuse(400, t('errors.badRequest'));
  }
  const file = formData!.get('file');
  if (!(file instanceof File) || file.size === 0) {
    if (file instanceof File && file.name) refuse(400, t('invitations.file.empty'));
    refuse(400, t('invitations.file.missing'));
  }
  const upload = file as File;
  // The file name is kept with the import; PostgreSQL refuses a NUL in it (decision 081).
  if (textProblem(upload.name)) refuse(400, t('errors.invalidCharacters'));
  if (!ACCEPTED_EXTENSIONS.test(upload.name)) refuse(400, t('invitations.file.wrongType'));
  return { fileName: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
}
