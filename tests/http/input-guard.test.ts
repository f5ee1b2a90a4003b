/**
 * The input guard as wired into the built server (server.ts): bad bytes in the path or query
 * are refused by the Express middleware with the localized 400 — before any route, before the
 * static files (whose own decoder answered with Express's stack page), before the Origin check —
 * and a malformed cookie costs no page. The guard's rules are in tests/unit/input-guard.test.ts;
 * every route is fuzzed in-process by tests/integration/input-fuzz.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './support/app-server';
import { decodeSingleFetch } from '../support/single-fetch';

const serverEnv = () => ({
  SEED_DEMO: 'false',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});

const JA_ADDRESS = 'URL に使えない文字が含まれています。URL をお確かめください。';
const EN_ADDRESS = 'The address contains characters that cannot be used. Please check the address.';

describe('the built server', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ env: serverEnv() });
  }, 150_000);
  afterAll(() => server?.dispose());

  it.each([
    '/e/%00',
    '/e/a%00b/offers',
    '/e/%FF',
    '/e/%E3%81/a/x',
    '/e/%zz',
    '/build/%E0.js',
    '/favicon.ico%00',
    '/sign-in?next=%00',
    '/sign-in?next=%C0%80',
    '/?%ED%A0%80=1',
  ])('refuses %s with a plain, localized, uncached 400', async (path) => {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    // The security headers are set before the guard answers.
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const body = await response.text();
    expect(body.trim()).toBe(JA_ADDRESS);
    expect(body).not.toMatch(/at |Error|SELECT|params/);
  });

  it('answers in English to an English browser, and in single fetch’s encoding to a data request', async () => {
    const english = await fetch(`${server.url}/e/%00`, { headers: { 'Accept-Language': 'en' } });
    expect((await english.text()).trim()).toBe(EN_ADDRESS);

    // A navigation's data request: the page reloads, and its own request gets the 400 page.
    const data = await fetch(`${server.url}/e/%00.data?_routes=routes%2Fe.%24slug._index`);
    expect(data.status).toBe(400);
    expect(await decodeSingleFetch(data)).toMatchObject({
      redirect: { redirect: '/e/%00', reload: true },
    });
  });

  it('refuses a bad URL on a POST before the Origin check, and a bad field after it', async () => {
    const foreign = await fetch(`${server.url}/sign-in%00`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.com',
    });
    expect(foreign.status).toBe(400);

    const field = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: new URL(server.url).origin,
        'Accept-Language': 'en',
      },
      body: 'email=runner%00%40example.com',
    });
    expect(field.status).toBe(400);
    expect(await field.text()).toContain('characters that cannot be used');
  });

  it('serves pages to a browser that carries malformed cookies', async () => {
    for (const cookie of [
      'startline_session=%E0%A4%A',
      'startline_lang=%zz',
      'tracking=%; startline_session=%',
    ]) {
      const response = await fetch(`${server.url}/sign-in`, { headers: { Cookie: cookie } });
      expect(response.status, cookie).toBe(200);
      await response.arrayBuffer();
    }
  });
});
