import type { ServerResponse } from 'node:http';
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';

/**
 * @remix-run/express's handler with one change: the response body is written with
 * backpressure. The stock adapter writes every chunk as soon as it is read and never waits for
 * the socket, so a viewer whose player has paused reading makes the server pull the whole
 * remaining video into memory, and a viewer who has gone away still makes it read the file to
 * the end. Here each write waits for the socket to drain, and a closed socket cancels the
 * body (which closes the file).
 */
export function createRequestHandler(options: {
  build: ServerBuild;
  mode?: string;
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
      const request = createRemixRequest(req, res);
      const context = await options.getLoadContext?.(req, res);
      let response = await handle(request, context);
      if (options.replaceResponse)
        response = await options.replaceResponse(response, request, context);
      res.statusMessage = response.statusText;
      res.status(response.status);
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

/** The Fetch Request for an Express request, as @remix-run/express builds it. */
function createRemixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  // req.hostname respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (value: string | undefined) => Number.parseInt(value?.split(':')[1] ?? '', 10);
  const forwardedPort = portOf(req.get('X-Forwarded-Host'));
  const hostPort = portOf(req.get('host'));
  const port = Number.isSafeInteger(forwardedPort)
    ? forwardedPort
    : Number.isSafeInteger(hostPort)
      ? hostPort
      : '';
  const url = new URL(
    `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`,
  );
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
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = 'half';
  }
  return new Request(url.href, init);
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
