/**
 * The session lookup every signed-in page starts with (session.server.ts): lucia's rules on the
 * row our own prepared query reads (decision 111) — unknown and expired sessions are signed
 * out, a session in the second half of its 30 days is extended with a new cookie — and the same
 * rules when a page's own query reads the session for the whole request (readSessionWith,
 * decision 116).
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '~db/schema';
import {
  getCurrentSession,
  readSessionWith,
  type FoundSession,
} from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { sha256 } from '~/modules/security/tokens.server';
import { signedInUser } from '../support/auth';
import { recordQueries } from '../support/query-log';
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

/** A page's query that reads the session along with its data, as the event page's does. */
async function pageQuery(sessionId: string | null) {
  const [row] = await db
    .select({
      page: sql<string>`'the page'`,
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, locale: users.locale },
    })
    .from(sql`(SELECT 1) AS one`)
    .leftJoin(sessions, eq(sessions.id, sql`${sessionId}`))
    .leftJoin(users, eq(users.id, sessions.userId));
  return row;
}
const foundIn = (row: Awaited<ReturnType<typeof pageQuery>>): FoundSession | null =>
  row.session && row.user ? { session: row.session, user: row.user } : null;

/** The root's loader and a page's loader of one request, started as Remix starts them. */
async function rootAndPage(
  cookie: string | null,
  query: (sessionId: string | null) => Promise<Awaited<ReturnType<typeof pageQuery>> | undefined>,
  method = 'GET',
) {
  const request = () =>
    new Request(`${APP_ORIGIN}/e/x`, { method, headers: cookie ? { Cookie: cookie } : {} });
  const scope = {};
  const recording = recordQueries();
  const root = getCurrentSession(request(), scope);
  const page = readSessionWith(request(), scope, query, foundIn);
  const [rootAnswer, pageAnswer] = await Promise.allSettled([root, page]);
  recording.stop();
  return { rootAnswer, pageAnswer, queries: recording.queries };
}

describe("a page's own query reading the session for the whole request", () => {
  it('answers the root with the session the page read: one query for both', async () => {
    const runner = await signedInUser('with-page@runner.example', 'en');
    const seen: (string | null)[] = [];
    const { rootAnswer, pageAnswer, queries } = await rootAndPage(runner.cookie, (id) => {
      seen.push(id);
      return pageQuery(id);
    });
    expect(queries).toHaveLength(1);
    expect(seen).toEqual([sha256(runner.cookie.slice(runner.cookie.indexOf('=') + 1))]);
    const user = { id: runner.userId, email: 'with-page@runner.example', locale: 'en' };
    expect(rootAnswer.status === 'fulfilled' && rootAnswer.value?.user).toEqual(user);
    expect(pageAnswer.status === 'fulfilled' && pageAnswer.value.session?.user).toEqual(user);
    expect(pageAnswer.status === 'fulfilled' && pageAnswer.value.row?.page).toBe('the page');
  });

  it("applies lucia's rules to what the page read: expired is signed out and deleted, half-way is extended", async () => {
    const gone = await signedInUser('with-page-expired@runner.example');
    const goneId = await expireIn(gone.cookie, -1000);
    const expired = await rootAndPage(gone.cookie, pageQuery);
    expect(expired.rootAnswer).toEqual({ status: 'fulfilled', value: null });
    expect(expired.pageAnswer.status === 'fulfilled' && expired.pageAnswer.value.session).toBe(
      null,
    );
    expect(await db.select().from(sessions).where(eq(sessions.id, goneId))).toEqual([]);

    const old = await signedInUser('with-page-extend@runner.example');
    const oldId = await expireIn(old.cookie, 10 * DAY);
    const extended = await rootAndPage(old.cookie, pageQuery);
    expect(extended.rootAnswer.status === 'fulfilled' && extended.rootAnswer.value).toMatchObject({
      user: { id: old.userId },
      refreshCookie: expect.stringMatching(/Max-Age=2592000/),
    });
    const [row] = await db.select().from(sessions).where(eq(sessions.id, oldId));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it('looks the session up on its own when the page query fails or finds nothing to read it from', async () => {
    const runner = await signedInUser('with-page-fails@runner.example');
    const failed = await rootAndPage(runner.cookie, () => Promise.reject(new Error('cut off')));
    expect(failed.pageAnswer).toMatchObject({ status: 'rejected', reason: { message: 'cut off' } });
    expect(failed.rootAnswer.status === 'fulfilled' && failed.rootAnswer.value?.user.id).toBe(
      runner.userId,
    );

    const nothing = await rootAndPage(runner.cookie, async () => undefined);
    expect(nothing.rootAnswer.status === 'fulfilled' && nothing.rootAnswer.value?.user.id).toBe(
      runner.userId,
    );
    expect(nothing.queries.filter((q) => /"sessions"/.test(q))).toHaveLength(1);
  });

  it('gives a signed-out request no session id and looks nothing up', async () => {
    const seen: (string | null)[] = [];
    const { rootAnswer, queries } = await rootAndPage(null, (id) => {
      seen.push(id);
      return pageQuery(id);
    });
    expect(seen).toEqual([null]);
    expect(rootAnswer).toEqual({ status: 'fulfilled', value: null });
    expect(queries).toHaveLength(1);
  });

  it('hands a page that comes after the lookup started the id of the session it validated', async () => {
    const runner = await signedInUser('with-page-late@runner.example');
    const request = () => new Request(`${APP_ORIGIN}/e/x`, { headers: { Cookie: runner.cookie } });
    const scope = {};
    const recording = recordQueries();
    const root = getCurrentSession(request(), scope);
    await new Promise((resolve) => setImmediate(resolve));
    const seen: (string | null)[] = [];
    const page = await readSessionWith(
      request(),
      scope,
      (id) => {
        seen.push(id);
        return pageQuery(id);
      },
      foundIn,
    );
    recording.stop();
    expect((await root)?.user.id).toBe(runner.userId);
    expect(page.session?.user.id).toBe(runner.userId);
    expect(seen).toEqual([(await root)?.sessionId]);
    expect(recording.queries).toHaveLength(2);
  });

  it('does not share anything after an action: the loaders look again', async () => {
    const runner = await signedInUser('with-page-post@runner.example');
    const { rootAnswer, pageAnswer, queries } = await rootAndPage(runner.cookie, pageQuery, 'POST');
    expect(rootAnswer.status === 'fulfilled' && rootAnswer.value?.user.id).toBe(runner.userId);
    expect(pageAnswer.status === 'fulfilled' && pageAnswer.value.session?.user.id).toBe(
      runner.userId,
    );
    // The root's own lookup, the page's own lookup, the page's query.
    expect(queries).toHaveLength(3);
  });
});
