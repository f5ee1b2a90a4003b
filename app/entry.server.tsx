import { Writable } from 'node:stream';
import type {
  AppLoadContext,
  EntryContext,
  HandleDataRequestFunction,
  HandleErrorFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { decode } from 'turbo-stream';
import { databaseUnavailableCause } from '~/modules/database/database-availability.server';
import { badInputCause } from '~/modules/security/input-guard.server';
import { logger } from '~/utils/logger.server';
import { withoutNulBytes } from '~/utils/strip-nul-bytes.server';
import { NonceProvider } from '~/utils/nonce-provider';

const ABORT_DELAY = 5_000;

// Pages may carry personal data or tokens: nothing is cached unless a route says otherwise.
function noStoreByDefault(headers: Headers) {
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  noStoreByDefault(response.headers);
  return asQuietRefusal(response, request);
};

/**
 * A form the visitor got wrong is answered 4xx with the field errors (a browser without
 * JavaScript, or any other client posting the form, sees 400). With JavaScript, Remix fetches
 * the same answer as data (single fetch: `POST /path.data`), and Chromium and Safari log every
 * 4xx fetch as a console error — so each typo would look like a fault in the page to whoever
 * watches the console (issue 15). The data request for an action therefore carries the refusal
 * as 200 with the real status in `X-Form-Status`; the page renders the same action data either
 * way. What an action threw (a role the visitor lacks), redirects and errors keep their status:
 * they are not form answers. Single fetch says which it was only inside its body — `{ data }`
 * for a returned answer, `{ error }` for a thrown one — so the body is decoded to tell.
 */
async function asQuietRefusal(response: Response, request: Request): Promise<Response> {
  const refusal =
    request.method !== 'GET' &&
    response.status >= 400 &&
    response.status < 500 &&
    response.body !== null &&
    (response.headers.get('Content-Type') ?? '').startsWith('text/x-script');
  if (!refusal) return response;
  // An action's answer is plain data, encoded in full before the response is made.
  const body = new Uint8Array(await response.arrayBuffer());
  const { value } = await decode(new Blob([body]).stream(), {
    // Errors and redirects are Remix's own types; only the shape of the result matters here.
    plugins: [(type: string) => ({ value: { type } })],
  });
  const returned = typeof value === 'object' && value !== null && 'data' in value;
  const headers = new Headers(response.headers);
  if (returned) headers.set('X-Form-Status', String(response.status));
  return new Response(body, { status: returned ? 200 : response.status, headers });
}

/**
 * Every error a loader, action or render throws. A database that cannot be reached is no bug in
 * the page: the request is flagged so that server.ts answers 503 with the outage page instead
 * of the 500 Remix renders (a status only the HTTP layer can still change for every kind of
 * request: pages, data requests and resource routes), and the next request reconnects.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  const unavailable = databaseUnavailableCause(error);
  if (unavailable) {
    context.databaseUnavailable = true;
    logger.warn('database.unavailable', {
      during: 'request',
      code: unavailable.code,
      reason: unavailable.message,
    });
    return;
  }
  // Bytes the input guard missed and PostgreSQL refused are the visitor's mistake, not a bug:
  // server.ts answers 400 (decision 081).
  const badInput = badInputCause(error);
  if (badInput) {
    context.badInput = true;
    logger.warn('request.bad_input', { code: badInput.code, requestId: context.requestId });
    return;
  }
  // As Remix does without a handleError: a request the visitor abandoned is not worth a log.
  if (request.signal.aborted) return;
  // Remix wraps its own refusals (no route matches, no action) in an error response that carries
  // the underlying error. One JSON line, addresses masked, with the request id (decision 085).
  const internal = isRouteErrorResponse(error) && (error as { error?: unknown }).error;
  const refused = isRouteErrorResponse(error) && error.status < 500;
  logger[refused ? 'warn' : 'error'](refused ? 'request.refused' : 'request.error', {
    error: internal || error,
    method: request.method,
    requestId: context.requestId,
  });
};

/**
 * The page, rendered whole and sent in one piece with its length. Remix resolves every loader
 * before rendering and no page defers data, so streaming the shell first gained nothing, while
 * a streamed 30 KB page left as ~15 chunked writes — 2 KB blocks of React's stream through two
 * more streams to the socket, each a system call (issue #12: 0.3 ms of a feed view's CPU). Bots
 * and browsers are answered alike: the whole page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? '';
  noStoreByDefault(responseHeaders);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          // Errors from here on are inside a boundary (the page still renders): logged below.
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const page = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
          });
          page.once('finish', () => {
            clearTimeout(abortTimer);
            const html = withoutNulBytes(Buffer.concat(chunks));
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
            responseHeaders.set('Content-Length', String(html.byteLength));
            resolve(
              new Response(
                new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.byteLength),
                {
                  headers: responseHeaders,
                  status: responseStatusCode,
                },
              ),
            );
          });
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered)
            logger.error('render.error', { error, requestId: loadContext.requestId });
        },
      },
    );
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

// The process entry (build/index.js, or server/dev.mjs) reaches the HTTP server through the
// server build, so that it runs on the same modules as the routes (decision 102).
export { startServer } from '~/server/express-app.server';
