import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';

/**
 * `db.execute` answers in the driver's own shape: postgres.js gives the rows as an array
 * (with a `count`), PGlite gives `{ rows, affectedRows }`. Raw SQL goes through these helpers
 * so no module has to know which driver it runs on.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** How many rows an INSERT/UPDATE/DELETE touched, whichever driver ran it. */
export function affectedRowsOf(result: unknown): number | undefined {
  const r = result as { rowCount?: number | null; affectedRows?: number; count?: number };
  const n = r.rowCount ?? r.affectedRows ?? r.count;
  return n == null ? undefined : Number(n);
}

/** Runs raw SQL (on the database or inside a transaction) and returns its rows, typed. */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** Runs raw SQL that changes rows and returns how many it touched. */
export async function executeCount(db: DbOrTx, query: SQL): Promise<number | undefined> {
  return affectedRowsOf(await db.execute(query));
}
