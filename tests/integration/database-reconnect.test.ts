/**
 * The PostgreSQL client through a database outage (decision 074): queries fail fast while the
 * server is away, as errors the app recognises as "unavailable", and the pool is back by
 * itself once the server is. The outage is a TCP proxy cutting every connection and closing
 * new ones on accept, as a proxy or load balancer does with no database behind it.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '~db/client';
import { isDatabaseUnavailableError } from '~/modules/database/database-availability.server';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const FAIL_FAST_MS = 3000;

describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL client through an outage', () => {
  let proxy: TcpProxy;
  let database: Database;

  beforeAll(async () => {
    proxy = await startTcpProxy(process.env.DATABASE_URL!);
    database = await openDatabase({ kind: 'postgres', url: proxy.url, maxConnections: 3 });
  });
  afterAll(async () => {
    proxy.restore();
    await database?.close();
    await proxy?.close();
  });

  const selectOne = () => database.db.execute(sql`select 1 as one`);
  const failureOf = (query: Promise<unknown>) =>
    query.then(
      () => undefined,
      (error: unknown) => error,
    );

  async function untilAnswering(timeoutMs: number) {
    const started = Date.now();
    for (;;) {
      if ((await failureOf(selectOne())) === undefined) return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no answer within ${timeoutMs} ms of the database coming back`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('fails a query in flight and every query during the outage within seconds, then recovers', async () => {
    await selectOne();
    const inFlight = failureOf(database.db.execute(sql`select pg_sleep(5)`));
    // The query must have reached the server before the cut: wait until the server runs it
    // (seen over the direct connection, which the proxy does not cut).
    const direct = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      for (const deadline = Date.now() + 10_000; ;) {
        const [{ running }] = await direct`
          SELECT count(*)::int AS running FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active'
            AND query LIKE '%pg_sleep%' AND query NOT LIKE '%pg_stat_activity%'`;
        if (running > 0) break;
        if (Date.now() > deadline) throw new Error('the query never reached the server');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await direct.end();
    }
    proxy.cut();
    expect(isDatabaseUnavailableError(await inFlight)).toBe(true);

    for (let attempt = 0; attempt < 5; attempt += 1) {
      const started = Date.now();
      const error = await failureOf(selectOne());
      expect(isDatabaseUnavailableError(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(FAIL_FAST_MS);
    }

    proxy.restore();
    await untilAnswering(5000);
    expect(await selectOne()).toHaveLength(1);
  });

  it('comes back within about a second however many queries failed during the outage', async () => {
    await selectOne();
    proxy.cut();
    // Each failed attempt lengthens postgres.js's wait before the next one (20 s at most by
    // default, which would delay recovery by as much); db/client.ts caps it at 1 s.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(isDatabaseUnavailableError(await failureOf(selectOne()))).toBe(true);
    }
    proxy.restore();
    expect(await untilAnswering(5000)).toBeLessThan(2500);
  });
});
