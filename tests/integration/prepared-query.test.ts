/**
 * Queries every page view runs are built once per database session (prepared-query.server.ts,
 * decision 111): built again, never reused, when the session changes — as when the postgres.js
 * pool is replaced after a driver crash (db/client.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '~db/schema';
import { getSessionUser } from '~/modules/auth/session.server';
import { database, db } from '~/modules/database/database.server';
import { preparedQuery } from '~/modules/database/prepared-query.server';
import { signedInUser } from '../support/auth';
import { APP_ORIGIN } from '../support/requests';

function countingQuery() {
  let builds = 0;
  const query = preparedQuery((db) => {
    builds += 1;
    return db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare('test_user_email');
  });
  return { query, builds: () => builds };
}

/** The error postgres.js throws when a connection drops under a transaction (db/client.ts). */
function driverCrash() {
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = `${error.message}\n    at nextWrite (/app/node_modules/postgres/src/connection.js:253:12)`;
  return error;
}

describe('a prepared query', () => {
  it('is built on first use, once, and answers for each parameter', async () => {
    const first = await signedInUser('prepared-a@runner.example');
    const second = await signedInUser('prepared-b@runner.example');
    const { query, builds } = countingQuery();
    expect(builds()).toBe(0);
    expect(await query().execute({ id: first.userId })).toEqual([
      { email: 'prepared-a@runner.example' },
    ]);
    expect(await query().execute({ id: second.userId })).toEqual([
      { email: 'prepared-b@runner.example' },
    ]);
    expect(await query().execute({ id: 'nobody' })).toEqual([]);
    expect(query()).toBe(query());
    expect(builds()).toBe(1);
  });

  // Only postgres.js has a pool to replace (PGlite is one in-process connection).
  it.skipIf(!process.env.DATABASE_URL)(
    'is built again on the pool that replaced a crashed one, and sessions still resolve',
    async () => {
      const runner = await signedInUser('prepared-c@runner.example');
      const { query, builds } = countingQuery();
      const before = query();
      await before.execute({ id: runner.userId });
      const sessionBefore = (db as unknown as { session: object }).session;

      expect(database.recoverFromDriverCrash(driverCrash())).toBe(true);
      expect((db as unknown as { session: object }).session).not.toBe(sessionBefore);
      const after = query();
      expect(after).not.toBe(before);
      expect(builds()).toBe(2);
      expect(await after.execute({ id: runner.userId })).toEqual([
        { email: 'prepared-c@runner.example' },
      ]);
      // The session lookup (a prepared query too) runs on the new pool.
      const user = await getSessionUser(
        new Request(`${APP_ORIGIN}/`, { headers: { Cookie: runner.cookie } }),
      );
      expect(user?.email).toBe('prepared-c@runner.example');
    },
  );
});
