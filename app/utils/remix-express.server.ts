import type { ServerResponse } from 'node:http';
import {
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';

/**
 * @remix-run/express's handler with these changes:
 * - The response body is written with backpressure. The stock adapter writes every chunk as
 *   soon as it is read and never waits for the socket, so a viewer whose player has paused
 *   reading makes the server pull the whole remaining video into memory, and a viewer who has
 *   gone away still makes it read the file to the end. Here each write waits for the socket to
 *   drain, and a closed socket cancels the body (which closes the file).
 * - The Request is addressed to the app's public origin (APP_URL), never to the Host or
 *   X-Forwarded-Host the client sent, so Remix's own CSRF check agrees with the app's Origin
 *   guard instead of throwing a 500 behind a proxy (decision 082).
 * - A request body a route stops reading (its byte limit) is dropped, not buffered, without
 *   destroying the socket, so that the answer (a 413) still reaches the client.
 * - A response that does not say how it may be cached is `no-store`: resource routes carry
 *   personal data too (exports, mailbox, media), and a redirect may set a cookie.
 */
export function createRequestHandler(options: {
  /** The server build, or (development) a function that loads the current one per request. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode?: string;
  /** The origin the app is served at (APP_URL's): every Request Remix sees is addressed to it. */
  publicOrigin: () => string;
  /**
   * Paths whose Origin header the CSRF guard does not check because they are authorized by a
   * signature or token (webhooks, one-click unsubscribe). Remix sees them without one: a mail
   * client posting from its own web page would otherwise fail Remix's check with a 500.
   */
  originExempt?: (pathname: string) => boolean;
  getLoadContext?: (
    req: ExpressRequest,
    res: ExpressResponse,
  ) => AppLoadContext | Promise<AppLoadContext>;
  /** Sees Remix's response before it is written, and may answer with another one instead. */
  replaceResponse?: (
    response: Response,
    request: Request,
    context: AppLoadContext | undefined,
  ) => Response | Promise<Response>;
}) {
  const handle = createRemixHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const url = publicRequestUrl(req.originalUrl, options.publicOrigin());
      if (!url) {
        res.status(400).type('text/plain').set('Cache-Control', 'no-store').send('Bad Request');
        return;
      }
      const { request, body } = createRemixRequest(req, res, url, options.originExempt);
      const context = await options.getLoadContext?.(req, res);
      let response = await handle(request, context);
      if (options.replaceResponse)
        response = await options.replaceResponse(response, request, context);
      if (!req.complete) dropUnreadBody(req, res, body);
      res.statusMessage = response.statusText;
      res.status(response.status);
      if (!response.headers.has('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
      for (const [key, value] of response.headers.entries()) {
        // The security middleware has already set some headers (nosniff, Referrer-Policy);
        // a route repeating the same value should not produce "nosniff, nosniff".
        const existing = res.getHeader(key);
        if (existing === value || (Array.isArray(existing) && existing.includes(value))) continue;
        res.append(key, value);
      }
      if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? ''))
        res.flushHeaders();
      await writeBody(res, response.body);
    } catch (error) {
      next(error);
    }
  };
}

/** How long a request body may go on arriving, unread, after the answer to it has been sent. */
const UNREAD_BODY_LINGER_MS = 5_000;

/**
 * The route answered without reading the whole body (a 413, a refusal, an action that ignores
 * its form). The rest is read off the socket and dropped, never buffered. The connection stays
 * open meanwhile: an HTTP/1.1 client sends its whole body before it reads the answer, and a
 * connection closed under it is reset, which can destroy the 413 before the client reads it.
 * A body still arriving UNREAD_BODY_LINGER_MS after the answer is cut off with the connection.
 */
function dropUnreadBody(req: ExpressRequest, res: ExpressResponse, body: RequestBody | null) {
  body?.discardRest();
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), UNREAD_BODY_LINGER_MS);
    timer.unref();
    const stop = () => clearTimeout(timer);
    req.once('end', stop);
    req.once('close', stop);
  });
}

