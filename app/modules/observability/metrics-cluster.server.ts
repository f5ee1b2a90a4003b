import { metricsRegistry } from './metrics.server';

/**
 * /metrics for a whole server-cluster.mjs (decision 096). Its web processes share one port,
 * so a scrape reaches one of them at random, and the mail counters live in the job workers,
 * which listen on ports of their own: each process alone would show a fraction. So the web
 * process that receives the scrape asks the cluster's primary, over the IPC channel every
 * member has, for the sum of every member's registry (prom-client's AggregatorRegistry, with
 * each metric's `aggregator`), and answers with that.
 *
 * The messages (also in server-cluster.mjs):
 *   member → primary  { type: 'startline:metrics:collect', id }
 *   primary → member  { type: 'startline:metrics:snapshot?', id, requester }
 *   member → primary  { type: 'startline:metrics:snapshot', id, metrics }
 *   primary → member  { type: 'startline:metrics:aggregated', id, text } (or { error })
 */
const COLLECT_TIMEOUT_MS = 5_000;
const QUEUE_GAUGE_PREFIX = 'startline_mail_queue_';

type ClusterMessage =
  | { type: 'startline:metrics:snapshot?'; id: string; requester: number }
  | { type: 'startline:metrics:aggregated'; id: string; text?: string; error?: string };

/** Whether this process runs under server-cluster.mjs (which sets STARTLINE_CLUSTER). */
export function inCluster() {
  return process.env.STARTLINE_CLUSTER === 'true' && typeof process.send === 'function';
}

const pending = new Map<string, (answer: { text?: string; error?: string }) => void>();
let nextId = 0;
let listening = false;

/** Answers the primary's requests for this process's metrics; call once at boot. */
export function answerClusterMetricRequests() {
  if (!inCluster() || listening) return;
  listening = true;
  process.on('message', (raw: unknown) => {
    const message = raw as ClusterMessage | null;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'startline:metrics:snapshot?') {
      void metricsRegistry.getMetricsAsJSON().then((metrics) => {
        // The queue gauges are sampled by the process that was scraped, just now; the others
        // hold what they sampled at some earlier scrape, which must not win the 'max'.
        const fresh =
          message.requester === process.pid
            ? metrics
            : metrics.filter((m) => !m.name.startsWith(QUEUE_GAUGE_PREFIX));
        process.send?.({ type: 'startline:metrics:snapshot', id: message.id, metrics: fresh });
      });
    } else if (message.type === 'startline:metrics:aggregated') {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
}

/** The whole cluster's metrics in Prometheus text, or null if the primary did not answer. */
export async function clusterMetricsText(): Promise<string | null> {
  const id = `${process.pid}-${nextId++}`;
  const answer = await new Promise<{ text?: string; error?: string } | null>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(null);
    }, COLLECT_TIMEOUT_MS);
    pending.set(id, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
    process.send?.({ type: 'startline:metrics:collect', id });
  });
  return answer?.text ?? null;
}
