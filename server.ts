import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import * as build from '@remix-run/dev/server-build';
import express from 'express';
import { env, isProduction } from '~/env.server';
import { database } from '~/modules/database/database.server';
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
  }),
);

await seedDemoIfEmpty();
if (env.JOB_WORKER) await startWorkers();

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
    await stopJobs({ graceful: true });
    await database.close();
  } catch (error) {
    logger.error('server.shutdown_error', { message: String(error) });
  }
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
