import { MaxPartSizeExceededError } from '@remix-run/node';

/**
 * A request body over its reader's byte limit (answered with 413). It is a
 * MaxPartSizeExceededError, so the multipart readers, which already answer that error with
 * their own localized 413, treat a whole body over the limit the same way as one large part.
 */
export class BodyTooLargeError extends MaxPartSizeExceededError {
  constructor(readonly limitBytes: number) {
    super('(request body)', limitBytes);
    this.name = 'BodyTooLargeError';
  }
}

/** The client announced more than `limitBytes` (a chunked body announces nothing). */
export function declaresMoreThan(request: Request, limitBytes: number): boolean {
  return Number(request.headers.get('Content-Length') ?? '0') > limitBytes;
}

/**
 * Reads the whole body, at most `limitBytes` of it. The bytes are counted as they arrive, so a
 * body without Content-Length (chunked) is cut off at the limit instead of being buffered to
 * its end first. Throws BodyTooLargeError past the limit; a body that breaks off rejects with
 * the stream's own error.
 */
export async function readBodyLimited(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (declaresMoreThan(request, limitBytes)) throw new BodyTooLargeError(limitBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      // Stops reading; the HTTP adapter drops the rest and closes the connection after the 413.
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The same request with a body that fails with BodyTooLargeError once more than `limitBytes`
 * have passed: for readers that stream a body themselves (the multipart parser), whose
 * per-part limits alone leave the total — the number of parts, the part headers — unbounded.
 */
export function withBodyLimit(request: Request, limitBytes: number): Request {
  if (!request.body) return request;
  let seen = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limitBytes) controller.error(new BodyTooLargeError(limitBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limited,
    signal: request.signal,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
}
