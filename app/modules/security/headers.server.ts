export function contentSecurityPolicy(nonce: string): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'`,
    // React writes style attributes; no inline <style> or <script> without the nonce.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `media-src 'self' blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `form-action 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/**
 * The sponsor's till (/sponsor/<id>/till) reads members' QR codes with the phone's camera,
 * so its document alone may use the camera; every other page keeps it off. A policy applies
 * to the document it came with, so the link to the till loads a fresh document.
 */
const CAMERA_PATH = /^\/sponsor\/[\w-]+\/till\/?$/;

export function permissionsPolicy(pathname: string): string {
  const camera = CAMERA_PATH.test(pathname) ? 'camera=(self)' : 'camera=()';
  return `${camera}, microphone=(), geolocation=(), interest-cohort=()`;
}

/** Headers for every response, pages and files alike. */
export function securityHeaders(options: { nonce: string; production: boolean; pathname: string }) {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options.nonce),
    // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with a
    // plain form POST (Fetch, "append a request Origin header"), and the origin check refuses
    // it, so no form worked before the page's JavaScript had loaded. Other sites still get
    // no referrer at all.
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': permissionsPolicy(options.pathname),
  };
  if (options.production) {
    headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  }
  return headers;
}
