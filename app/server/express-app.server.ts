import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { STATUS_CODES, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import type { ViteDevServer } from 'vite';
import { env, isProduction } from '~/env.server';
import { startApp } from '~/modules/app/start-app.server';
import { databaseUnavailableCause } from '~/modules/database/database-availability.server';
import { database } from '~/modules/database/database.server';
import { databaseUnavailableResponse } from '~/modules/database/outage-response.server';
import { translator } from '~/i18n/translate';
import { getLocale } from '~/modules/i18n/locale.server';
import { securityHeaders } from '~/modules/security/headers.server';
import { badInputResponse, guardRequestTarget } from '~/modules/security/input-guard.server';
import {
  isOriginAllowed,
  isOriginExempt,
  publicOrigin,
} from '~/modules/security/request-guard.server';
import { logger } from '~/utils/logger.server';
import { assignRequestId } from '~/utils/request-context.server';
// @remix-run/express's handler, but writing bodies with backpressure (streamed video).
import { createRequestHandler, publicRequestUrl } from '~/utils/remix-express.server';

import { httpRequestDuration } from '~/modules/observability/metrics.server';
import { serveEmbeddedBackup, serveMetrics } from '~/modules/observability/ops-endpoints.server';
import { routeLabeller } from '~/modules/observability/route-label.server';

/**
 * The HTTP server: Express around Remix's request handler. It lives in the app, so the Remix
 * server build contains it and it shares every module (the one database, the job queues, the
 * metrics registry) with the routes (decision 102). `build/index.js` (server/production.mjs)
 * calls it with the built server bundle; `npm run dev` (server/dev.mjs) with Vite's dev server,
 * which serves the browser modules and loads fresh route code on every request.
 */
export async function startServer(options: {
  build: ServerBuild;
  /** Development: the build as of now (Vite evaluates edited modules again). */
  getBuild?: () => Promise<ServerBuild>;
  viteDevServer?: ViteDevServer;
}) {
  const { build, viteDevServer } = options;
  // `node build/index.js --migrate-only` (npm run db:migrate, a release step): start-up applies
  // the migrations, under the migrators' lock, and creates the job queues; nothing else starts.
  // Otherwise start-up also seeds, registers and starts the workers when JOB_WORKER (decision 103).
  const migrateOnly = process.argv.includes('--migrate-only');
  const started = await startApp({ role: migrateOnly ? 'migrate' : 'server' });
  if (migrateOnly) {
    logger.info('database.migrated', { database: database.kind });
    await started.stop();
    process.exit(0);
  }

  const app = express();
  app.disable('x-powered-by');
  if (env.TRUST_PROXY) app.set('trust proxy', true);

  // Latency by Remix route id (set just before Remix handles the request); what is answered
  // before it — static files, refusals of the guards below, /metrics — has a label of its own.
  const labelOf = routeLabeller(build);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route =
        (res.locals.routeLabel as string | undefined) ??
        (res.statusCode >= 400 ? 'refused' : 'static');
      httpRequestDuration.observe(
        { route, method: req.method, status_class: `${Math.floor(res.statusCode / 100)}xx` },
        seconds,
      );
    });
    next();
  });

  // First, so that every response carries X-Request-Id and every log line of a request names it.
  app.use(assignRequestId({ trustProxy: env.TRUST_PROXY }));

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, production: isProduction(), pathname: req.path }));
    next();
  });

  // NUL bytes and invalid UTF-8 in the path or query are refused before any route or static file
  // decodes them (input-guard.server.ts, decision 081).
  app.use((req, res, next) => {
    const refusal = guardRequestTarget(req.originalUrl, {
      acceptLanguage: req.get('accept-language'),
      cookie: req.get('cookie'),
      method: req.method,
    });
    if (!refusal) return next();
    res.status(refusal.status).set(refusal.headers);
    if (typeof refusal.body === 'string') res.send(refusal.body);
    else Readable.fromWeb(refusal.body as NodeReadableStream).pipe(res);
  });

  // Operations, for this machine (or a scraper with METRICS_TOKEN), not for browsers: answered
  // before the CSRF guard, which would want an Origin header (ops-endpoints.server.ts).
  app.get('/metrics', (req, res, next) => {
    res.locals.routeLabel = 'metrics';
    serveMetrics(req, res, next);
  });
  app.post('/ops/backup', (req, res, next) => {
    res.locals.routeLabel = 'backup';
    serveEmbeddedBackup(req, res, next);
  });

  // CSRF: every non-GET request must come from our own origin (see request-guard.server.ts).
  // The guard and Remix's own check look at the same thing: the path as Remix will route it, and
  // APP_URL's host (the Request Remix sees is addressed to it, remix-express.server.ts).
  app.use((req, res, next) => {
    const url = publicRequestUrl(req.originalUrl, publicOrigin(env.APP_URL));
    const allowed =
      url !== null &&
      isOriginAllowed({
        method: req.method,
        pathname: url.pathname,
        origin: req.get('origin'),
        appUrl: env.APP_URL,
        trustProxy: env.TRUST_PROXY,
        forwardedHost: req.get('x-forwarded-host'),
        forwardedProto: req.get('x-forwarded-proto'),
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
      .status(url ? 403 : 400)
      .type('text/plain; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .send(t(url ? 'errors.forbiddenOrigin' : 'errors.badRequest'));
  });

  if (viteDevServer) {
    // Development: Vite answers for the browser modules, public/ and its HMR client.
    app.use(viteDevServer.middlewares);
  } else {
    // File names under /assets carry a hash of their content: cached for a year.
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }));
    // The rest of public/ (favicon.svg …) by its top-level names, read once: a static handler
    // in front of every page looked each page's path up on disk first (a failed stat per view).
    const publicEntries = new Set(
      existsSync('build/client') ? readdirSync('build/client').filter((n) => n !== 'assets') : [],
    );
    const servePublic = express.static('build/client', { maxAge: '1h' });
    app.use((req, res, next) => {
      const first = req.path.split('/', 2)[1];
      if (publicEntries.has(first)) return servePublic(req, res, next);
      next();
    });
  }

  app.all(
    '*',
    (req, res, next) => {
      res.locals.routeLabel = labelOf(req.path);
      next();
    },
    createRequestHandler({
      build: options.getBuild ?? build,
      mode: isProduction() ? 'production' : 'development',
      publicOrigin: () => publicOrigin(env.APP_URL),
      originExempt: isOriginExempt,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        requestId: res.locals.requestId as string,
      }),
      // While PostgreSQL restarts or fails over, a page must say "try again in a moment" (503),
      // not "something broke" (500). Remix renders its 500 for any thrown error and its own
      // hooks cannot change that status for data requests or resource routes, so handleError
      // (entry.server.tsx) flags the request and the answer is replaced here (decision 074).
      replaceResponse: async (response, request, context) => {
        // Bytes PostgreSQL refused that got past the input guard: the visitor's 400 (decision 081).
        if (response.status >= 500 && context?.badInput) {
          await response.arrayBuffer().catch(() => undefined);
          return badInputResponse(request);
        }
        if (response.status < 500 || !context?.databaseUnavailable) return response;
        // Read Remix's error page to its end rather than cancel it: a cancel could abort React's
        // render midway, which entry.server.tsx would log as one more error.
        await response.arrayBuffer().catch(() => undefined);
        return databaseUnavailableResponse(request);
      },
    }),
  );

  // An error that escapes Remix (its adapter, the load context, a middleware) would reach
  // Express's final handler, which prints it to stderr as plain text and, outside production,
  // answers with its stack. Logged as one JSON line instead, and answered with the status only.
  const logUnhandledError: express.ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    // As Express's final handler does: an error may declare its status (a body parser's 413).
    const declared = (error ?? {}) as { status?: unknown; statusCode?: unknown };
    const code = declared.status ?? declared.statusCode;
    const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
    logger[status < 500 ? 'warn' : 'error']('request.failed', {
      error,
      status,
      requestId: res.locals.requestId,
    });
    if (res.headersSent) return void res.destroy();
    res
      .status(status)
      .type('text/plain; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .send(STATUS_CODES[status] ?? 'Error');
  };
  app.use(logUnhandledError);

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
      await viteDevServer?.close();
      // Said out loud so that an operator (and tests/http/ops.test.ts) can tell a clean stop,
      // mail senders and job workers included, from a kill.
      await started.stop({ graceful: true });
      if (started.workers) logger.info('server.workers_stopped');
    } catch (error) {
      logger.error('server.shutdown_error', { reason: String(error) });
    }
    logger.info('server.stopped', { signal });
    process.exit(0);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

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
    logger.error('process.unhandled_rejection', { error: reason });
  });
  process.on('uncaughtException', (error) => {
    if (database.recoverFromDriverCrash(error)) {
      logger.warn('database.pool_replaced', { reason: error.message });
      return;
    }
    if (loggedAsOutage(error)) return;
    // A throw that unwound past every handler may have left any state half-updated: stop, and
    // let the supervisor start a clean process.
    logger.error('process.uncaught_exception', { error });
    process.exit(1);
  });
}
