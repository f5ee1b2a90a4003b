/**
 * One cookie's value from a Cookie header, or undefined when it is absent or cannot be decoded.
 *
 * Any site on a parent domain, a browser extension or a hand-written request can put a cookie
 * with a broken `%` escape next to ours; decodeURIComponent throws on it, and a reader that lets
 * that escape made every page answer 500. A value that does not decode is treated as absent
 * (for the session cookie: signed out), and a broken cookie of another name is never decoded.
 */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
