import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Headers a reverse proxy adds: a request carrying one came from elsewhere through it. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Whether the request was made on this machine, by the socket's own peer address. The
 * forwarded headers are never believed for this (anyone can send them); their presence
 * refuses instead, because a reverse proxy on the same machine connects from 127.0.0.1 on
 * behalf of every visitor on the internet.
 */
export function isLocalRequest(remoteAddress: string | undefined, headers: IncomingHttpHeaders) {
  if (!remoteAddress || !LOOPBACK.has(remoteAddress)) return false;
  return FORWARDING_HEADERS.every((name) => headers[name] === undefined);
}

/** `Authorization: Bearer <token>` matches `expected`, compared in constant time. */
export function hasBearerToken(authorization: string | undefined, expected: string | undefined) {
  if (!expected || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  // Digests of equal length, so that neither the comparison nor its refusal reveals the length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
