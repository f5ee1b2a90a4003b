import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: functions that may run inside either take this. */
export type DbOrTx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Runs raw SQL with positional parameters, in the shape node-postgres returns (pg-boss). */
export type ExecuteSql = (
  text: string,
  values?: unknown[],
) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The raw SQL runner, for pg-boss's `db` adapter. */
  executeSql: ExecuteSql;
  /** The same, bound to an open drizzle transaction (so a job is enqueued atomically). */
  executeSqlIn: (tx: DbOrTx) => ExecuteSql;
  close: () => Promise<void>;
  /**
   * For the process's uncaughtException handler: whether `error` is postgres.js's crash on a
   * connection lost under a transaction (see replaceablePool), in which case the connection
   * pool has just been replaced by a fresh one and the process can go on.
   */
  recoverFromDriverCrash: (error: unknown) => boolean;
  /**
   * PGlite only: the data folder as an uncompressed tarball. The integration tests' global
   * setup dumps a migrated database once and every test file starts from it (decision 098).
   */
  dumpDataDir?: () => Promise<Blob>;
}

export type DatabaseConfig =
  { kind: 'postgres'; url: string; maxConnections?: number } | { kind: 'pglite'; dataDir: string };

// Resolved from the working directory, not this file: in the server build this module is
// bundled into build/server/, while the SQL files stay in db/migrations.
const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

export function resolveMigrationsFolder(override?: string) {
  return override ?? process.env.MIGRATIONS_DIR ?? migrationsFolder;
}

/**
 * PGlite runs PostgreSQL inside this process's WebAssembly memory, which grows and never
 * shrinks. Stock shared_buffers (128 MB) alone grows it from 128 to ~190 MB and keeps those
 * pages resident; one connection and tables of tens of thousands of rows need far less.
 */
const pgliteStartParams = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB'],
];

