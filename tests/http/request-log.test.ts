/**
 * The built server's log over real HTTP (decision 085): an error thrown in a loader is one JSON
 * line on stdout with the address masked and the id the response carried as `X-Request-Id`;
 * every response carries one; lines logged during a request name it without being told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, waitFor, type AppServer, type LogLine } from './support/app-server';

const ADDRESS = 'hanako.runner@example.com';
const MASKED = 'h***@e***.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const serverEnv = () => ({
  SEED_DEMO: 'false',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer({ env: serverEnv() });
}, 150_000);
afterAll(() => server?.dispose());

function throwingLoader(message: string) {
  return fetch(`${server.url}/dev/error?message=${encodeURIComponent(message)}`);
}

function requestIdOf(response: Response) {
  const id = response.headers.get('x-request-id');
  expect(id).toMatch(UUID);
  return id!;
}

/** Resolves once the server has written a line for `requestId` satisfying `match`. */
function logLineFor(requestId: string, match: (line: LogLine) => boolean = () => true) {
  return waitFor(
    async () => server.logs.find((line) => line.requestId === requestId && match(line)),
    10_000,
    `a log line for ${requestId}`,
  );
}

describe('the log of a request', () => {
  it('logs a thrown error inside a loader as one JSON line with the address masked and the request id', async () => {
    const response = await throwingLoader(`no account for ${ADDRESS} (bib 4821)`);
    expect(response.status).toBe(500);
    await response.arrayBuffer();
    const requestId = requestIdOf(response);
    await logLineFor(requestId, (line) => line.message === 'request.error');
    // A second failing request as a barrier: stdout is one ordered stream, so once its line has
    // arrived, every line the first request wrote has arrived too.
    const barrier = await throwingLoader('barrier');
    await logLineFor(requestIdOf(barrier));

    const raw = server
      .stdout()
      .split('\n')
      .filter((line) => line.includes(requestId));
    expect(raw).toHaveLength(1);
    const line = JSON.parse(raw[0]) as LogLine & {
      error: { name: string; message: string; stack: string };
    };
    expect(line).toMatchObject({
      level: 'error',
      message: 'request.error',
      requestId,
      error: { name: 'Error', message: `no account for ${MASKED} (bib 4821)` },
    });
    expect(typeof line.time).toBe('string');
    expect(line.error.stack).toContain(`Error: no account for ${MASKED}`);
    expect(line.error.stack).toContain('\n    at ');
    expect(raw[0]).not.toContain('hanako.runner');

    // Nowhere else either: not as plain text on stderr, not URL-encoded in another line.
    const everything = `${server.stdout()}${server.stderr()}`;
    expect(everything).not.toContain('hanako.runner');
    expect(everything).not.toContain('hanako.runner%40');
    expect(server.stderr()).toBe('');
  });

  it('sends X-Request-Id on every response, a fresh one for each request', async () => {
    const responses = await Promise.all([
      fetch(`${server.url}/`),
      fetch(`${server.url}/favicon.svg`),
      fetch(`${server.url}/no/such/page`),
      fetch(`${server.url}/healthz`),
      // Refused by the Origin check before any route runs.
      fetch(`${server.url}/sign-in`, {
        method: 'POST',
        headers: {
          Origin: 'https://elsewhere.example',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'email=x',
      }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 404, 200, 403]);
    const ids = responses.map(requestIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
  });

  it('does not let a client name its request (no TRUST_PROXY): its X-Request-Id is replaced', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'X-Request-Id': 'client-chosen-id-0001' },
    });
    await response.arrayBuffer();
    expect(requestIdOf(response)).not.toBe('client-chosen-id-0001');
  });

  it('puts the request id on lines logged during the request without being passed it', async () => {
    // The webhook route logs a refused signature with no request id of its own: the id comes
    // from the request's async context.
    const response = await fetch(`${server.url}/webhooks/resend`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'email.received', data: { from: ADDRESS } }),
    });
    expect(response.status).toBe(401);
    await response.arrayBuffer();
    const line = await logLineFor(requestIdOf(response));
    expect(line).toMatchObject({ level: 'warn', message: 'webhook.rejected' });
  });

  it('answers 404 at /dev/error without a message, and logs no error for it', async () => {
    const response = await fetch(`${server.url}/dev/error`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    const requestId = requestIdOf(response);
    const barrier = await throwingLoader('barrier');
    await logLineFor(requestIdOf(barrier));
    expect(server.logs.filter((line) => line.requestId === requestId)).toEqual([]);
  });
});
