import type { RequestHandler } from 'express';
import { env } from '~/env.server';
import { database } from '~/modules/database/database.server';
import { logger } from '~/utils/logger.server';
import { clusterMetricsText, inCluster } from './metrics-cluster.server';
import { metricsRegistry } from './metrics.server';
import { hasBearerToken, isLocalRequest } from './ops-access.server';
import { sampleMailQueue } from './queue-sample.server';

/** The answer to anyone not allowed: the same as for a path that does not exist. */
function notFound(res: Parameters<RequestHandler>[1]) {
  res
    .status(404)
    .type('text/plain; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .send('Not Found');
}

/**
 * GET /metrics, Prometheus text format. Not public (queue sizes and send rates are business
 * data): from this machine (the socket's peer address, never a forwarded header), or with
 * `Authorization: Bearer $METRICS_TOKEN`. Anyone else gets the 404 of a path that is not there.
 */
export const serveMetrics: RequestHandler = async (req, res) => {
  const allowed =
    isLocalRequest(req.socket.remoteAddress, req.headers) ||
    hasBearerToken(req.get('authorization'), env.METRICS_TOKEN);
  if (!allowed) return notFound(res);
  try {
    await sampleMailQueue();
  } catch (error) {
    // The rest of the metrics are still worth having while the database is away; the gauges
    // keep their last values and the database's own state is /readyz's to report.
    logger.warn('metrics.queue_sample_failed', { reason: String(error) });
  }
  // In a cluster, every process's numbers summed by the primary; this process's own if the
  // primary does not answer in time (a scrape must not hang).
  const text =
    (inCluster() ? await clusterMetricsText() : null) ?? (await metricsRegistry.metrics());
  res.status(200).type(metricsRegistry.contentType).set('Cache-Control', 'no-store').send(text);
};

/** The header a backup request must carry: a browser cannot send it cross-site without CORS. */
export const BACKUP_REQUEST_HEADER = 'x-startline-backup';

/**
 * POST /ops/backup: the embedded database's files as a gzipped tar, taken by this process —
 * the only one that may open them (PGlite has no lock of its own) — between two queries, so
 * the copy is as consistent as after a power cut, which PostgreSQL recovers from on start.
 * From this machine only (the whole database is in it) and with the header above.
 * PostgreSQL deployments use pg_dump instead (scripts/backup.mjs).
 */
export const serveEmbeddedBackup: RequestHandler = async (req, res) => {
  if (
    !isLocalRequest(req.socket.remoteAddress, req.headers) ||
    req.get(BACKUP_REQUEST_HEADER) !== '1'
  ) {
    return notFound(res);
  }
  if (database.kind !== 'pglite') {
    res
      .status(409)
      .type('text/plain; charset=utf-8')
      .send('This server uses PostgreSQL (DATABASE_URL): back it up with pg_dump.');
    return;
  }
  const client = (database.db as unknown as { $client: PgliteDump }).$client;
  const started = Date.now();
  // Everything written so far reaches the data files first, so that the restored copy has
  // little write-ahead log to replay.
  await client.exec('CHECKPOINT');
  const dump = await client.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  logger.info('backup.embedded_dumped', { bytes: bytes.length, ms: Date.now() - started });
  res
    .status(200)
    .type('application/gzip')
    .set('Cache-Control', 'no-store')
    .set('Content-Disposition', 'attachment; filename="database.tar.gz"')
    .send(bytes);
};

interface PgliteDump {
  exec(sql: string): Promise<unknown>;
  dumpDataDir(compression: 'gzip'): Promise<Blob>;
}
