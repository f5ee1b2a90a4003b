/**
 * The CSRF Origin check, Cache-Control and capped bodies over real HTTP (decision 082): the
 * built server, requests written with node:http so that Host and the X-Forwarded-* headers are
 * exactly what a browser or a reverse proxy would send. A refused POST must be a 403 that writes
 * nothing, never a 500; a POST from our own origin must work directly and behind a proxy.
 *
 * "Writes nothing" is read from the mailbox: every sign-in POST that reaches the route sends
 * an email (a code, or "no account for this address"), so a refused one would leave a message.
 * Each case uses its own address; the accepted requests are sent after the refused ones, and
 * the mail pipeline delivers in order, so once the accepted ones have arrived a refused one
 * that had got through would be there too.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { startAppServer, waitFor, type AppServer } from './support/app-server';

// With TEST_DATABASE_URL, tests/setup/database.ts made a fresh PostgreSQL database for this
// file: the servers run on it, so these checks cover both database modes.
const databaseEnv = () =>
  process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {};

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (fetch would set Host itself). */
function send(
  server: AppServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          ...(options.body === undefined
            ? {}
            : { 'Content-Length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/**
 * POSTs a body of `total` bytes without Content-Length (node:http sends it chunked, a stream
 * of unknown length), writing as fast as the server reads, until the answer comes. Resolves
 * with the answer and how much had been sent when it came.
 */
function sendEndless(
  server: AppServer,
  path: string,
  total: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; sentBeforeAnswer: number }> {
  const { hostname, port } = new URL(server.url);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest({ host: hostname, port, method: 'POST', path, headers });
    request.on('response', (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body, sentBeforeAnswer });
        request.destroy();
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

function signInPost(server: AppServer, email: string, headers: Record<string, string>) {
  return send(server, {
    method: 'POST',
    path: '/sign-in',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email }).toString(),
  });
}

interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
}

async function mailboxFor(server: AppServer, address: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${server.url}/dev/mailbox.json?to=${encodeURIComponent(address)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: MailboxMessage[] }).messages;
}

function mailArrived(server: AppServer, address: string) {
  return waitFor(
    async () => {
      const messages = await mailboxFor(server, address);
      return messages.length > 0 ? messages : undefined;
    },
    30_000,
    `an email to ${address}`,
  );
}

function expectRefused(response: RawResponse, what: string) {
  expect(response.status, what).toBe(403);
  expect(response.headers['set-cookie'], what).toBeUndefined();
  expect(response.headers.location, what).toBeUndefined();
  expect(response.headers['cache-control'], what).toBe('no-store');
}

