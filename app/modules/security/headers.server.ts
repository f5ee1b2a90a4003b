/** The sponsor's till, /sponsor/<id>/till: the one page that scans QR codes with the camera. */
const TILL_PATH = /^\/sponsor\/[\w-]+\/till\/?$/;

export function contentSecurityPolicy(nonce: string, pathname: string): string {
  // 'wasm-unsafe-eval' lets the document compile WebAssembly (and nothing else: no eval(), no
  // new Function()). Only the till needs it, for the QR decoder that browsers without a native
  // BarcodeDetector — iPhones — load from our own origin (decision 097); every other page keeps
  // the stricter policy. It belongs to the document, so the till is always loaded afresh (the
  // console's tab is a reloadDocument link, the same as for the camera below).
  const wasm = TILL_PATH.test(pathname) ? ` 'wasm-unsafe-eval'` : '';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}'${wasm}`,
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
export function permissionsPolicy(pathname: string): string {
  const camera = TILL_PATH.test(pathname) ? 'camera=(self)' : 'camera=()';
  return `${camera}, microphone=(), geolocation=(), interest-cohort=()`;
}

/** Headers for every response, pages and files alike. */
export function securityHeaders(options: { nonce: string; production: boolean; pathname: string }) {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options.nonce, options.pathname),
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
