import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { resolveMigrationsFolder } from '~db/client';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { databaseUnavailableCause } from '~/modules/database/database-availability.server';
import { logger } from '~/utils/logger.server';
import { checkStorage } from '~/modules/storage/storage-health.server';

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * The newest migration this build ships (db/migrations/meta/_journal.json), read once: drizzle
 * applies every migration whose `when` is newer than the newest it recorded, so the database is
 * up to date exactly when its newest record is at least this one.
 */
let shippedMigration: { when: number; tag: string } | undefined;
function newestShippedMigration() {
  if (!shippedMigration) {
    const journal = JSON.parse(
      readFileSync(path.join(resolveMigrationsFolder(), 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { when: number; tag: string }[] };
    const newest = journal.entries.reduce((a, b) => (b.when > a.when ? b : a));
    shippedMigration = { when: newest.when, tag: newest.tag };
  }
  return shippedMigration;
}

/**
 * Whether this process can serve: the database answers, every migration of this build is
 * applied (a process started from a newer build than the database would fail on its first
 * query of a new column), and stored files are reachable. The reason is short plain text for
 * the operator; it names no address, path or secret.
 */
export async function checkReadiness(): Promise<Readiness> {
  let applied: number;
  try {
    const [row] = await selectRows<{ newest: string | number }>(
      db,
      sql`SELECT coalesce(max(created_at), 0)::bigint AS newest FROM drizzle.__drizzle_migrations`,
    );
    applied = Number(row?.newest ?? 0);
  } catch (error) {
    const unavailable = databaseUnavailableCause(error);
    return { ready: false, reason: unavailable ? 'database unavailable' : 'database error' };
  }
  const shipped = newestShippedMigration();
  if (applied < shipped.when)
    return { ready: false, reason: `migration ${shipped.tag} not applied` };
  // The reason the store gave (a bucket name, a folder) is for the log, not a public answer.
  const storage = await checkStorage().catch((error: unknown) => ({
    ok: false as const,
    reason: String(error),
  }));
  if (!storage.ok) {
    logger.warn('readiness.storage_unreachable', { reason: storage.reason });
    return { ready: false, reason: 'storage unreachable' };
  }
  return { ready: true };
}
