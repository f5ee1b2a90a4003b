/**
 * The built server through a PostgreSQL outage (decision 074). A TCP proxy between the server
 * and its database cuts every connection for a few seconds and closes new ones on accept (the
 * real PostgreSQL keeps running: other test files share it). The cut lands in the middle of an
 * invitation wave going out through the fake Resend API. Meanwhile pages answer 503 with a
 * "try again" page in the visitor's language, never 500, and the process, its job worker and
 * its mail senders stay up; once the database is back, everything answers 200 again without a
 * restart and the wave finishes, every invitation sent exactly once.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startAppServer, waitFor, type AppServer } from './support/app-server';
import { decodeSingleFetch } from '../support/single-fetch';

// The demo event (DEMO_EVENT_SLUG in demo-seed.server.ts); its page reads the events table.
const SLUG = 'sakura-city-2027';
const EVENT_PAGE = `/e/${SLUG}`;
// With a session cookie, even the home page reads the database (the sessions table); an
// anonymous visit to it needs no database and keeps answering 200.
const SESSION_COOKIE = `startline_session=${'x'.repeat(40)}`;
const OUTAGE_MS = 4000;
const POLL_MS = 200;
const ADDRESS = 'outage-runner@example.com';
const WAVE = 1_500;

describe.skipIf(!process.env.DATABASE_URL)('the server through a database outage', () => {
  let proxy: TcpProxy;
  let server: AppServer;
  let fake: FakeResend;
  let app: Awaited<ReturnType<typeof importApp>>;
  const answered: { path: string; status: number }[] = [];

  // Imported here rather than at the top, so that a run without PostgreSQL, which skips this
  // file, does not open a database for nothing; and before the server starts, so that this
  // process's migrations and queue setup do not race the server's.
  const importApp = async () => ({
    ...(await import('~/modules/database/database.server')),
    ...(await import('~/modules/jobs/queue.server')),
    ...(await import('~/modules/relay/relay-threads.server')),
    ...(await import('~/modules/invitations/invitation-delivery.server')),
  });

  beforeAll(async () => {
    app = await importApp();
    proxy = await startTcpProxy(process.env.DATABASE_URL!);
    // The demo seed (SEED_DEMO, on by default here) provides the event page.
    fake = await startFakeResend();
    server = await startAppServer({
      env: {
        DATABASE_URL: proxy.url,
        JOB_WORKER: 'true',
        RESEND_API_KEY: 're_test_fake_key',
        RESEND_BASE_URL: fake.url,
        MAIL_RATE_PER_SECOND: '4',
      },
    });
  }, 180_000);

  afterAll(async () => {
    proxy?.restore();
    await server?.dispose();
    await proxy?.close();
    await fake?.close();
  });

  async function get(path: string, options: { locale?: Locale; cookie?: string } = {}) {
    const response = await fetch(`${server.url}${path}`, {
      redirect: 'manual',
      headers: {
        'Accept-Language': options.locale ?? 'ja',
        ...(options.cookie ? { Cookie: options.cookie } : {}),
      },
    });
    const body = await response.text();
    answered.push({ path, status: response.status });
    return { status: response.status, headers: response.headers, body };
  }

  const answering = (status: number, path: string, options?: Parameters<typeof get>[1]) =>
    waitFor(
      async () => {
        const response = await get(path, options);
        return response.status === status ? response : undefined;
      },
      30_000,
      `${path} to answer ${status}`,
    );

  function expectOutagePage(page: Awaited<ReturnType<typeof get>>, locale: Locale) {
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain(`<html lang="${locale}">`);
    expect(page.body).toContain(translate(locale, 'errors.databaseUnavailable.title'));
    expect(page.body).toContain(translate(locale, 'errors.databaseUnavailable.body'));
  }

  /** An invitation wave of WAVE addresses for the demo event, queued as an import would. */
  async function queueInvitationWave() {
    const importId = `outage-${Date.now()}`;
    await app.database.executeSql(
      `INSERT INTO invitations (id, event_id, email, name, bib, import_id, expires_at)
       SELECT $1 || '-' || g, e.id, 'wave-' || g || '@outage.example', '', g::text, $1,
         now() + interval '30 days'
       FROM events e, generate_series(1, $2::int) g WHERE e.slug = $3`,
      [importId, WAVE, SLUG],
    );
    expect(await app.startInvitationWave(importId)).toHaveLength(WAVE);
  }
  const waveReceived = () => fake.received.filter((m) => m.to.endsWith('@outage.example'));

  it('answers 503 in the visitor’s language while PostgreSQL is away, never 500, and recovers by itself', async () => {
    onTestFailed(() => console.log(`server stderr:\n${server.stderr()}`));
    expect((await get(EVENT_PAGE)).status).toBe(200);
    expect((await get('/', { cookie: SESSION_COOKIE })).status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);

    await queueInvitationWave();
    await waitFor(
      async () => (waveReceived().length >= 200 ? true : undefined),
      60_000,
      'the wave to be under way',
    );
    proxy.cut();
    const cutAt = Date.now();

    expectOutagePage(await answering(503, EVENT_PAGE, { locale: 'en' }), 'en');
    expectOutagePage(await get('/', { locale: 'ja', cookie: SESSION_COOKIE }), 'ja');
    expectOutagePage(await get(EVENT_PAGE, { locale: 'ja' }), 'ja');
    // A client-side navigation's data request (single fetch) reloads the page, which then
    // gets the outage page above.
    const data = await get(
      `${EVENT_PAGE}.data?_routes=${encodeURIComponent('routes/e.$slug._index')}`,
    );
    expect(data.status).toBe(503);
    expect(data.headers.get('retry-after')).toBe('5');
    expect(await decodeSingleFetch(new Response(data.body))).toMatchObject({
      redirect: { redirect: EVENT_PAGE, reload: true },
    });
    const health = await get('/healthz');
    expect(health.status).toBe(503);
    expect(health.headers.get('cache-control')).toBe('no-store');

    // Keep PostgreSQL away a while: the job worker's polls fail all along, and pages keep
    // answering 503 from a process that stays up.
    while (Date.now() - cutAt < OUTAGE_MS) {
      expect((await get(EVENT_PAGE, { locale: 'en' })).status).toBe(503);
      expect(server.child.exitCode).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }

    proxy.restore();
    await answering(200, EVENT_PAGE);
    expect((await get('/', { cookie: SESSION_COOKIE })).status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);

    // pg-boss's workers failed their polls all through the outage; they still run jobs. (A job
    // of no work, enqueued from here: this process only enqueues, the server works it.)
    await app.enqueue(app.eraseAttachmentFilesQueue, { storageKeys: [] });
    await waitFor(
      async () => {
        const { rows } = await app.database.executeSql(
          `SELECT 1 FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
          [app.eraseAttachmentFilesQueue.name],
        );
        return rows.length > 0 ? true : undefined;
      },
      30_000,
      'the job worker to complete a job',
    );

    // And the mail senders: a sign-in email is delivered again.
    const origin = new URL(server.url).origin;
    const signIn = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: ADDRESS }),
    });
    expect(signIn.status).toBe(302);
    await waitFor(
      async () => (fake.received.some((m) => m.to === ADDRESS) ? true : undefined),
      30_000,
      'the sign-in email',
    );

    // The wave that the outage interrupted finishes, each invitation sent exactly once.
    await waitFor(
      async () => (waveReceived().length >= WAVE ? true : undefined),
      90_000,
      'the rest of the invitation wave',
    );
    await waitFor(
      async () => {
        const { rows } = await app.database.executeSql(
          `SELECT count(*)::int AS n FROM outbound_emails WHERE stream_id IS NOT NULL AND status IN ('queued', 'sending')`,
        );
        return Number(rows[0].n) === 0 ? true : undefined;
      },
      30_000,
      'the wave to be recorded as sent',
    );
    const perAddress = new Map<string, number>();
    for (const m of waveReceived()) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    expect(perAddress.size).toBe(WAVE);
    expect([...perAddress.values()].filter((n) => n !== 1)).toEqual([]);

    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
    expect(answered.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    const logs = server.logs;
    expect(logs.some((line) => line.message === 'database.unavailable')).toBe(true);
    expect(logs.filter((line) => line.message.startsWith('process.'))).toEqual([]);
  }, 240_000);
});
