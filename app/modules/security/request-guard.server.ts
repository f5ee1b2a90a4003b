/**
 * Cross-site request forgery guard for every state-changing request (SPEC flow 3).
 * Browsers always send Origin on POST; a missing, `null` or foreign Origin is refused with 403
 * before any route code runs. The only exceptions are endpoints called by mail providers
 * (signed webhooks, RFC 8058 one-click unsubscribe), which carry no Origin by design and are
 * authorized by their signature or token instead.
 *
 * "Our own origin" is APP_URL's: scheme, host and port, compared as the browser serializes
 * them. Neither Host nor X-Forwarded-Host widens that set — Host is whatever name the client
 * used (a DNS-rebinding page addresses us by its own name), and X-Forwarded-Host is a header
 * anyone can send unless our own proxy sets it. With TRUST_PROXY=true the proxy's forwarded
 * host and proto must agree with the Origin as well: a page on one public name posting to
 * another is refused here, rather than later by Remix's own check as a 500 (decision 082).
 */
export const ORIGIN_EXEMPT_PREFIXES = ['/webhooks/', '/u/'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// A host, or a host and port, as a proxy writes it: a DNS name, IPv4 or bracketed IPv6.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function isOriginExempt(pathname: string): boolean {
  return ORIGIN_EXEMPT_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** APP_URL's origin (`https://host[:port]`, no path): what every form must come from. */
export function publicOrigin(appUrl: string): string {
  return new URL(appUrl).origin;
}

export interface OriginCheck {
  method: string;
  /** The path as the router will see it (normalized, as `new URL()` does). */
  pathname: string;
  /** The request's Origin header. */
  origin: string | undefined | null;
  appUrl: string;
  /** TRUST_PROXY: the X-Forwarded-* headers below were set by our own reverse proxy. */
  trustProxy?: boolean;
  forwardedHost?: string | undefined | null;
  forwardedProto?: string | undefined | null;
}

export function isOriginAllowed(input: OriginCheck): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (isOriginExempt(input.pathname)) return true;
  if (!input.origin || input.origin === 'null') return false;
  let origin: URL;
  try {
    origin = new URL(input.origin);
  } catch {
    return false;
  }
  if (origin.origin !== publicOrigin(input.appUrl)) return false;
  if (!input.trustProxy) return true;
  return forwardedAgrees(origin, input.forwardedHost, input.forwardedProto);
}

/**
 * The public host and scheme our proxy says the browser used must be the Origin's. Either
 * header may be absent (a proxy that only rewrites Host); a value that is present but is no
 * host at all fails closed.
 */
function forwardedAgrees(
  origin: URL,
  forwardedHost: string | undefined | null,
  forwardedProto: string | undefined | null,
): boolean {
  const proto = firstValue(forwardedProto)?.toLowerCase();
  if (proto && `${proto}:` !== origin.protocol) return false;
  const host = firstValue(forwardedHost);
  if (!host) return true;
  if (!HOST_PATTERN.test(host)) return false;
  // Through URL, so that `public.example:443` over https equals the Origin `public.example`.
  return new URL(`${origin.protocol}//${host}`).host === origin.host;
}

/** The client-most entry of a header a chain of proxies appends to, as Express reads it. */
function firstValue(header: string | undefined | null): string | null {
  return header?.split(',')[0]?.trim() || null;
}
