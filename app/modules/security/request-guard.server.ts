/**
 * Cross-site request forgery guard for every state-changing request (SPEC flow 3).
 * Browsers always send Origin on POST; a missing or foreign Origin is refused with 403
 * before any route code runs. The only exceptions are endpoints called by mail providers
 * (signed webhooks, RFC 8058 one-click unsubscribe), which carry no Origin by design.
 */
export const ORIGIN_EXEMPT_PREFIXES = ['/webhooks/', '/u/'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isOriginAllowed(input: {
  method: string;
  pathname: string;
  origin: string | undefined | null;
  host: string | undefined | null;
  appUrl: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (ORIGIN_EXEMPT_PREFIXES.some((prefix) => input.pathname.startsWith(prefix))) return true;
  if (!input.origin || input.origin === 'null') return false;
  let originUrl: URL;
  try {
    originUrl = new URL(input.origin);
  } catch {
    return false;
  }
  if (originUrl.origin === new URL(input.appUrl).origin) return true;
  return Boolean(input.host) && originUrl.host === input.host;
}