/**
 * The URL Remix routes: the request's path and query on the app's public origin. Null for a
 * request target that is no path at all (`*`, or an absolute-form URL that does not parse).
 * The CSRF guard (server.ts) takes its path from here too, so that it exempts exactly the
 * routes Remix will run (`/webhooks/../sign-in` is `/sign-in` to both).
 */
export function publicRequestUrl(originalUrl: string, origin: string): URL | null {
  try {
    if (originalUrl.startsWith('/')) return new URL(`${origin}${originalUrl}`);
    // An absolute-form target (`POST http://host/path`): its path and query, on our origin.
    const absolute = new URL(originalUrl);
    return new URL(`${absolute.pathname}${absolute.search}`, origin);
  } catch {
    return null;
  }
}

/** The Fetch Request for an Express request, as @remix-run/express builds it, on `url`. */
function createRemixRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  url: URL,
  originExempt: ((pathname: string) => boolean) | undefined,
): { request: Request; body: RequestBody | null } {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  // Remix compares the Origin's host with X-Forwarded-Host, else Host, and throws (a 500) when
  // they differ. The guard in server.ts has already held the Origin against APP_URL and the
  // trusted proxy's headers; Remix sees the host it checked against, so they always agree.
  headers.set('Host', url.host);
  headers.delete('X-Forwarded-Host');
  if (originExempt?.(url.pathname)) headers.delete('Origin');
  // Abort loaders and actions (and close any file they opened) when the client goes away
  // before the response is complete.
  let controller: AbortController | null = new AbortController();
  res.on('finish', () => (controller = null));
  res.on('close', () => controller?.abort());
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  let body: RequestBody | null = null;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    body = requestBody(req);
    init.body = body.stream;
    init.duplex = 'half';
  }
  return { request: new Request(url.href, init), body };
}

interface RequestBody {
  stream: ReadableStream<Uint8Array>;
  /** Stops handing bytes on; what is still to come is read and dropped, never buffered. */
  discardRest(): void;
}

/**
 * The request body as a web stream that pauses the socket while its reader is behind.
 * Unlike @remix-run/node's createReadableStreamFromReadable, cancelling it (a reader that
 * reached its byte limit) does not destroy the request: that destroys the socket, and the 413
 * the route is about to send would never arrive. And a body cut off before its end is an
 * error here, not a shorter body.
 */
function requestBody(req: ExpressRequest): RequestBody {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const onData = (chunk: Buffer) => {
    if (!controller) return;
    controller.enqueue(chunk);
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    controller?.close();
    detach();
  };
  const onError = (error: Error) => {
    controller?.error(error);
    detach();
  };
  const onClose = () => {
    if (!req.complete) onError(new Error('The request body was cut off.'));
    else detach();
  };
  function detach() {
    controller = null;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
  }
  function drop() {
    detach();
    // Flowing with no 'data' listener: the bytes are read off the socket and thrown away.
    req.resume();
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        req.on('data', onData);
        req.once('end', onEnd);
        req.once('error', onError);
        req.once('close', onClose);
      },
      pull() {
        req.resume();
      },
      cancel: drop,
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return {
    stream,
    discardRest() {
      try {
        controller?.error(new Error('The rest of the request body was discarded.'));
      } catch {
        // already closed or cancelled
      }
      drop();
    },
  };
}

export async function writeBody(
  res: ServerResponse,
  body: ReadableStream<Uint8Array> | null,
): Promise<void> {
  if (!body) {
    res.end();
    return;
  }
  const reader = body.getReader();
  let closed = false;
  const onClose = () => {
    closed = true;
  };
  res.once('close', onClose);
  try {
    for (;;) {
      if (closed || res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drainedOrClosed(res);
    }
    res.end();
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    res.destroy(error as Error);
  } finally {
    res.off('close', onClose);
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