function expectSignInStarted(response: RawResponse, what: string) {
  expect(response.status, what).toBe(302);
  expect(response.headers.location, what).toMatch(/^\/sign-in\/code\//);
}

describe('a server reached directly (TRUST_PROXY=false)', () => {
  let server: AppServer;
  let origin: string;
  let host: string;
  beforeAll(async () => {
    // The demo gives a member to sign in as, for the exports.
    server = await startAppServer({ env: { ...databaseEnv(), SEED_DEMO: 'true' } });
    origin = new URL(server.url).origin;
    host = new URL(server.url).host;
  }, 240_000);
  afterAll(() => server?.dispose());

  it('accepts a POST only from APP_URL: scheme, host and port', async () => {
    const { port } = new URL(server.url);
    const refused: [string, Record<string, string>][] = [
      ['other scheme', { Origin: `https://localhost:${port}` }],
      ['other port', { Origin: `http://localhost:${Number(port) + 1}` }],
      [
        'same server by another name',
        { Origin: `http://127.0.0.1:${port}`, Host: `127.0.0.1:${port}` },
      ],
      ['other host', { Origin: 'https://evil.example' }],
      ['a look-alike host', { Origin: `${origin}.evil.example` }],
      ['no Origin', {}],
      ['Origin null', { Origin: 'null' }],
      ['not a URL', { Origin: 'localhost' }],
      // X-Forwarded-* is only anyone's say-so without TRUST_PROXY: it widens nothing.
      [
        'a forwarded host',
        {
          Origin: 'https://public.example',
          'X-Forwarded-Host': 'public.example',
          'X-Forwarded-Proto': 'https',
        },
      ],
    ];
    const refusedAddresses: string[] = [];
    for (const [index, [what, headers]] of refused.entries()) {
      const address = `origin-refused-${index}@example.com`;
      refusedAddresses.push(address);
      expectRefused(await signInPost(server, address, headers), what);
    }

    const accepted: [string, Record<string, string>][] = [
      ['same origin', { Origin: origin }],
      // Remix compares the Origin with Host (or X-Forwarded-Host) itself and throws a 500 when
      // they differ; it must see APP_URL's host, whatever the client sent.
      ['same origin, another Host', { Origin: origin, Host: 'internal.example:8080' }],
      [
        'same origin, ignored forwarded headers',
        { Origin: origin, Host: host, 'X-Forwarded-Host': 'elsewhere.example' },
      ],
    ];
    const acceptedAddresses: string[] = [];
    for (const [index, [what, headers]] of accepted.entries()) {
      const address = `origin-accepted-${index}@example.com`;
      acceptedAddresses.push(address);
      expectSignInStarted(await signInPost(server, address, headers), what);
    }
    for (const address of acceptedAddresses) await mailArrived(server, address);
    for (const address of refusedAddresses) expect(await mailboxFor(server, address)).toEqual([]);
  });

  it('says why in the visitor’s language', async () => {
    const ja = await signInPost(server, 'origin-ja@example.com', {
      Origin: 'https://evil.example',
      'Accept-Language': 'ja',
    });
    const en = await signInPost(server, 'origin-en@example.com', {
      Origin: 'https://evil.example',
      'Accept-Language': 'en',
    });
    expect(ja.status).toBe(403);
    expect(ja.body).toContain(translate('ja', 'errors.forbiddenOrigin'));
    expect(en.status).toBe(403);
    expect(en.body).toContain(translate('en', 'errors.forbiddenOrigin'));
  });

  it('exempts a path only as the router reads it', async () => {
    // `/webhooks/..` is `/` to the router: without an Origin this is a sign-in POST, not a
    // webhook, and the exemption for webhooks must not carry it through.
    for (const path of ['/webhooks/../sign-in', '/u/%2e%2e/sign-in', '/webhooks/..%2Fsign-in']) {
      const response = await send(server, {
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'origin-dot-segments@example.com' }).toString(),
      });
      expect(response.status, path).not.toBe(302);
      expect(response.status, path).toBeLessThan(500);
    }
    const barrier = await signInPost(server, 'origin-dot-barrier@example.com', { Origin: origin });
    expectSignInStarted(barrier, 'barrier');
    await mailArrived(server, 'origin-dot-barrier@example.com');
    expect(await mailboxFor(server, 'origin-dot-segments@example.com')).toEqual([]);
  });

  it('lets a one-click unsubscribe through with any Origin, or none, without a 500', async () => {
    // A mail client may post RFC 8058's one-click from its own web page: the token is the
    // authorization there, and Remix's own Origin check must not turn it into a 500.
    for (const headers of [
      {} as Record<string, string>,
      { Origin: 'https://mail.example' },
      { Origin: 'null' },
      { Origin: 'garbage' },
    ]) {
      const response = await send(server, {
        method: 'POST',
        path: '/u/not-a-live-token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status, JSON.stringify(headers)).toBe(404);
    }
  });

  it('answers an endless chunked webhook body with 413 without reading it to its end', async () => {
    const total = 64 * 1024 * 1024;
    const outcome = await sendEndless(server, '/webhooks/resend', total, {
      'Content-Type': 'application/json',
    });
    expect(outcome.status).toBe(413);
    // Answered long before the client was done: the server cannot have held the body.
    expect(outcome.sentBeforeAnswer).toBeLessThan(total / 4);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers an oversize chunked form with its localized 413, not a reset connection', async () => {
    // As large as the webhook's: loopback socket buffers alone hold a few MB, which a loaded
    // machine lets the client fill before the server's answer is read (4.3 MB was seen).
    const total = 64 * 1024 * 1024;
    const outcome = await sendEndless(server, '/sign-in', total, {
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Accept-Language': 'en',
    });
    expect(outcome.status).toBe(413);
    expect(outcome.body).toContain('too large');
    expect(outcome.sentBeforeAnswer).toBeLessThan(total / 4);
  });

  it('serves both data exports, and any route response without its own policy, as no-store', async () => {
    const member = 'runner1@example.com';
    const started = await signInPost(server, member, { Origin: origin });
    expectSignInStarted(started, 'sign-in');
    // The demo may have mailed this member before: the code is in the sign-in email's subject.
    const code = await waitFor(
      async () =>
        (await mailboxFor(server, member))
          .map((message) => /\b(\d{8})\b/.exec(message.subject)?.[1])
          .find(Boolean),
      30_000,
      'the sign-in code',
    );
    const verified = await send(server, {
      method: 'POST',
      path: started.headers.location!,
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code }).toString(),
    });
    expect(verified.status).toBe(302);
    const cookie = String(verified.headers['set-cookie']?.[0]).split(';')[0];

    for (const path of ['/account/export.json', '/e/sakura-city-2027/settings/export.json']) {
      const response = await send(server, { path, headers: { Cookie: cookie } });
      expect(response.status, path).toBe(200);
      expect(response.body, path).toContain(member);
      expect(response.headers['cache-control'], path).toMatch(/(^|, )no-store(,|$)/);
    }
    // Resource routes that set no Cache-Control of their own: a redirect that ends the
    // session, a data request, a refusal.
    for (const [method, path] of [
      ['GET', '/sign-out'],
      ['GET', '/e/sakura-city-2027/settings/export.json'],
      ['GET', '/media/not-a-video'],
      ['POST', '/sign-out'],
    ] as const) {
      const response = await send(server, {
        method,
        path,
        headers: method === 'POST' ? { Origin: origin, Cookie: cookie } : {},
        body: method === 'POST' ? '' : undefined,
      });
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers['cache-control'], `${method} ${path}`).toMatch(/no-store/);
    }
  });
});

