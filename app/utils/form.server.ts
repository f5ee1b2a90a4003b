import { json } from '@remix-run/node';
import type { z } from 'zod';
import type { MessageKey } from '~/i18n/messages';
import { isMessageKey, type Translate } from '~/i18n/translate';
import { formBodyProblem } from '~/modules/security/input-guard.server';

export const DEFAULT_FORM_LIMIT_BYTES = 64 * 1024;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** Thrown as a Response: the route's ErrorBoundary or Remix itself renders it as a 4xx. */
function refuse(status: number, key: MessageKey, t: Translate): never {
  throw json({ formError: t(key) }, { status });
}

/**
 * Reads a form body defensively: wrong content type → 415, larger than the limit → 413,
 * unreadable → 400, a NUL byte or invalid UTF-8 in any field (names and file names included)
 * → 400 before the route sees a value (input-guard.server.ts). Never lets a malformed body
 * reach the route as a 500.
 */
export async function readFormData(
  request: Request,
  t: Translate,
  limitBytes = DEFAULT_FORM_LIMIT_BYTES,
): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) refuse(415, 'errors.unsupportedContentType', t);
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > limitBytes) refuse(413, 'errors.bodyTooLarge', t);
  const body = await readLimited(request, limitBytes).catch((error: unknown) => {
    if (error instanceof BodyTooLarge) refuse(413, 'errors.bodyTooLarge', t);
    refuse(400, 'errors.badRequest', t);
  });
  if (formBodyProblem(request.headers.get('Content-Type') ?? '', body as Uint8Array)) {
    refuse(400, 'errors.invalidCharacters', t);
  }
  try {
    return await new Request(request.url, {
      method: 'POST',
      headers: { 'Content-Type': request.headers.get('Content-Type') ?? type },
      body: body as unknown as BodyInit,
    }).formData();
  } catch {
    refuse(400, 'errors.badRequest', t);
  }
}

class BodyTooLarge extends Error {}

async function readLimited(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/**
 * Parses form fields with a zod schema whose messages are i18n keys, and returns localized
 * field errors plus the user's input (so nothing typed is lost on a 400).
 */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  t: Translate,
): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string') values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fieldErrors[field]) continue;
    fieldErrors[field] = isMessageKey(issue.message) ? t(issue.message) : t('form.errorSummary');
  }
  return { ok: false, fieldErrors, values };
}

/** The standard 400 answer for a form that did not validate. */
export function formErrorResponse(result: {
  fieldErrors: FieldErrors;
  values: Record<string, string>;
}) {
  return json({ fieldErrors: result.fieldErrors, values: result.values }, { status: 400 });
}
