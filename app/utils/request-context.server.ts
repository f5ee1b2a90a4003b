import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * The id that ties a response to the log lines written while producing it: sent as
 * `X-Request-Id`, put in the load context, and added to every log line (decision 085).
 */
interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

// Letters, digits and a few separators: room for a UUID, nginx's $request_id or a trace id,
// none for an address, a quote, a newline or anything else that could forge a log field.
const INCOMING_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/**
 * A proxy's id is kept so that its access log and ours share one id; but only a proxy we trust
 * may name the request — a client's own header could point our log at someone else's request.
 */
export function requestIdFor(incoming: string | undefined, options: { trustProxy: boolean }) {
  if (options.trustProxy && incoming && INCOMING_REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}

/** The id of the request whose work is running now, if any (none at boot or in jobs). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/**
 * Express middleware, first in line: every response — static files and refusals included —
 * carries `X-Request-Id`, and everything that runs for the request (loaders, actions,
 * handleError, the render) sees the id through `currentRequestId()`.
 */
export function assignRequestId(options: { trustProxy: boolean }): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFor(req.get('x-request-id'), options);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    runWithRequestId(requestId, next);
  };
}
