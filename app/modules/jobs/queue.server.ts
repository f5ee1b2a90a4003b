import PgBoss from 'pg-boss';
import type { DbOrTx } from '~db/client';
import { env } from '~/env.server';
import { databaseUnavailableCause } from '~/modules/database/database-availability.server';
import { database } from '~/modules/database/database.server';
import {
  drainOutbox,
  startMailSenders,
  stopMailSenders,
} from '~/modules/mail/mail-dispatcher.server';
import { logger } from '~/utils/logger.server';

export type JobHandler<T> = (data: T) => Promise<void>;

export interface QueueDefinition<T> {
  name: string;
  handler: JobHandler<T>;
  /** pg-boss retries with exponential backoff; a job that throws is tried again. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  batchSize?: number;
  /** Independent fetch loops per process (jobs that mostly wait, e.g. on a rate limit). */
  concurrency?: number;
  /**
   * Runs the job on this cron schedule (Asia/Tokyo time), e.g. '30 4 * * *'. pg-boss keeps
   * the schedule in the database, so it fires once per slot however many workers run.
   */
  cron?: string;
}

// pg-boss keeps its tables in the `pgboss` schema of the same database. On PostgreSQL it
// opens its own small pool; on PGlite it must go through our single connection.
const boss = new PgBoss({
  ...(database.kind === 'postgres' && env.DATABASE_URL
    ? {
        connectionString: env.DATABASE_URL,
        max: 4,
        // Handed to node-postgres's pool: during a failover a host that does not answer fails
        // the poll in 5 s instead of after the OS's TCP timeout (minutes) (decision 074).
        connectionTimeoutMillis: 5_000,
      }
    : { db: { executeSql: database.executeSql } }),
  schema: 'pgboss',
  // Maintenance and cron only where jobs are worked; tests and scripts only enqueue.
  supervise: env.JOB_WORKER,
  schedule: env.JOB_WORKER,
});
// pg-boss's loops catch their own failures and emit them here (without a listener the 'error'
// event would itself end the process). While PostgreSQL is away every poll fails: a warning.
boss.on('error', (error: Error) => {
  const unavailable = databaseUnavailableCause(error);
  if (unavailable) {
    logger.warn('database.unavailable', {
      during: 'jobs',
      code: unavailable.code,
      reason: unavailable.message,
    });
  } else {
    logger.error('jobs.error', { reason: error.message });
  }
});

// Started at import, like the database: on PGlite every statement shares one connection,
// so pg-boss's own setup must never run while a transaction holds it.
await boss.start();
let running = true;

const definitions = new Map<string, QueueDefinition<never>>();
let queueCreation: Promise<unknown> = Promise.resolve();

/**
 * Creates the queue (once, at import time of the module that owns it) and remembers its
 * handler for the workers. Modules call it at top level: `await defineQueue(...)`.
 */
export async function defineQueue<T>(definition: QueueDefinition<T>): Promise<QueueDefinition<T>> {
  // One at a time: sibling modules with top-level await are evaluated concurrently, and two
  // createQueue calls on separate pool connections deadlock on a fresh PostgreSQL database
  // (each ALTERs pgboss tables while holding a lock the other needs).
  const created = queueCreation.then(() =>
    retryOnDeadlock(() =>
      boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 5,
        retryBackoff: true,
      }),
    ),
  );
  queueCreation = created.catch(() => undefined);
  await created;
  definitions.set(definition.name, definition as QueueDefinition<never>);
  return definition;
}

/**
 * Several processes starting together on a fresh database create the same queues at once, and
 * pg-boss's DDL can deadlock across them (40P01): PostgreSQL aborts one, which simply tries
 * again (creating a queue that exists is a no-op).
 */
async function retryOnDeadlock<T>(create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await create();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '40P01' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/**
 * Enqueues a job. Pass the open transaction when the job belongs to a write, so the job
 * exists exactly when the write commits (no job for a rolled-back write, no write without
 * its job).
 */
export async function enqueue<T extends object>(
  queue: QueueDefinition<T>,
  data: T,
  options: { tx?: DbOrTx; singletonKey?: string; startAfterSeconds?: number } = {},
) {
  await boss.send(queue.name, data, {
    singletonKey: options.singletonKey,
    startAfter: options.startAfterSeconds,
    ...(options.tx ? { db: { executeSql: database.executeSqlIn(options.tx) } } : {}),
  });
}

/**
 * Enqueues many jobs of one queue in a single statement (fan-out: one job per recipient
 * batch). With `tx`, the jobs exist exactly when that transaction commits.
 */
export async function enqueueMany<T extends object>(
  queue: QueueDefinition<T>,
  items: { data: T; startAfterSeconds?: number }[],
  options: { tx?: DbOrTx } = {},
) {
  if (items.length === 0) return;
  await boss.insert(
    items.map((item) => ({
      name: queue.name,
      data: item.data,
      ...(item.startAfterSeconds
        ? { startAfter: new Date(Date.now() + item.startAfterSeconds * 1000) }
        : {}),
    })),
    options.tx ? { db: { executeSql: database.executeSqlIn(options.tx) } } : {},
  );
}

/** Stores (or updates) the cron schedule of every queue that has one. */
export async function registerSchedules() {
  for (const definition of definitions.values()) {
    if (definition.cron) {
      await boss.schedule(definition.name, definition.cron, {}, { tz: 'Asia/Tokyo' });
    }
  }
}

/**
 * Starts the workers for every defined queue and the outbound mail senders (the web process
 * does this in embedded mode).
 */
export async function startWorkers() {
  await registerSchedules();
  startMailSenders();
  for (const definition of definitions.values()) {
    for (let loop = 1; loop < (definition.concurrency ?? 1); loop += 1) {
      await boss.work(
        definition.name,
        { batchSize: definition.batchSize ?? 1, pollingIntervalSeconds: 1 },
        async (jobs: PgBoss.Job<never>[]) => {
          for (const job of jobs) await definition.handler(job.data);
        },
      );
    }
    await boss.work(
      definition.name,
      { batchSize: definition.batchSize ?? 1, pollingIntervalSeconds: 1 },
      async (jobs: PgBoss.Job<never>[]) => {
        for (const job of jobs) await definition.handler(job.data);
      },
    );
  }
}

/**
 * Runs every job that is ready now, in this call, until the queues are empty. Used by tests
 * and scripts that need deterministic completion; it goes through pg-boss (fetch, then
 * complete or fail) exactly like a worker.
 */
export async function runPendingJobs(options: { maxRounds?: number } = {}) {
  let ran = 0;
  for (let round = 0; round < (options.maxRounds ?? 50); round += 1) {
    let progressed = false;
    for (const definition of definitions.values()) {
      const jobs = (await boss.fetch(definition.name, { batchSize: 50 })) ?? [];
      for (const job of jobs) {
        progressed = true;
        ran += 1;
        try {
          await definition.handler(job.data as never);
          await boss.complete(definition.name, job.id);
        } catch (error) {
          await boss.fail(definition.name, job.id, { message: String(error) });
        }
      }
    }
    // The outbound mail the jobs queued (and any queued before): sent now, as a sender would.
    const dispatched = await drainOutbox();
    ran += dispatched;
    if (dispatched > 0) progressed = true;
    if (!progressed) break;
  }
  return ran;
}

export async function stopJobs(options: { graceful?: boolean } = {}) {
  if (!running) return;
  running = false;
  await stopMailSenders();
  await boss.stop({ graceful: options.graceful ?? true, close: true, wait: true, timeout: 5000 });
}
