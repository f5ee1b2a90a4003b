/**
 * The built server in production refuses settings that would lose mail or weaken security:
 * it exits non-zero before listening, naming the variable on stderr. With every required
 * setting (mail captured on purpose) it starts, and never seeds the demo (decision 084).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runServerExpectingFailure, startAppServer, type AppServer } from './support/app-server';

// DEMO_EVENT_SLUG of app/modules/demo/demo-seed.server.ts (not imported: that would open this
// file's database in the test process too, while the server migrates it).
const DEMO_EVENT_SLUG = 'sakura-city-2027';

/** A production configuration that starts: mail kept in the database on purpose. */
const production = {
  NODE_ENV: 'production',
  APP_URL: 'https://startline.test',
  SESSION_SECRET: 'http-test-production-secret-0123456789abcdef',
  RECORDS_HASH_KEY: 'http-test-records-hash-key-0123456789abcdef',
  MAIL_CAPTURE: 'true',
  // app-server.ts seeds the demo unless told otherwise; production must not even be asked.
  SEED_DEMO: undefined,
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};

describe('a production start with an unsafe setting', () => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    [
      'no RESEND_API_KEY (and no explicit MAIL_CAPTURE)',
      { MAIL_CAPTURE: undefined },
      'RESEND_API_KEY',
    ],
    ['an http APP_URL', { APP_URL: 'http://startline.test' }, 'APP_URL'],
    ['no APP_URL', { APP_URL: undefined }, 'APP_URL'],
    ['a short SESSION_SECRET', { SESSION_SECRET: 'too-short-secret' }, 'SESSION_SECRET'],
    ['a short RECORDS_HASH_KEY', { RECORDS_HASH_KEY: 'too-short-key' }, 'RECORDS_HASH_KEY'],
    ['SEED_DEMO=true', { SEED_DEMO: 'true' }, 'SEED_DEMO'],
  ];

  it.each(cases)(
    'exits non-zero on %s, naming the variable and nothing else',
    async (_what, change, variable) => {
      const run = await runServerExpectingFailure({ ...production, ...change });
      expect(run.code).not.toBe(0);
      expect(run.code).not.toBeNull();
      expect(run.stdout).not.toContain('server.listening');
      expect(run.stderr).toContain('Invalid environment configuration');
      const named = [...run.stderr.matchAll(/^ {2}(\w+): /gm)].map((match) => match[1]);
      expect(named).toEqual([variable]);
    },
    120_000,
  );
});

describe('a production start with every required setting', () => {
  let server: AppServer;
  afterAll(() => server?.dispose());

  it('listens, keeps mail only because MAIL_CAPTURE says so, and has no demo event', async () => {
    server = await startAppServer({ env: production, timeoutMs: 150_000 });
    const listening = server.logs.find((line) => line.message === 'server.listening');
    expect(listening).toMatchObject({ mail: 'capture' });
    expect(server.logs.map((line) => line.message)).not.toContain('demo.seeded');
    const demo = await fetch(`${server.url}/e/${DEMO_EVENT_SLUG}`);
    expect(demo.status).toBe(404);
    expect(await server.stop()).toMatchObject({ code: 0 });
  }, 180_000);
});
