import type { Database } from '~db/client';
import { env } from '~/env.server';
import {
  announcementMailKind,
  markAnnouncementSent,
} from '~/modules/announcements/announcement-delivery.server';
import { renderStaleBodies } from '~/modules/announcements/announcement-body.server';
import { closeProcessDatabase, openProcessDatabase } from '~/modules/database/database.server';
import { deliveryOutcomeWebhooks, onResendWebhook } from '~/modules/delivery/webhooks.server';
import { seedDemoIfEmpty } from '~/modules/demo/demo-seed.server';
import {
  dispatchInvitationsQueue,
  invitationMailKinds,
  invitationResendMailKind,
  remindInvitationsQueue,
} from '~/modules/invitations/invitation-delivery.server';
import {
  startJobs,
  startWorkers,
  stopJobs,
  type QueueDefinition,
} from '~/modules/jobs/queue.server';
import { onStreamFinished } from '~/modules/mail/mail-dispatcher.server';
import { registerMailKinds, renderedMailKind } from '~/modules/mail/mail-kinds.server';
import { retentionQueue } from '~/modules/maintenance/retention.server';
import { storageSweepQueue } from '~/modules/maintenance/storage-sweep.server';
import { answerClusterMetricRequests } from '~/modules/observability/metrics-cluster.server';
import { collectProcessMetrics } from '~/modules/observability/metrics.server';
import { inboundMailQueue, recordReceivedEmail } from '~/modules/relay/inbound-mail.server';
import { eraseAttachmentFilesQueue } from '~/modules/relay/relay-threads.server';
import { verifyStorageAtStart } from '~/modules/storage/storages.server';
import { logger } from '~/utils/logger.server';

/**
 * The process's start-up (decision 103): the one place where the database opens, the job
 * queues, mail kinds and webhook handlers are registered and the workers start. Importing a
 * module does none of it, so these lists are the whole of what a process runs: a queue, kind
 * or handler missing here is missing everywhere, the tests included, not just in one process.
 */

/** Every job queue: created at start-up, worked by every job worker. */
const QUEUES = [
  dispatchInvitationsQueue,
  remindInvitationsQueue,
  inboundMailQueue,
  eraseAttachmentFilesQueue,
  storageSweepQueue,
  retentionQueue,
] as QueueDefinition<never>[];

/** How the outbound pipeline freezes and builds each kind of message. */
const MAIL_KINDS = [
  renderedMailKind,
  announcementMailKind,
  ...invitationMailKinds,
  invitationResendMailKind,
];

/** Resend's webhook events we act on, by type; the others are acknowledged and dropped. */
const RESEND_WEBHOOKS = {
  ...deliveryOutcomeWebhooks,
  'email.received': recordReceivedEmail,
};

/** What happens when a mail stream's last message is settled. */
const STREAM_FINISHED_HOOKS = [markAnnouncementSent];

/**
 * - `server`: server.ts (web and job processes alike): everything, workers when JOB_WORKER.
 * - `migrate`: the release step (`--migrate-only`): the database's migrations and pg-boss's
 *   schema and queues, then nothing else.
 * - `script`: tests, the test template, benches, tools: the database and the queues, to
 *   enqueue; workers only when asked (`workers: true`).
 */
export type AppRole = 'server' | 'migrate' | 'script';

export interface RunningApp {
  database: Database;
  /** Whether this process works the job queues and sends mail. */
  workers: boolean;
  /** Stops the workers (letting the current job finish when graceful), then closes the database. */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

export async function startApp(options: { role: AppRole; workers?: boolean }): Promise<RunningApp> {
  const { role } = options;
  const workers = role === 'server' ? env.JOB_WORKER : role === 'script' && !!options.workers;

  registerMailKinds(MAIL_KINDS);
  for (const [type, handler] of Object.entries(RESEND_WEBHOOKS)) onResendWebhook(type, handler);
  for (const hook of STREAM_FINISHED_HOOKS) onStreamFinished(hook);

  // First: a bucket that does not answer stops the process before the (slow, on a first
  // embedded start) database opens, with one line naming the variables to check.
  if (role !== 'migrate') await verifyStorageAtStart();
  const database = await openProcessDatabase();
  const running: RunningApp = {
    database,
    workers,
    async stop({ graceful = true } = {}) {
      await stopJobs({ graceful });
      await closeProcessDatabase();
    },
  };
  try {
    // Maintenance and cron (pg-boss's supervisor) only where jobs are worked.
    await startJobs(database, QUEUES, { supervise: workers });
    if (role === 'migrate') return running;

    if (role === 'server') {
      collectProcessMetrics();
      answerClusterMetricRequests();
      await seedDemoIfEmpty();
    }
    if (workers) await startWorkers();
    // Announcements sent before their rendering was stored: rendered once here, not per view.
    if (workers && role === 'server') {
      void renderStaleBodies().catch((error) =>
        logger.error('announcements.render_failed', { error }),
      );
    }
    return running;
  } catch (error) {
    // Nothing half-started stays behind (an open pool would keep the process alive).
    await running.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
}
