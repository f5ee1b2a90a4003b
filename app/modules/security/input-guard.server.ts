import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import { isSingleFetchRequest, singleFetchRefusal } from '~/utils/single-fetch-refusal.server';

/**
 * One guard for the bytes a visitor controls. PostgreSQL refuses a NUL byte in text (and a
 * `\u0000` or lone-surrogate escape in jsonb), so such a value that reaches a query fails with a
 * database error that Remix answers as a 500 — and in development that 500 carries the stack
 * and the SQL with its parameters. Invalid UTF-8 is decoded to U+FFFD by some readers and
 * throws in others (decodeURIComponent). Both are refused here, at the edge, with a 400 in the
 * visitor's language, before any route runs (docs/decisions/081-input-guard-at-the-edge.md):
 *
 * - the path and the query: `guardRequestTarget` (server.ts) / `guardRequest` (fetch-style);
 * - urlencoded and multipart form bodies: `formBodyProblem` (readFormData) and
 *   `decodeTextField` (the multipart upload readers);
 * - JSON: `findUnsafeString` (the Resend webhook).
 *
 * What slips past anyway reaches `badInputCause`, which handleError (entry.server.tsx) uses to
 * turn PostgreSQL's own refusal into the same 400.
 */

export type InputProblem = 'nul' | 'invalid_utf8' | 'malformed_escape';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const PERCENT = 0x25;
const hexValue = (byte: number) =>
  byte >= 0x30 && byte <= 0x39
    ? byte - 0x30
    : byte >= 0x41 && byte <= 0x46
      ? byte - 0x37
      : byte >= 0x61 && byte <= 0x66
        ? byte - 0x57
        : -1;

/** NUL or invalid UTF-8 in raw bytes. */
export function bytesProblem(bytes: Uint8Array): InputProblem | null {
  if (bytes.includes(0)) return 'nul';
  try {
    utf8.decode(bytes);
  } catch {
    return 'invalid_utf8';
  }
  return null;
}

/**
 * NUL, invalid UTF-8 or a `%` that starts no escape, in percent-encoded bytes (a path, a query,
 * an urlencoded body). Decoding before checking is what matters: `%00` and `%FF` are plain
 * ASCII on the wire. Browsers encode a literal `%` as `%25`, so a bare one is a forged request.
 */
export function percentEncodedProblem(encoded: Uint8Array): InputProblem | null {
  const decoded = new Uint8Array(encoded.length);
  let length = 0;
  for (let i = 0; i < encoded.length; i += 1) {
    const byte = encoded[i];
    if (byte !== PERCENT) {
      decoded[length++] = byte;
      continue;
    }
    const high = i + 2 < encoded.length ? hexValue(encoded[i + 1]) : -1;
    const low = high >= 0 ? hexValue(encoded[i + 2]) : -1;
    if (low < 0) return 'malformed_escape';
    decoded[length++] = high * 16 + low;
    i += 2;
  }
  return bytesProblem(decoded.subarray(0, length));
}

/**
 * A string that PostgreSQL cannot store as text or jsonb: NUL, or a lone UTF-16 surrogate
 * (which JSON.parse produces from `"\ud800"`, and which no UTF-8 encoding can carry).
 */
