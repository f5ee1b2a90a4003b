import path from 'node:path';
import { openDatabase, type Database, type Db } from '~db/client';
import { env } from '~/env.server';
import { forwardTo } from '~/utils/forward-to.server';

/**
 * The process's one database. `DATABASE_URL` selects PostgreSQL through postgres.js;
 * otherwise an embedded PGlite persisted in DATA_DIR/pglite. PGlite has no file lock, so
 * only this process may open that folder: the job worker runs in-process in that mode.
 *
 * Importing this module opens nothing (decision 103): start-up (app/modules/app/start-app.server.ts)
 * calls `openProcessDatabase`, which applies the migrations before the first request is served.
 * `database` and `db` are importable everywhere under their old names and types; they stand
 * for the opened instance, and using them before start-up throws an error that says so.
 */
// `npm run dev` (server/dev.mjs) evaluates a module again after an edit to it or to a module it
// imports; the opened database is kept on globalThis there, so a re-evaluated copy of this module
// still reaches it (a second PGlite on the same folder would corrupt it; decision 102).
const holder: { database: Database | null } =
  process.env.STARTLINE_DEV_SERVER === 'true'
    ? ((
        globalThis as { startlineDevDatabase?: { database: Database | null } }
      ).startlineDevDatabase ??= { database: null })
    : { database: null };

export async function openProcessDatabase(): Promise<Database> {
  if (holder.database) throw new Error('the database is already open (startApp was called twice)');
  holder.database = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : {
          kind: 'pglite',
          dataDir: env.DATA_DIR.startsWith('memory://')
            ? env.DATA_DIR
            : path.resolve(env.DATA_DIR, 'pglite'),
        },
  );
  return holder.database;
}

/** Closes the database start-up opened; `database` and `db` throw again until the next start. */
export async function closeProcessDatabase() {
  const closing = holder.database;
  holder.database = null;
  await closing?.close();
}

function openedDatabase(): Database {
  const opened = holder.database;
  if (!opened) {
    throw new Error(
      'The database is not open: importing a module never opens it. Call startApp() ' +
        '(app/modules/app/start-app.server.ts) first — server.ts, scripts and the test setup do.',
    );
  }
  return opened;
}

export const database: Database = forwardTo(openedDatabase);

export const db: Db = forwardTo(() => openedDatabase().db);
