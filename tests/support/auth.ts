import { eq } from 'drizzle-orm';
import { users } from '~db/schema';
import { createUserSession } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { generateId, sha256 } from '~/modules/security/tokens.server';
import { APP_ORIGIN } from './requests';

export async function createUser(email: string, locale: 'ja' | 'en' = 'ja') {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const id = generateId();
  await db.insert(users).values({ id, email, locale });
  return id;
}

/** A session cookie for a user, as after a successful sign-in. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const setCookie = await createUserSession(userId, new Request(APP_ORIGIN));
  return setCookie.split(';')[0];
}

/** The session id (as stored) of a cookie from sessionCookieFor: the token's SHA-256. */
export function sessionIdOf(cookie: string): string {
  return sha256(cookie.slice(cookie.indexOf('=') + 1));
}

export async function signedInUser(email: string, locale: 'ja' | 'en' = 'ja') {
  const userId = await createUser(email, locale);
  return { userId, cookie: await sessionCookieFor(userId) };
}