export async function openDatabase(
  config: DatabaseConfig,
  options: { migrationsDir?: string } = {},
): Promise<Database> {
  const folder = resolveMigrationsFolder(options.migrationsDir);
  if (config.kind === 'postgres') {
    const pool = replaceablePool(config);
    await oneMigratorAtATime(pool.client(), () =>
      migratePostgres(pool.db as never, { migrationsFolder: folder }),
    );
    const runOn =
      (sql: postgres.Sql | postgres.TransactionSql): ExecuteSql =>
      async (text, values) => {
        const result = await sql.unsafe(text, (values ?? []).map(toPostgresParameter) as never[]);
        return { rows: [...result] as Record<string, unknown>[], rowCount: result.count ?? 0 };
      };
    return {
      db: pool.db,
      kind: 'postgres',
      executeSql: (text, values) => runOn(pool.client())(text, values),
      executeSqlIn: (tx) => runOn(sessionClient(tx) as postgres.TransactionSql),
      close: () => pool.client().end({ timeout: 5 }),
      recoverFromDriverCrash: (error) => {
        if (!isPostgresJsNullSocketWrite(error)) return false;
        pool.replace();
        return true;
      },
    };
  }

  const releaseLock = config.dataDir.startsWith('memory://')
    ? () => {}
    : lockDataDir(config.dataDir);
  const template = pgliteTemplateFile(config.dataDir, folder);
  const engine =
    (template && takeParkedDatabase(template)) ||
    (await PGlite.create(config.dataDir, {
      startParams: pgliteStartParams,
      ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
      // The staff directory's name search (migration 0013, decision 092).
      extensions: { pg_trgm },
    }));
  if (template) await rememberTemplateFingerprint(engine, template);
  // What this opening hands out: once it is closed, work a test left running fails as on a
  // closed database, even when the engine goes on to serve the next file (below).
  let open = true;
  const client = template ? refusedAfterClose(engine, () => open) : engine;
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: folder });
  type PgliteLike = Pick<PGlite, 'query' | 'exec'>;
  const runOn =
    (conn: PgliteLike): ExecuteSql =>
    async (text, values) => {
      // PGlite's query() takes one statement with parameters; pg-boss also sends multi-
      // statement scripts (BEGIN; …; COMMIT) without parameters, which need exec().
      if (values && values.length > 0) {
        const result = await conn.query<Record<string, unknown>>(text, values);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      }
      const results = await conn.exec(text);
      const last = results[results.length - 1];
      const rows = (last?.rows ?? []) as Record<string, unknown>[];
      return { rows, rowCount: last?.affectedRows ?? rows.length };
    };
  return {
    db,
    kind: 'pglite',
    executeSql: runOn(client),
    executeSqlIn: (tx) => {
      const inner = sessionClient(tx) as PgliteLike;
      return runOn(inner);
    },
    close: async () => {
      open = false;
      if (template && (await parkForNextTestFile(engine, template))) return;
      await engine.close();
      releaseLock();
    },
    recoverFromDriverCrash: () => false,
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

/**
 * Tests only: an in-memory database starts from the migrated template that
 * tests/setup/template-database.ts built (initdb, 18 migrations and pg-boss's schema cost
 * seconds per test file). The migrations below still run and find nothing to do. A persistent
 * folder or other migrations (a test of the migrator itself) start empty as before.
 */
function pgliteTemplateFile(dataDir: string, folder: string): string | null {
  const file = process.env.PGLITE_TEMPLATE_FILE;
  if (!file || !dataDir.startsWith('memory://') || folder !== migrationsFolder) return null;
  return file;
}

/*
 * Tests only, with the template: loading its 44 MB and booting PostgreSQL again cost 1–2 s of
 * CPU for every test file. Files of one test process run one after another (decision 107), so
 * a file's closed database is emptied back to the template's state and kept for the next file
 * instead: every table of the app emptied (identities restarted), pg-boss's jobs, schedules and
 * bookkeeping cleared, the session reset (DISCARD ALL). It is kept only if its structure — every
 * relation, column, constraint, trigger, function and extension, the queues and the applied
 * migrations — is still the template's, checked by a fingerprint; a file that changed any of it
 * (or closed the database itself) leaves the next one a fresh database, as before.
 */
let parkedDatabase: { client: PGlite; template: string } | null = null;
const templateFingerprints = new Map<string, string>();

function refusedAfterClose(engine: PGlite, isOpen: () => boolean): PGlite {
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!isOpen()) return Promise.reject(new Error('PGlite is closed'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function takeParkedDatabase(template: string): PGlite | null {
  const parked = parkedDatabase;
  parkedDatabase = null;
  if (!parked || parked.template !== template || parked.client.closed) return null;
  return parked.client;
}

async function rememberTemplateFingerprint(client: PGlite, template: string) {
  if (!templateFingerprints.has(template)) {
    templateFingerprints.set(template, await structureFingerprint(client));
  }
}

async function parkForNextTestFile(client: PGlite, template: string): Promise<boolean> {
  if (client.closed || parkedDatabase) return false;
  try {
    // A file may have stopped in the middle of a transaction.
    await client.exec('ROLLBACK');
    await client.exec('DISCARD ALL');
    const { rows } = await client.query<{ tables: string | null }>(
      `SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') AS tables
       FROM pg_tables WHERE schemaname = 'public'`,
    );
    // Replica mode switches triggers off for the reset only: the audit log refuses TRUNCATE.
    await client.exec(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      ${rows[0]?.tables ? `TRUNCATE ${rows[0].tables} RESTART IDENTITY CASCADE;` : ''}
      TRUNCATE pgboss.job, pgboss.archive, pgboss.schedule, pgboss.subscription;
      UPDATE pgboss.version SET maintained_on = NULL, cron_on = NULL, monitored_on = NULL;
      COMMIT;`);
    if ((await structureFingerprint(client)) !== templateFingerprints.get(template)) return false;
  } catch {
    return false;
  }
  parkedDatabase = { client, template };
  return true;
}

async function structureFingerprint(client: PGlite): Promise<string> {
  const ours = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`;
  const { rows } = await client.query<{ fingerprint: string }>(`
    SELECT md5(coalesce(string_agg(item, E'\n' ORDER BY item), '')) AS fingerprint FROM (
      SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text AS item
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ${ours}
      UNION ALL
      SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
          || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text
          || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND n.nspname ${ours}
      UNION ALL
      SELECT 'con ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace::regnamespace::text ${ours}
      UNION ALL
      SELECT 'idx ' || indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid)
        FROM pg_index WHERE indrelid::regclass::text NOT LIKE 'pg\_%'
      UNION ALL
      SELECT 'trg ' || tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL
      SELECT 'fn ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname ${ours}
      UNION ALL
      SELECT 'ext ' || extname || ' ' || extversion FROM pg_extension
      UNION ALL
      SELECT 'queue ' || name || ' ' || policy || ' ' || partition_name FROM pgboss.queue
      UNION ALL
      SELECT 'migration ' || hash FROM drizzle.__drizzle_migrations
      UNION ALL
      SELECT 'version ' || version FROM pgboss.version
    ) items`);
  return rows[0]?.fingerprint ?? '';
}

/**
 * Processes that start together on one database (server-cluster.mjs, several containers) would
 * each apply the same migrations at once, and all but one would stop on "already exists". A
 * session advisory lock lets one apply them while the others wait, then find nothing to do.
 */
async function oneMigratorAtATime(client: postgres.Sql, migrate: () => Promise<void>) {
  const session = await client.reserve();
  try {
    await session`SELECT pg_advisory_lock(hashtext('startline.migrations'))`;
    await migrate();
  } finally {
    await session`SELECT pg_advisory_unlock(hashtext('startline.migrations'))`.catch(() => {});
    session.release();
  }
}

function openPostgres(config: { url: string; maxConnections?: number }) {
  const client = postgres(config.url, {
    max: config.maxConnections ?? 10,
    onnotice: () => {},
    // Timestamps come back as Date objects for drizzle; keep the server's UTC.
    connection: { TimeZone: 'UTC' },
    // While PostgreSQL restarts or fails over, a query must fail within seconds (the page
    // answers 503, decision 074) instead of waiting: 5 s for a host that does not answer at
    // all (the default is 30 s), and at most 1 s between reconnection attempts (the default
    // backoff grows to 20 s, which would also delay recovery by as much).
    connect_timeout: 5,
    backoff: (attempt: number) => Math.min(0.1 * 2 ** attempt, 1),
    // Documented (README, "Custom socket") but missing from postgres.js's types.
    ...({ socket: openPostgresSocket } as object),
  });
  return { client, db: drizzlePostgres(client, { schema }) as unknown as Db };
}

/**
 * postgres.js 3.4.9 crashes the process when a connection drops while a transaction runs on
 * it: the transaction's own ROLLBACK is written from a timer after the socket is gone, a
 * TypeError no caller can catch (porsager/postgres#1208, #1154). Caught as an uncaught
 * exception, it still leaves that connection unable to ever connect again (its write buffer
 * keeps the lost ROLLBACK and no longer flushes). So the whole pool is replaced: every module
 * holds the one `db` returned here, which forwards to the current pool; the broken pool
 * finishes its queries in flight and closes. Remove once postgres.js ships the fix.
 */
function replaceablePool(config: { url: string; maxConnections?: number }) {
  let current = openPostgres(config);
  const db = new Proxy(current.db, { get: (_target, key) => Reflect.get(current.db, key) });
  return {
    db,
    client: () => current.client,
    replace() {
      const broken = current.client;
      current = openPostgres(config);
      broken.end({ timeout: 5 }).catch(() => {});
    },
  };
}

function isPostgresJsNullSocketWrite(error: unknown) {
  return (
    error instanceof TypeError &&
    /\bnextWrite\b/.test(error.stack ?? '') &&
    /[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? '')
  );
}

/**
 * postgres.js 3.4.9 never settles a query when the server accepts a connection and closes it
 * cleanly before answering, and reconnects in a tight loop that connect_timeout does not bound
 * (porsager/postgres#1193). A TCP proxy or load balancer in front of PostgreSQL does exactly
 * that while no database is behind it during a failover: every page would hang for the whole
 * outage. Reporting that close as a reset makes the query fail at once, as a refused
 * connection does. The one exchange in which the server legitimately closes without a word is
 * a cancel request (16 bytes sent), which keeps its clean close.
 */
const CANCEL_REQUEST_BYTES = 16;
let nextHost = 0;

function openPostgresSocket(options: {
  host: string[];
  port: number[];
  path?: string | false;
}): net.Socket {
  const index = nextHost++ % options.host.length;
  const host = options.host[index];
  const port = options.port[index] ?? options.port[0];
  const socket = options.path ? net.connect(options.path) : net.connect({ host, port });
  // postgres.js names these in its error messages and uses host as the TLS server name.
  Object.assign(socket, { host, port });
  socket.on('end', () => {
    if (socket.bytesRead > 0 || socket.bytesWritten === CANCEL_REQUEST_BYTES) return;
    const reset = Object.assign(
      new Error(
        `${options.path || `${host}:${port}`} closed the connection before PostgreSQL answered`,
      ),
      { code: 'ECONNRESET' },
    );
    socket.destroy(reset);
  });
  return socket;
}

/**
 * PGlite has no file lock of its own and two processes on one folder corrupt it. A pid file
 * taken with O_EXCL stops a second process (a second `npm start`, a stray test) at once.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  const take = () => writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  try {
    take();
  } catch {
    const holder = Number(readFileSync(lockPath, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is already open in process ${holder}. ` +
          'Stop that process first (PGlite must never be opened by two processes).',
      );
    }
    rmSync(lockPath, { force: true });
    take();
  }
  const release = () => rmSync(lockPath, { force: true });
  process.once('exit', release);
  return release;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// pg-boss writes its parameters for node-postgres, which sends undefined as NULL and plain
// objects as JSON; postgres.js needs both made explicit.
function toPostgresParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value) &&
    !Array.isArray(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

// drizzle keeps the driver's connection (or open transaction) on `session.client`; it is the
// only way to run pg-boss's SQL inside the same transaction as our own writes.
function sessionClient(tx: DbOrTx): unknown {
  const session = (tx as unknown as { session: { client: unknown } }).session;
  return session.client;
}
