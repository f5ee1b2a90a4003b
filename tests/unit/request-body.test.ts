import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyLimited, withBodyLimit } from '~/utils/request-body.server';

/**
 * A body of unknown length (no Content-Length, like a chunked upload) that counts how much of
 * it was pulled: `pulled` shows whether a reader stopped at its limit or read on to the end.
 */
function endlessBody(chunk: Uint8Array, chunks: number) {
  const state = { pulled: 0, cancelled: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent === chunks) return controller.close();
        sent += 1;
        state.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function post(body: ReadableStream<Uint8Array> | string, contentType = 'application/json') {
  return new Request('http://app.test/webhooks/resend', {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
}

describe('capped body reads', () => {
  it('reads a body within the limit whole', async () => {
    const bytes = await readBodyLimited(post('{"type":"email.sent"}'), 1024);
    expect(new TextDecoder().decode(bytes)).toBe('{"type":"email.sent"}');
  });

  it('stops a body without Content-Length at the limit instead of reading it to its end', async () => {
    const { stream, state } = endlessBody(new Uint8Array(16 * 1024), 10_000);
    await expect(readBodyLimited(post(stream), 64 * 1024)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024 + 32 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { stream, state } = endlessBody(new Uint8Array(1024), 10);
    const request = post(stream);
    request.headers.set('Content-Length', String(10 * 1024 * 1024));
    await expect(readBodyLimited(request, 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.pulled).toBe(0);
  });

  it('bounds a multipart body of many small parts, which per-part limits let through', async () => {
    const boundary = 'xYzBoundary';
    const part = (index: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file${index}"; filename="f${index}.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\n${'c'.repeat(1000)}\r\n`;
    const encoder = new TextEncoder();
    let index = 0;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (index === 5000) {
            controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
            return controller.close();
          }
          const bytes = encoder.encode(part(index++));
          pulled += bytes.byteLength;
          controller.enqueue(bytes);
        },
      },
      { highWaterMark: 0 },
    );
    const request = post(stream, `multipart/form-data; boundary=${boundary}`);
    const parsing = unstable_parseMultipartFormData(
      withBodyLimit(request, 100 * 1024),
      unstable_createMemoryUploadHandler({ maxPartSize: 10 * 1024 }),
    );
    // The readers answer MaxPartSizeExceededError with their localized 413 already.
    const outcome = await parsing.then(
      (form) => `parsed ${[...form.keys()].length} parts`,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(BodyTooLargeError);
    expect(outcome).toBeInstanceOf(MaxPartSizeExceededError);
    expect(pulled).toBeLessThan(200 * 1024);
  });
});
