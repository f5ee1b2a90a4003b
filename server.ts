import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import * as build from '@remix-run/dev/server-build';
import express from 'express';
import { env, isProduction } from '~/env.server';
import { databaseUnavailableCause } from '~/modules/database/database-availability.server';
import { database } from '~/modules/database/database.server';
import { databaseUnavailableResponse } from '~/modules/database/outage-response.server';
import { seedDemoIfEmpty } from '~/modules/demo/demo-seed.server';
import { startWorkers, stopJobs } from '~/modules/jobs/queue.server';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import { securityHeaders } from '~/modules/security/headers.server';
import { isOriginAllowed } from '~/modules/security/request-guard.server';
import { logger } from '~/utils/logger.server';
// @remix-run/express's handler, but writing bodies with backpressure (streamed video).
import { createRequestHandler } from '~/utils/remix-express.server';

// Registers every job queue before the workers start.
import '~/modules/jobs/all-queues.server';

const app = express();
app.disable('x-powered-by');
if (env.TRUST_PROXY) app.set('trust proxy', true);

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.set(securityHeaders({ nonce, production: isProduction, pathname: req.path }));
  next();
});

// CSRF: every non-GET request must come from our own origin (see request-guard.server.ts).
app.use((req, res, next) => {
  const allowed = isOriginAllowed({
    method: req.method,
    pathname: req.path,
    origin: req.get('origin'),
    host:
      req.get('x-forwarded-host') && env.TRUST_PROXY
        ? req.get('x-forwarded-host')
        : req.get('host'),
    appUrl: env.APP_URL,
  });
  if (allowed) return next();
  const t = translator(
    getLocale(
      new Request('http://local/', {
        headers: {
          'Accept-Language': req.get('accept-language') ?? '',
          Cookie: req.get('cookie') ?? '',
        },
      }),
    ),
  );
  res
    .status(403)
    .type('text/plain; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .send(t('errors.forbiddenOrigin'));
});

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));

app.all(
  '*',
  createRequestHandler({
    build,
    mode: isProduction ? 'production' : 'development',
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    }),
    // While PostgreSQL restarts or fails over, a page must say "try again in a moment" (503),
    // not "something broke" (500). Remix renders its 500 for any thrown error and its own
    // hooks cannot change that status for data requests or resource routes, so handleError
    // (entry.server.tsx) flags the request and the answer is replaced here (decision 074).
    replaceResponse: async (response, request, context) => {
      if (response.status < 500 || !context?.databaseUnavailable) return response;
      // Read Remix's error page to its end rather than cancel it: a cancel could abort React's
      // render midway, which entry.server.tsx would log as one more error.
      await response.arrayBuffer().catch(() => undefined);
      return databaseUnavailableResponse(request);
    },
  }),
);

await seedDemoIfEmpty();
if (env.JOB_WORKER) await startWorkers();
keepRunningThroughDatabaseOutages();

const server: Server = app.listen(env.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  // PORT=0 lets the OS pick a free port (the HTTP and browser tests do); without an explicit
  // APP_URL, links in emails must then carry the port actually bound, not the default.
  if (env.PORT === 0 && !process.env.APP_URL) env.APP_URL = `http://localhost:${port}`;
  logger.info('server.listening', {
    url: `http://localhost:${port}`,
    database: database.kind,
    mail: env.RESEND_API_KEY ? 'resend' : 'capture',
  });
});

/**
 * A database outage must not end the process (decision 074). pg-boss 10 completes and fails
 * jobs without awaiting the query, so a job that finishes while PostgreSQL is away leaves a
 * rejected promise that nobody handles, which Node turns into an exit by default.
 *
 * Installed only once boot is over: a database that is unreachable at start must still stop
 * the process (with these handlers, a failed top-level await would reach them and leave a
 * process that never listens).
 */
function keepRunningThroughDatabaseOutages() {
  const loggedAsOutage = (error: unknown) => {
    const unavailable = databaseUnavailableCause(error);
    if (unavailable) {
      logger.warn('database.unavailable', {
        during: 'background',
        code: unavailable.code,
        reason: unavailable.message,
      });
    }
    return Boolean(unavailable);
  };
  process.on('unhandledRejection', (reason) => {
    if (loggedAsOutage(reason)) return;
    // A bug to fix, but the work that promise stood for has already failed on its own; the
    // rest of the process is intact, so it keeps serving.
    logger.error('process.unhandled_rejection', describeError(reason));
  });
  process.on('uncaughtException', (error) => {
    if (database.recoverFromDriverCrash(error)) {
      logger.warn('database.pool_replaced', { reason: error.message });
      return;
    }
    if (loggedAsOutage(error)) return;
    // A throw that unwound past every handler may have left any state half-updated: stop, and
    // let the supervisor start a clean process.
    logger.error('process.uncaught_exception', describeError(error));
    process.exit(1);
  });
}

function describeError(error: unknown) {
  return error instanceof Error
    ? { name: error.name, reason: error.message, stack: error.stack }
    : { reason: String(error) };
}

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info('server.shutdown', { signal });
  // Stop taking requests, let the job worker finish its current job, then close the
  // database. A hard deadline guarantees the process exits even if something hangs.
  const deadline = setTimeout(() => process.exit(1), 8000);
  deadline.unref();
  server.close();
  server.closeIdleConnections?.();
  try {
    await stopJobs({ graceful: true });
    await database.close();
  } catch (error) {
    logger.error('server.shutdown_error', { reason: String(error) });
  }
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