export function textProblem(text: string): InputProblem | null {
  if (text.includes('\0')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'invalid_utf8' : null;
}

// String.prototype.isWellFormed, which TypeScript's ES2023 library does not declare yet.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (keys included) in a parsed JSON value that PostgreSQL would refuse. */
export function findUnsafeString(value: unknown, depth = 0): InputProblem | null {
  if (typeof value === 'string') return textProblem(value);
  if (!value || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findUnsafeString(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = textProblem(key) ?? findUnsafeString(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * A problem in a request target (`/path?query`, as received: Node's HTTP parser already refuses
 * raw control and non-ASCII bytes, so what remains to check is what the escapes decode to).
 */
export function requestTargetProblem(target: string): InputProblem | null {
  if (!target.includes('%') && !/[^\x21-\x7e]/.test(target)) return null;
  return textProblem(target) ?? percentEncodedProblem(Buffer.from(target, 'utf8'));
}

export interface Refusal {
  status: 400;
  headers: Record<string, string>;
  /** A stream for a single-fetch data request (turbo-stream is encoded as it is read). */
  body: string | ReadableStream<Uint8Array>;
}

/**
 * The 400 for a request target with bad bytes, or null when it is fine. Plain and short: no
 * route has run, so there is no session, layout or data to show. A Remix data request
 * (single fetch, `/path.data`) gets an answer in its encoding (single-fetch-refusal.server.ts).
 */
export function guardRequestTarget(
  target: string,
  headers: { acceptLanguage?: string | null; cookie?: string | null; method?: string },
): Refusal | null {
  if (!requestTargetProblem(target)) return null;
  return badInputRefusal(
    new Request(`http://local${target.startsWith('/') ? '' : '/'}${target}`, {
      method: headers.method === 'GET' || headers.method === 'HEAD' ? 'GET' : headers.method,
      headers: { 'Accept-Language': headers.acceptLanguage ?? '', Cookie: headers.cookie ?? '' },
    }),
    'errors.invalidAddress',
  );
}

/** `guardRequestTarget` for a Fetch Request (the in-process request handler in the tests). */
export function guardRequest(request: Request): Response | null {
  const url = new URL(request.url);
  const refusal = guardRequestTarget(`${url.pathname}${url.search}`, {
    acceptLanguage: request.headers.get('Accept-Language'),
    cookie: request.headers.get('Cookie'),
    method: request.method,
  });
  return refusal && toResponse(refusal);
}

/**
 * The answer to a request whose loader or action failed on bytes PostgreSQL refused (see
 * badInputCause), in place of Remix's 500 — whose development body would show the SQL.
 */
export function badInputResponse(request: Request): Response {
  return toResponse(badInputRefusal(request, 'errors.invalidCharacters'));
}

function badInputRefusal(
  request: Request,
  key: 'errors.invalidAddress' | 'errors.invalidCharacters',
): Refusal {
  const locale = getLocale(request);
  const message = translator(locale)(key);
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'Content-Language': locale,
  };
  if (isSingleFetchRequest(new URL(request.url))) {
    const response = singleFetchRefusal(request, 400, { formError: message }, headers);
    return { status: 400, headers: Object.fromEntries(response.headers), body: response.body! };
  }
  headers['Content-Type'] = 'text/plain; charset=utf-8';
  return { status: 400, headers, body: `${message}\n` };
}

function toResponse(refusal: Refusal): Response {
  return new Response(refusal.body, { status: refusal.status, headers: refusal.headers });
}

/**
 * A form body with bad bytes. urlencoded: every name and value, after percent-decoding.
 * multipart: every part's headers (names, file names) and every text part's content; file
 * contents are binary and are the upload readers' to check. Returns null for a body the form
 * parser will refuse on its own (no boundary, broken framing).
 */
export function formBodyProblem(contentType: string, body: Uint8Array): InputProblem | null {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return percentEncodedProblem(body);
  if (type !== 'multipart/form-data') return null;
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return null;
  for (const part of multipartParts(body, boundary[1] ?? boundary[2])) {
    const problem = bytesProblem(part.head);
    if (problem) return problem;
    if (/;\s*filename\*?=/i.test(Buffer.from(part.head).toString('latin1'))) continue;
    const contentProblem = bytesProblem(part.content);
    if (contentProblem) return contentProblem;
  }
  return null;
}

/** Splits a multipart body (RFC 7578) into each part's header block and content. */
function* multipartParts(body: Uint8Array, boundary: string) {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let start = buffer.indexOf(delimiter);
  while (start >= 0) {
    const afterDelimiter = start + delimiter.length;
    // `--boundary--` closes the body.
    if (buffer[afterDelimiter] === 0x2d && buffer[afterDelimiter + 1] === 0x2d) return;
    const next = buffer.indexOf(Buffer.from(`\r\n--${boundary}`, 'latin1'), afterDelimiter);
    if (next < 0) return;
    const part = buffer.subarray(afterDelimiter, next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd >= 0)
      yield { head: part.subarray(0, headEnd), content: part.subarray(headEnd + 4) };
    start = next + 2;
  }
}

/**
 * A multipart text field's bytes as a string, or null when they hold NUL or invalid UTF-8
 * (for the upload readers, which decode text parts themselves).
 */
export function decodeTextField(bytes: Uint8Array): string | null {
  if (bytesProblem(bytes)) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * PostgreSQL's refusal of a value's bytes, in `error` or what it wraps (drizzle keeps the
 * driver's error in `cause`), as PGlite and postgres.js both report it:
 * 22021 invalid_byte_sequence — a NUL in text ("invalid byte sequence for encoding "UTF8": 0x00");
 * 22P05 untranslatable_character — `\u0000` in jsonb ("unsupported Unicode escape sequence");
 * 22P02 invalid_text_representation — e.g. a lone surrogate escape in jsonb ("invalid input
 * syntax for type json"), or any other value of the wrong shape that came from the request.
 */
const BAD_INPUT_SQLSTATES = new Set(['22021', '22P05', '22P02']);

export function badInputCause(error: unknown): { code: string } | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && BAD_INPUT_SQLSTATES.has(code)) return { code };
    current = cause;
  }
  return undefined;
}
