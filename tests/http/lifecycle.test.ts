/**
 * The built server's life: boot refuses a bad environment naming the variable, and SIGTERM
 * with the job worker running ends the process cleanly within a few seconds (database
 * closed, so the next start on the same embedded database works).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  runServerExpectingFailure,
  startAppServer,
  waitFor,
  type AppServer,
} from './support/app-server';

const servers: AppServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.dispose();
});

// No demo (SEED_DEMO=false): seeding encodes a sample video, which makes each boot slow.
const serverEnv = () => ({
  SEED_DEMO: 'false',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const ADDRESS = 'lifecycle-runner@example.com';

async function mailboxCount(server: AppServer) {
  const response = await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(ADDRESS)}`);
  return ((await response.json()) as { messages: unknown[] }).messages.length;
}

describe('server lifecycle', () => {
  it('exits with code 0 within a few seconds of SIGTERM while the job worker is running', async () => {
    // On a folder that never held a database, as on a new machine: initdb and every migration
    // happen at this start (the other servers in the tests start from a migrated copy).
    const server = await startAppServer({
      env: { ...serverEnv(), JOB_WORKER: 'true' },
      emptyDataDir: true,
    });
    servers.push(server);
    // Give the worker something to do first: a sign-in email, delivered by the worker.
    const origin = new URL(server.url).origin;
    const response = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: ADDRESS }),
    });
    expect(response.status).toBe(302);
    await waitFor(
      async () => ((await mailboxCount(server)) > 0 ? true : undefined),
      30_000,
      'the email',
    );

    const exit = await server.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5000);
    expect(server.logs.map((l) => l.message)).toContain('server.shutdown');
    expect(server.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(server.stderr()).toBe('');

    // The embedded database was closed and its lock released: the same folder opens again,
    // with what was written before still there.
    if (server.dataDir) {
      const again = await startAppServer({ env: serverEnv(), dataDir: server.dataDir });
      servers.push(again);
      expect(await mailboxCount(again)).toBe(1);
      expect(await again.stop('SIGINT')).toMatchObject({ code: 0 });
    }
  }, 300_000);

  it('refuses to boot on an invalid environment variable, naming it', async () => {
    const badPort = await runServerExpectingFailure({ PORT: 'abc' });
    expect(badPort.code).not.toBe(0);
    expect(badPort.stderr).toContain('Invalid environment configuration');
    expect(badPort.stderr).toMatch(/\bPORT\b/);
    expect(badPort.stdout).not.toContain('server.listening');

    const badDatabase = await runServerExpectingFailure({
      DATABASE_URL: 'mysql://db.example/startline',
    });
    expect(badDatabase.code).not.toBe(0);
    expect(badDatabase.stderr).toMatch(/\bDATABASE_URL\b.*postgres/);

    const noSecret = await runServerExpectingFailure({
      NODE_ENV: 'production',
      SESSION_SECRET: undefined,
      // Everything else production requires, so the secret is the one thing refused.
      RECORDS_HASH_KEY: 'lifecycle-records-hash-key-0123456789abcdef',
      APP_URL: 'https://startline.test',
      MAIL_CAPTURE: 'true',
      SEED_DEMO: 'false',
    });
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.stderr).toMatch(/\bSESSION_SECRET\b/);
  }, 300_000);
});
