import { describe, expect, it } from 'vitest';
import { isOriginAllowed, type OriginCheck } from '~/modules/security/request-guard.server';

const APP_URL = 'https://public.example';

function check(input: Partial<OriginCheck>): boolean {
  return isOriginAllowed({
    method: 'POST',
    pathname: '/sign-in',
    origin: APP_URL,
    appUrl: APP_URL,
    ...input,
  });
}

describe('the Origin guard', () => {
  it('accepts a POST whose Origin is APP_URL’s scheme, host and port', () => {
    expect(check({})).toBe(true);
    expect(check({ origin: 'https://public.example:443' })).toBe(true);
    expect(check({ origin: 'https://PUBLIC.example' })).toBe(true);
    expect(check({ appUrl: 'http://localhost:3000', origin: 'http://localhost:3000' })).toBe(true);
  });

  it('refuses another scheme, port or host, and a missing, null or malformed Origin', () => {
    for (const origin of [
      'http://public.example',
      'https://public.example:8443',
      'https://evil.example',
      'https://public.example.evil.example',
      'https://sub.public.example',
      undefined,
      null,
      '',
      'null',
      'public.example',
      'https://public.example, https://evil.example',
    ]) {
      expect(check({ origin }), String(origin)).toBe(false);
    }
    expect(check({ appUrl: 'http://localhost:3000', origin: 'https://localhost:3000' })).toBe(
      false,
    );
    expect(check({ appUrl: 'http://localhost:3000', origin: 'http://localhost:3001' })).toBe(false);
  });

  it('lets safe methods and the provider-called paths through without an Origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(check({ method, origin: null }), method).toBe(true);
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND']) {
      expect(check({ method, origin: null }), method).toBe(false);
    }
    expect(check({ pathname: '/webhooks/resend', origin: null })).toBe(true);
    expect(check({ pathname: '/u/some-token', origin: 'https://mail.example' })).toBe(true);
    expect(check({ pathname: '/webhooks', origin: null })).toBe(false);
    expect(check({ pathname: '/unsubscribe', origin: null })).toBe(false);
  });

  it('ignores X-Forwarded-* without TRUST_PROXY, in either direction', () => {
    const forwarded = { forwardedHost: 'evil.example', forwardedProto: 'http' };
    expect(check({ ...forwarded })).toBe(true);
    expect(check({ ...forwarded, origin: 'http://evil.example' })).toBe(false);
  });

  it('with TRUST_PROXY, also holds the Origin against the host and proto the proxy forwarded', () => {
    const proxied = (input: Partial<OriginCheck>) => check({ trustProxy: true, ...input });
    expect(proxied({ forwardedHost: 'public.example', forwardedProto: 'https' })).toBe(true);
    expect(proxied({ forwardedHost: 'public.example:443', forwardedProto: 'HTTPS' })).toBe(true);
    expect(
      proxied({ forwardedHost: 'public.example, internal', forwardedProto: 'https, http' }),
    ).toBe(true);
    // A proxy that only rewrites Host: APP_URL alone decides.
    expect(proxied({})).toBe(true);

    expect(proxied({ forwardedHost: 'alias.example', forwardedProto: 'https' })).toBe(false);
    expect(proxied({ forwardedHost: 'public.example', forwardedProto: 'http' })).toBe(false);
    expect(proxied({ forwardedHost: 'public.example:8443' })).toBe(false);
    expect(proxied({ forwardedHost: 'evil.example@public.example' })).toBe(false);
    expect(proxied({ forwardedHost: 'public.example/path' })).toBe(false);
    // A forwarded origin that matches a foreign Origin does not make it ours.
    expect(
      proxied({
        origin: 'https://evil.example',
        forwardedHost: 'evil.example',
        forwardedProto: 'https',
      }),
    ).toBe(false);
  });
});
