import PgBoss from 'pg-boss';
import type { Database, DbOrTx } from '~db/client';
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

let boss: PgBoss | null = null;
// False from the moment a stop begins; `boss` stays set until it ends, so that a job finishing
// during a graceful stop can still enqueue its follow-up.
let running = false;

/** The queues start-up registered, by name: what the workers and runPendingJobs work. */
const definitions = new Map<string, QueueDefinition<never>>();

function startedBoss(): PgBoss {
  if (!boss) {
    throw new Error(
      'The job queues are not started: importing a module never starts them. Call startApp() ' +
        '(app/modules/app/start-app.server.ts) first.',
    );
  }
  return boss;
}

/**
 * Describes a queue; it does nothing else (decision 103). The queue is created, and its
 * handler given to the workers, when start-up passes it to `startJobs`, from the one list in
 * app/modules/app/start-app.server.ts. Modules export the result: `enqueue(thatQueue, data)`.
 */
export function defineQueue<T>(definition: QueueDefinition<T>): QueueDefinition<T> {
  return definition;
}

/**
 * Starts pg-boss on the opened database and creates every queue of `queues`. On PGlite every
 * statement shares one connection, so pg-boss's own setup runs here, at start-up, never while
 * a transaction holds it.
 */
export async function startJobs(
  opened: Database,
  queues: readonly QueueDefinition<never>[],
  options: { supervise: boolean },
) {
  if (boss) throw new Error('the job queues are already started');
  // pg-boss keeps its tables in the `pgboss` schema of the same database. On PostgreSQL it
  // opens its own small pool; on PGlite it must go through our single connection.
  const started = new PgBoss({
    ...(opened.kind === 'postgres' && env.DATABASE_URL
      ? {
          connectionString: env.DATABASE_URL,
          max: 4,
          // Handed to node-postgres's pool: during a failover a host that does not answer fails
          // the poll in 5 s instead of after the OS's TCP timeout (minutes) (decision 074).
          connectionTimeoutMillis: 5_000,
        }
      : { db: { executeSql: opened.executeSql } }),
    schema: 'pgboss',
    // Maintenance and cron only where jobs are worked; tests and scripts only enqueue.
    supervise: options.supervise,
    schedule: options.supervise,
  });
  // pg-boss's loops catch their own failures and emit them here (without a listener the
  // 'error' event would itself end the process). While PostgreSQL is away every poll fails: a
  // warning.
  started.on('error', (error: Error) => {
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
  await started.start();
  boss = started;
  running = true;
  // One at a time: two createQueue calls on separate pool connections deadlock on a fresh
  // PostgreSQL database (each ALTERs pgboss tables while holding a lock the other needs).
  for (const definition of queues) {
    await retryOnDeadlock(() =>
      started.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 5,
        retryBackoff: true,
      }),
    );
    definitions.set(definition.name, definition);
  }
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
  await startedBoss().send(queue.name, data, {
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
  await startedBoss().insert(
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
      await startedBoss().schedule(definition.name, definition.cron, {}, { tz: 'Asia/Tokyo' });
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
      await startedBoss().work(
        definition.name,
        { batchSize: definition.batchSize ?? 1, pollingIntervalSeconds: 1 },
        async (jobs: PgBoss.Job<never>[]) => {
          for (const job of jobs) await definition.handler(job.data);
        },
      );
    }
    await startedBoss().work(
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
      const jobs = (await startedBoss().fetch(definition.name, { batchSize: 50 })) ?? [];
      for (const job of jobs) {
        progressed = true;
        ran += 1;
        try {
          await definition.handler(job.data as never);
          await startedBoss().complete(definition.name, job.id);
        } catch (error) {
          await startedBoss().fail(definition.name, job.id, { message: String(error) });
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
  if (!running || !boss) return;
  const stopping = boss;
  running = false;
  await stopMailSenders();
  await stopping.stop({
    graceful: options.graceful ?? true,
    close: true,
    wait: true,
    timeout: 5000,
  });
  boss = null;
  definitions.clear();
}
