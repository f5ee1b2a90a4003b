/**
 * The session lookup every signed-in page starts with (session.server.ts): lucia's rules on the
 * row our own prepared query reads (decision 111) — unknown and expired sessions are signed
 * out, a session in the second half of its 30 days is extended with a new cookie.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '~db/schema';
import { getCurrentSession } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { sha256 } from '~/modules/security/tokens.server';
import { signedInUser } from '../support/auth';
import { APP_ORIGIN } from '../support/requests';

const DAY = 86_400_000;

function lookUp(cookie: string) {
  return getCurrentSession(new Request(`${APP_ORIGIN}/`, { headers: { Cookie: cookie } }));
}

async function expireIn(cookie: string, ms: number) {
  const token = cookie.slice(cookie.indexOf('=') + 1);
  await db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() + ms) })
    .where(eq(sessions.id, sha256(token)));
  return sha256(token);
}

describe('looking up the session of a request', () => {
  it('finds the user of a current session, with their address and language', async () => {
    const runner = await signedInUser('lookup-current@runner.example', 'en');
    const session = await lookUp(runner.cookie);
    expect(session?.user).toEqual({
      id: runner.userId,
      email: 'lookup-current@runner.example',
      locale: 'en',
    });
    expect(session?.refreshCookie).toBeNull();
  });

  it('signs out a token nobody issued and an expired session', async () => {
    const name = (await signedInUser('lookup-name@runner.example')).cookie.split('=')[0];
    expect(await lookUp(`${name}=${'A'.repeat(43)}`)).toBeNull();
    const runner = await signedInUser('lookup-expired@runner.example');
    const id = await expireIn(runner.cookie, -1000);
    expect(await lookUp(runner.cookie)).toBeNull();
    // lucia removes the expired row.
    expect(await db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  it('extends a session in the second half of its life and sends a new cookie', async () => {
    const runner = await signedInUser('lookup-extend@runner.example');
    const id = await expireIn(runner.cookie, 10 * DAY);
    const session = await lookUp(runner.cookie);
    expect(session?.user.id).toBe(runner.userId);
    expect(session?.refreshCookie).toMatch(/Max-Age=2592000/);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });
});