describe('a server behind a reverse proxy (TRUST_PROXY=true)', () => {
  let server: AppServer;
  let internalHost: string;
  const PUBLIC = 'https://public.example';
  beforeAll(async () => {
    server = await startAppServer({
      env: { ...databaseEnv(), SEED_DEMO: 'false', TRUST_PROXY: 'true', APP_URL: PUBLIC },
    });
    internalHost = new URL(server.url).host;
  }, 150_000);
  afterAll(() => server?.dispose());

  // What the proxy sends on: its own upstream name as Host, the browser's in X-Forwarded-*.
  const proxied = (headers: Record<string, string>) => ({
    Host: internalHost,
    'X-Forwarded-Host': 'public.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-For': '203.0.113.7',
    ...headers,
  });

  it('accepts a form POST from the public origin, with Host rewritten by the proxy', async () => {
    const refused: [string, Record<string, string>][] = [
      ['other scheme', proxied({ Origin: 'http://public.example' })],
      ['other port', proxied({ Origin: 'https://public.example:8443' })],
      ['other host', proxied({ Origin: 'https://evil.example' })],
      ['the internal name', proxied({ Origin: `http://${internalHost}` })],
      ['no Origin', proxied({})],
      ['Origin null', proxied({ Origin: 'null' })],
      // The proxy says the browser was somewhere else than the page that sent the form.
      ['forwarded proto differs', proxied({ Origin: PUBLIC, 'X-Forwarded-Proto': 'http' })],
      ['forwarded host differs', proxied({ Origin: PUBLIC, 'X-Forwarded-Host': 'alias.example' })],
      ['forwarded host is no host', proxied({ Origin: PUBLIC, 'X-Forwarded-Host': 'a/b@c' })],
    ];
    const refusedAddresses: string[] = [];
    for (const [index, [what, headers]] of refused.entries()) {
      const address = `proxy-refused-${index}@example.com`;
      refusedAddresses.push(address);
      expectRefused(await signInPost(server, address, headers), what);
    }

    const accepted: [string, Record<string, string>][] = [
      ['through the proxy', proxied({ Origin: PUBLIC })],
      ['a proxy chain', proxied({ Origin: PUBLIC, 'X-Forwarded-Host': 'public.example, edge' })],
      [
        'default port spelled out',
        proxied({ Origin: PUBLIC, 'X-Forwarded-Host': 'public.example:443' }),
      ],
      // A proxy that rewrites Host and forwards nothing else: only APP_URL is left to compare.
      ['Host rewritten only', { Host: internalHost, Origin: PUBLIC }],
    ];
    const acceptedAddresses: string[] = [];
    for (const [index, [what, headers]] of accepted.entries()) {
      const address = `proxy-accepted-${index}@example.com`;
      acceptedAddresses.push(address);
      expectSignInStarted(await signInPost(server, address, headers), what);
    }
    for (const address of acceptedAddresses) await mailArrived(server, address);
    for (const address of refusedAddresses) expect(await mailboxFor(server, address)).toEqual([]);
  });
});
