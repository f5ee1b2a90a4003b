import path from 'node:path';
import { openDatabase, type Database } from '~db/client';
import { env } from '~/env.server';

/**
 * The process's one database. `DATABASE_URL` selects PostgreSQL through postgres.js;
 * otherwise an embedded PGlite persisted in DATA_DIR/pglite. PGlite has no file lock, so
 * only this process may open that folder: the job worker runs in-process in that mode.
 * Migrations are applied here, before the first request is served.
 */
const opened = globalThis as { startlineDevDatabase?: Promise<Database> };
const open = () =>
  openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : {
          kind: 'pglite',
          dataDir: env.DATA_DIR.startsWith('memory://')
            ? env.DATA_DIR
            : path.resolve(env.DATA_DIR, 'pglite'),
        },
  );
// `npm run dev` (server/dev.mjs) evaluates a module again after an edit to it or to a module it
// imports; a second PGlite on the same folder would corrupt it, so dev keeps the first one.
export const database: Database = await (process.env.STARTLINE_DEV_SERVER === 'true'
  ? (opened.startlineDevDatabase ??= open())
  : open());

export const db = database.db;
