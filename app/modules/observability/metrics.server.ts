import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (issue 14), served by /metrics. One registry per process;
 * each process of a cluster is scraped on its own (Prometheus adds the instance label).
 * Label values are always from a fixed set (a route id, a lane, a mail kind, an operation),
 * never anything a person typed, an address or an id: cardinality stays bounded and no
 * personal data reaches the monitoring system.
 */
export const metricsRegistry = new Registry();

let collectingProcessMetrics = false;
/**
 * Node's own metrics (CPU, memory, event-loop delay): their collectors sample the process, so
 * start-up turns them on (decision 103), not the import of this module.
 */
export function collectProcessMetrics() {
  if (collectingProcessMetrics) return;
  collectingProcessMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'startline_' });
}

export const httpRequestDuration = new Histogram({
  name: 'startline_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by Remix route id (or "static"/"unmatched") and method.',
  labelNames: ['route', 'method', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

// Both read the shared database, so every process reports the same value: 'max', not the
// default 'sum', when a cluster's processes are added up (metrics-cluster.server.ts).
export const mailQueueDepth = new Gauge({
  name: 'startline_mail_queue_depth',
  help: 'Outbound emails due and waiting to be sent, by lane (sampled at scrape time).',
  labelNames: ['lane'] as const,
  registers: [metricsRegistry],
  aggregator: 'max',
});

export const mailQueueOldestAge = new Gauge({
  name: 'startline_mail_queue_oldest_age_seconds',
  help: 'How long the oldest due outbound email has been waiting, by lane (sampled at scrape time).',
  labelNames: ['lane'] as const,
  registers: [metricsRegistry],
  aggregator: 'max',
});

export const mailSent = new Counter({
  name: 'startline_mail_sent_total',
  help: 'Emails the provider accepted, by mail kind.',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const mailFailed = new Counter({
  name: 'startline_mail_failed_total',
  help: 'Emails given up on (permanent provider error or out of attempts), by mail kind.',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const mailRetried = new Counter({
  name: 'startline_mail_retried_total',
  help: 'Provider requests that will be tried again (429, 5xx, timeout), by lane.',
  labelNames: ['lane'] as const,
  registers: [metricsRegistry],
});

export const providerRateLimited = new Counter({
  name: 'startline_mail_provider_429_total',
  help: 'Provider answers 429 Too Many Requests.',
  registers: [metricsRegistry],
});

export const webhookLag = new Histogram({
  name: 'startline_webhook_lag_seconds',
  help: 'Time from the provider creating a webhook event to its processing here, by event type.',
  labelNames: ['type'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 21600],
  registers: [metricsRegistry],
});

export const storageErrors = new Counter({
  name: 'startline_storage_errors_total',
  help: 'Failed operations on stored files (local disk or object storage), by operation.',
  labelNames: ['backend', 'operation'] as const,
  registers: [metricsRegistry],
});

/** Counts a failed storage operation; never throws (metrics must not break a request). */
export function recordStorageError(backend: 'local' | 's3', operation: string) {
  try {
    storageErrors.inc({ backend, operation });
  } catch {
    // a metric is never worth an error
  }
}

/** Never throws: a metric is never worth failing the work it counts. */
function safely(update: () => void) {
  try {
    update();
  } catch {
    // a metric is never worth an error
  }
}

/** A provider batch's outcome: `sent` and `failed` are message kinds, one entry per message. */
export function recordMailOutcome(outcome: { sent: string[]; failed: string[] }) {
  safely(() => {
    for (const kind of outcome.sent) mailSent.inc({ kind });
    for (const kind of outcome.failed) mailFailed.inc({ kind });
  });
}

/** A provider request that will be tried again; `rateLimited` when the provider said 429. */
export function recordMailRetry(lane: string, rateLimited: boolean) {
  safely(() => {
    mailRetried.inc({ lane });
    if (rateLimited) providerRateLimited.inc();
  });
}

/** Resend's event types (bounded); anything else is counted as "other". */
const KNOWN_WEBHOOK_TYPES = new Set([
  'email.sent',
  'email.delivered',
  'email.delivery_delayed',
  'email.bounced',
  'email.complained',
  'email.failed',
  'email.opened',
  'email.clicked',
  'email.received',
  'email.scheduled',
  'email.suppressed',
]);

/** Time from the provider creating the event (`created_at`) to now, when it has one. */
export function recordWebhookLag(type: string, createdAt: string | undefined, now = Date.now()) {
  safely(() => {
    if (!createdAt) return;
    const created = Date.parse(createdAt);
    if (!Number.isFinite(created)) return;
    const label = KNOWN_WEBHOOK_TYPES.has(type) ? type : 'other';
    webhookLag.observe({ type: label }, Math.max(0, (now - created) / 1000));
  });
}
