/**
 * The built server over real HTTP: CSRF Origin check, security headers, and what production
 * mode hides. Two server processes: one in development mode (mail captured) and one with
 * NODE_ENV=production. Neither seeds the demo (SEED_DEMO=false): nothing here needs it, and
 * seeding encodes a sample video, which makes each boot many seconds slower.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { startAppServer, waitFor, type AppServer } from './support/app-server';

const RUNNER = 'http-runner@example.com';

// With TEST_DATABASE_URL, tests/setup/database.ts made a fresh PostgreSQL database for this
// file: the server runs on it, so the HTTP checks cover both database modes.
const serverEnv = () => ({
  SEED_DEMO: 'false',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});

interface MailboxJson {
  messages: { id: string; to: string; subject: string }[];
}

async function mailboxFor(server: AppServer, address: string) {
  const response = await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(address)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as MailboxJson).messages;
}

function postForm(
  server: AppServer,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

function expectSecurityHeaders(response: Response, path: string) {
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  expect(csp, path).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'none'");
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(response.headers.get('Referrer-Policy'), path).toBe('same-origin');
  expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
}

describe('the server in development mode', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ env: serverEnv() });
  }, 150_000);
  afterAll(() => server?.dispose());

  it('refuses a POST with a foreign or missing Origin with 403 and writes nothing', async () => {
    const sameOrigin = new URL(server.url).origin;
    const refused = [
      await postForm(server, '/sign-in', { email: RUNNER }, { Origin: 'https://evil.example' }),
      await postForm(server, '/sign-in', { email: RUNNER }),
      await postForm(server, '/sign-in', { email: RUNNER }, { Origin: 'null' }),
      await postForm(
        server,
        '/sign-in',
        { email: RUNNER },
        { Origin: `${sameOrigin}.evil.example` },
      ),
      await postForm(
        server,
        '/sign-in',
        { email: RUNNER },
        { Origin: 'https://evil.example', 'Accept-Language': 'en' },
      ),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.headers.get('Set-Cookie')).toBeNull();
      expect(response.headers.get('Location')).toBeNull();
    }
    expect(await refused[0].text()).toContain(translate('ja', 'errors.forbiddenOrigin'));
    expect(await refused[4].text()).toContain(translate('en', 'errors.forbiddenOrigin'));

    // The language switch and sign-out are state changes too.
    const language = await postForm(
      server,
      '/set-language',
      { locale: 'en', returnTo: '/' },
      { Origin: 'https://evil.example' },
    );
    expect(language.status).toBe(403);
    expect(language.headers.get('Set-Cookie')).toBeNull();
    expect((await postForm(server, '/sign-out', {})).status).toBe(403);

    // The same request from our own origin goes through and its email arrives. The refused
    // ones came first, so had any of them created a sign-in code, its email would be there
    // too by the time this one is delivered.
    const allowed = await postForm(server, '/sign-in', { email: RUNNER }, { Origin: sameOrigin });
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get('Location')).toMatch(/^\/sign-in\/code\//);
    await waitFor(
      async () => ((await mailboxFor(server, RUNNER)).length > 0 ? true : undefined),
      30_000,
      'the sign-in email',
    );
    // Every email a request created is in the outbox before its answer: once the outbox has
    // nothing due (the server's own gauge, read from this machine), nothing more can arrive.
    await waitFor(
      async () => {
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        const depths = [...metrics.matchAll(/^startline_mail_queue_depth\{[^}]*\} (\d+)/gm)];
        return depths.length > 0 && depths.every((m) => m[1] === '0') ? true : undefined;
      },
      30_000,
      'an empty outbox',
    );
    expect(await mailboxFor(server, RUNNER)).toHaveLength(1);
  });

  it('sends the security headers on every page, with a fresh CSP nonce each time', async () => {
    const paths = [
      '/',
      '/sign-in',
      '/sign-in/code/not-a-challenge?code=123',
      '/no-such-page',
      '/dev/mailbox',
      '/dev/mailbox.json',
    ];
    const nonces = new Set<string>();
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { 'Accept-Language': 'ja' },
      });
      expect([200, 404], path).toContain(response.status);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
      expect(response.headers.get('Strict-Transport-Security'), path).toBeNull();
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy')!)![1];
      nonces.add(nonce);
      const body = await response.text();
      if (response.headers.get('Content-Type')?.startsWith('text/html')) {
        // A page is sent whole, with its length, not streamed in chunks (entry.server.tsx).
        expect(response.headers.get('Content-Length'), path).toBe(String(Buffer.byteLength(body)));
        expect(response.headers.get('Transfer-Encoding'), path).toBeNull();
        // Every inline script carries this response's nonce, or the browser would block it.
        const scripts = [...body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
        expect(scripts.length, path).toBeGreaterThan(0);
        for (const attributes of scripts) {
          if (!/\bsrc=/.test(attributes)) expect(attributes, path).toContain(`nonce="${nonce}"`);
        }
      }
    }
    expect(nonces.size).toBe(paths.length);

    // Static files and refused POSTs carry the same protections.
    expectSecurityHeaders(await fetch(`${server.url}/favicon.svg`), '/favicon.svg');
    expectSecurityHeaders(await postForm(server, '/sign-in', {}), 'POST without Origin');
  });
  it('lets only the sponsor till use the camera; every other page keeps it off', async () => {
    // The till reads members' QR codes with the phone camera; nothing else may open it.
    for (const path of ['/sponsor/AbCdEfGhIjKlMnOpQrSt_-/till', '/sponsor/abc/till/']) {
      const policy = (await fetch(`${server.url}${path}`, { redirect: 'manual' })).headers.get(
        'Permissions-Policy',
      );
      expect(policy, path).toMatch(/(^|, )camera=\(self\)(,|$)/);
      expect(policy, path).toContain('microphone=()');
      expect(policy, path).toContain('geolocation=()');
    }
    for (const path of [
      '/',
      '/sign-in',
      '/sponsor',
      '/sponsor/abc',
      '/sponsor/abc/stats',
      '/sponsor/abc/till/extra',
      '/sponsor/abc/tills',
      '/e/sakura-city-2027/till',
      '/favicon.svg',
    ]) {
      const policy = (await fetch(`${server.url}${path}`, { redirect: 'manual' })).headers.get(
        'Permissions-Policy',
      );
      expect(policy, path).toMatch(/(^|, )camera=\(\)(,|$)/);
      expect(policy, path).not.toContain('self');
    }
  });
});

describe('the server in production mode', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({
      env: {
        ...serverEnv(),
        NODE_ENV: 'production',
        SESSION_SECRET: 'http-test-production-secret-0123456789abcdef',
        // What production requires (decision 084); mail is kept in the database on purpose.
        RECORDS_HASH_KEY: 'http-test-records-hash-key-0123456789abcdef',
        APP_URL: 'https://startline.test',
        MAIL_CAPTURE: 'true',
      },
    });
  }, 150_000);
  afterAll(() => server?.dispose());

  it('has no mailbox: /dev/mailbox and /dev/mailbox.json answer 404', async () => {
    for (const path of [
      '/dev/mailbox',
      '/dev/mailbox.json',
      `/dev/mailbox.json?to=${RUNNER}`,
      '/dev/mailbox/anything',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(RUNNER);
    }
  });

  it('adds HSTS to the security headers', async () => {
    for (const path of ['/', '/sign-in', '/no-such-page', '/favicon.svg']) {
      const response = await fetch(`${server.url}${path}`);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('Strict-Transport-Security'), path).toMatch(/max-age=\d{8,}/);
    }
  });
});
