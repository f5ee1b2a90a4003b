/**
 * The embedded database a test file leaves behind is emptied back to the template and handed
 * to the next file of the same test process (db/client.ts), instead of loading the template
 * again. What the next file must be able to rely on: nothing of the previous file's rows or
 * jobs, identities counting from 1 again, the previous file's handle refusing work, and a fresh
 * database whenever the previous file changed the structure.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '~db/client';

// On PostgreSQL every file gets a database of its own from a template database instead.
const template = inject('pgliteTemplateFile');

async function one<T>(database: Database, query: ReturnType<typeof sql>): Promise<T> {
  const result = await database.db.execute(query);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
  return rows[0]!;
}

const startedAt = (database: Database) =>
  one<{ at: string }>(database, sql`SELECT pg_postmaster_start_time()::text AS at`);

describe.skipIf(!template)('the embedded database kept for the next test file', () => {
  it('is empty again, counts identities from 1, and refuses the file that closed it', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await first.db.execute(
      sql`INSERT INTO audit_log (action) VALUES ('test.first'), ('test.second')`,
    );
    await first.db.execute(sql`INSERT INTO pgboss.job (name, data) VALUES ('relay.inbound', '{}')`);
    const firstEngine = await startedAt(first);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      // The same engine (kept, not loaded again)…
      expect(await startedAt(second)).toEqual(firstEngine);
      // …with nothing of the previous file in it.
      expect(await one(second, sql`SELECT count(*)::int AS n FROM audit_log`)).toEqual({ n: 0 });
      expect(await one(second, sql`SELECT count(*)::int AS n FROM pgboss.job`)).toEqual({ n: 0 });
      expect(
        await one(
          second,
          sql`INSERT INTO audit_log (action) VALUES ('test.third') RETURNING id::int AS id`,
        ),
      ).toEqual({ id: 1 });
      // Work the closed file left running fails as on a closed database.
      const refused = await first.db.execute(sql`SELECT 1`).then(
        () => null,
        (error: unknown) => error as Error,
      );
      expect(String(refused?.cause ?? refused)).toMatch(/PGlite is closed/);
    } finally {
      await second.close();
    }
  });

  it('is not kept when the file changed its structure: the next file gets a fresh one', async () => {
    const changed = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await changed.db.execute(sql`ALTER TABLE audit_log ADD COLUMN left_behind text`);
    const changedEngine = await startedAt(changed);
    await changed.close();

    const next = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      expect(await startedAt(next)).not.toEqual(changedEngine);
      expect(
        await one(
          next,
          sql`SELECT count(*)::int AS n FROM information_schema.columns
              WHERE table_name = 'audit_log' AND column_name = 'left_behind'`,
        ),
      ).toEqual({ n: 0 });
    } finally {
      await next.close();
    }
  });
});
