import type { AppLoadContext } from '@remix-run/node';

export const APP_ORIGIN = 'http://localhost:3000';

export const testContext = (overrides: Partial<AppLoadContext> = {}): AppLoadContext => ({
  cspNonce: 'test-nonce',
  clientIp: '203.0.113.10',
  requestId: 'test-request',
  ...overrides,
});

type Fields = Record<string, string | string[]>;

/** A browser-like form POST: same Origin, urlencoded body, optional session cookie. */
export function formRequest(
  path: string,
  fields: Fields,
  options: { cookie?: string | null; headers?: Record<string, string>; method?: string } = {},
): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(`${APP_ORIGIN}${path}`, {
    method: options.method ?? 'POST',
    headers: {
      Origin: APP_ORIGIN,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    body,
  });
}

export function getRequest(
  path: string,
  options: {
    cookie?: string | null;
    headers?: Record<string, string>;
    method?: 'GET' | 'HEAD';
  } = {},
): Request {
  return new Request(`${APP_ORIGIN}${path}`, {
    method: options.method ?? 'GET',
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

type RouteFn = (args: {
  request: Request;
  params: Record<string, string | undefined>;
  context: AppLoadContext;
}) => unknown;

/**
 * Calls a loader or action the way Remix does, and always returns a Response: thrown
 * Responses (redirects, 4xx) are caught and returned, so tests can assert on them.
 */
export async function callRoute(
  fn: RouteFn | undefined,
  request: Request,
  params: Record<string, string | undefined> = {},
  context: AppLoadContext = testContext(),
): Promise<Response> {
  if (!fn) throw new Error('route has no such export');
  try {
    const result = await fn({ request, params, context });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The `name=value` part of a Set-Cookie header, usable as a Cookie request header. */
export function cookieFrom(response: Response): string | null {
  const header = response.headers.get('Set-Cookie');
  if (!header) return null;
  return header.split(';')[0];
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.clone().json()) as T;
}

/**
 * The URL Remix's browser router fetches for a page's data (single fetch): `/a/b.data?…`, and
 * `/_root.data` for `/`. With a route id, a GET runs only that route's loader (`_routes`).
 */
export function singleFetchPath(path: string, routeId?: string): string {
  const url = new URL(path, APP_ORIGIN);
  url.pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`;
  if (routeId) url.searchParams.set('_routes', routeId);
  return `${url.pathname}${url.search}`;
}
