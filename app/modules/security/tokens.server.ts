import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { env } from '~/env.server';

/** A random token of 256 bits, URL-safe. Only its hash is ever stored. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An opaque database id (128 bits). */
export function generateId(): string {
  return randomBytes(16).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Keyed hash for low-entropy secrets (one-time codes) and personal data (IPs, user agents). */
export function hmac(purpose: string, value: string): string {
  return createHmac('sha256', env.SESSION_SECRET).update(`${purpose}\0${value}`).digest('hex');
}

/**
 * Keyed hash for records kept for years (suppressions, consent evidence): keyed with
 * RECORDS_HASH_KEY, so rotating SESSION_SECRET does not forget who said "don't contact me".
 */
export function recordsHmac(purpose: string, value: string): string {
  return createHmac('sha256', env.RECORDS_HASH_KEY).update(`${purpose}\0${value}`).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function generateNumericCode(digits: number): string {
  let code = '';
  for (let i = 0; i < digits; i += 1) code += String(randomInt(10));
  return code;
}
