import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import { redirect } from '@remix-run/node';
import { eq, sql } from 'drizzle-orm';
import { Lucia, TimeSpan } from 'lucia';
import type { DbOrTx } from '~db/client';
import { sessions, users } from '~db/schema';
import { isProduction } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { preparedQuery } from '~/modules/database/prepared-query.server';
import { generateToken, sha256 } from '~/modules/security/tokens.server';
import { readCookie } from '~/utils/cookie-header.server';

/**
 * The only module that knows sessions are lucia's. Routes call getSessionUser / requireUser /
 * createUserSession / endSession; swapping lucia out later touches this file alone.
 *
 * The cookie carries a random token; the database stores only its SHA-256 as the session id,
 * so reading the sessions table does not let anyone impersonate a user.
 */
// Every signed-in page view starts with this lookup. lucia's drizzle adapter builds it anew each
// time and reads every column of both tables; prepared once, with the columns lucia reads (the
// session's expiry, the user's attributes below), it costs a fraction (decision 111).
const sessionAndUser = preparedQuery((db) =>
  db
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, locale: users.locale },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .prepare('session_and_user'),
);

/** A session and its user as a page's own query found them (see readSessionWith). */
export interface FoundSession {
  session: { id: string; userId: string; expiresAt: Date };
  user: { id: string; email: string; locale: 'ja' | 'en' };
}

// What readSessionWith's caller found, for the adapter below to answer lucia with instead of
// asking the database. lucia's validateSession asks its adapter before its first `await`, so
// the slot is set and consumed within one synchronous stretch and never seen by another call.
let foundByCaller: { sessionId: string; found: FoundSession | null } | null = null;

class SessionAdapter extends DrizzlePostgreSQLAdapter {
  override async getSessionAndUser(
    sessionId: string,
  ): ReturnType<DrizzlePostgreSQLAdapter['getSessionAndUser']> {
    const given = foundByCaller?.sessionId === sessionId ? foundByCaller : null;
    foundByCaller = null;
    const row = given ? given.found : (await sessionAndUser().execute({ sessionId }))[0];
    if (!row) return [null, null];
    const { id, userId, expiresAt } = row.session;
    const { id: userRowId, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt, attributes: {} },
      { id: userRowId, attributes: userAttributes },
    ];
  }
}

const lucia = new Lucia(new SessionAdapter(db as never, sessions, users), {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: {
    // __Host- requires Secure and Path=/, binding the cookie to this exact origin.
    name: isProduction() ? '__Host-startline_session' : 'startline_session',
    attributes: { secure: isProduction(), sameSite: 'lax' },
  },
  getUserAttributes: (attributes) => ({ email: attributes.email, locale: attributes.locale }),
});

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; locale: 'ja' | 'en' };
  }
}

export interface SessionUser {
  id: string;
  email: string;
  locale: 'ja' | 'en';
}

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  /** A Set-Cookie value to send back when lucia extended the session, else null. */
  refreshCookie: string | null;
}

// generateToken's shape (base64url); anything else was never issued here.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The session token from the Cookie header. Not lucia's readSessionCookie: its parser decodes
 * every cookie in the header and throws on a broken `%` escape in any of them, which made every
 * page answer 500. A cookie that cannot be read, or was not shaped by generateToken, means
 * signed out (and costs no database lookup).
 */
function readToken(request: Request): string | null {
  const token = readCookie(request.headers.get('Cookie'), lucia.sessionCookieName);
  return token && TOKEN_SHAPE.test(token) ? token : null;
}

// Remix runs the root's and the page's loaders side by side, each with its own copy of the
// Request (@remix-run/server-runtime clones it per loader) but the same load context: passed
// as `requestScope`, the context lets them share one lookup (issue #12). GET and HEAD only: the
// loaders that follow an action (which may sign in or out) must look again.
//
// A page whose own query can read the session along with its data (the event page, the feed a
// runner opens after an announcement) takes the lookup over with readSessionWith, and the root
// gets its answer from that query: one round trip for the whole page instead of two. So a
// signed-in request's own lookup starts only once every loader has started (setImmediate: the
// loaders are started one after another without waiting on I/O) and nobody took it over.
interface RequestLookup {
  answer: Promise<CurrentSession | null>;
  settle(answer: Promise<CurrentSession | null>): void;
  /** Someone answers it: the lookup of its own has started, or a page's query has. */
  taken: boolean;
}
const lookupOfRequest = new WeakMap<object, RequestLookup>();

function isRead(request: Request) {
  return request.method === 'GET' || request.method === 'HEAD';
}

function requestLookup(requestScope: object): RequestLookup {
  let lookup = lookupOfRequest.get(requestScope);
  if (!lookup) {
    let settle!: RequestLookup['settle'];
    const answer = new Promise<CurrentSession | null>((resolve) => (settle = resolve));
    lookup = { answer, settle, taken: false };
    lookupOfRequest.set(requestScope, lookup);
  }
  return lookup;
}

export function getCurrentSession(
  request: Request,
  requestScope?: object,
): Promise<CurrentSession | null> {
  if (!requestScope || !isRead(request)) return validateRequestSession(request);
  const known = lookupOfRequest.get(requestScope);
  if (known) return known.answer;
  const lookup = requestLookup(requestScope);
  const token = readToken(request);
  if (!token) {
    lookup.taken = true;
    lookup.settle(Promise.resolve(null));
  } else {
    setImmediate(() => {
      if (lookup.taken) return;
      lookup.taken = true;
      lookup.settle(validateToken(token, null));
    });
  }
  return lookup.answer;
}

/**
 * Runs a page's query with the request's session id, for the query to join `sessions` (and
 * `users`) on it and read what it needs with it, and answers the request's session lookup with
 * what it found (`found(row)`), under lucia's rules as its own lookup (an expired session is
 * deleted and means signed out; one past half its life is extended, with a cookie to send).
 * When the lookup was answered already (another loader's own lookup started first, or the
 * request follows an action) the query gets the id of the session that lookup validated.
 * Without a row (`undefined`: nothing to read the session from) or when the query fails, the
 * lookup happens on its own. The caller must treat the row's personal part as unseen unless
 * `session` is not null: the query read it before the session was validated.
 */
export async function readSessionWith<Row>(
  request: Request,
  requestScope: object,
  query: (sessionId: string | null) => Promise<Row | undefined>,
  found: (row: Row) => FoundSession | null,
): Promise<{ row: Row | undefined; session: CurrentSession | null }> {
  const lookup = isRead(request) ? requestLookup(requestScope) : null;
  if (!lookup || lookup.taken) {
    const session = await getCurrentSession(request, requestScope);
    return { row: await query(session?.sessionId ?? null), session };
  }
  lookup.taken = true;
  const token = readToken(request);
  let row: Row | undefined;
  try {
    row = await query(token ? sha256(token) : null);
  } catch (error) {
    lookup.settle(token ? validateToken(token, null) : Promise.resolve(null));
    throw error;
  }
  const answer = !token
    ? Promise.resolve(null)
    : row === undefined
      ? validateToken(token, null)
      : validateToken(token, { found: found(row) });
  lookup.settle(answer);
  return { row, session: await answer };
}

function validateRequestSession(request: Request): Promise<CurrentSession | null> {
  const token = readToken(request);
  return token ? validateToken(token, null) : Promise.resolve(null);
}

/** lucia's validation of the token's session: looked up, or as a caller's query found it. */
async function validateToken(
  token: string,
  given: { found: FoundSession | null } | null,
): Promise<CurrentSession | null> {
  const sessionId = sha256(token);
  foundByCaller = given ? { sessionId, found: given.found } : null;
  let validation: ReturnType<typeof lucia.validateSession>;
  try {
    validation = lucia.validateSession(sessionId);
  } finally {
    foundByCaller = null;
  }
  const { session, user } = await validation;
  if (!session || !user) return null;
  return {
    user: { id: user.id, email: user.email, locale: user.locale },
    sessionId: session.id,
    refreshCookie: session.fresh ? lucia.createSessionCookie(token).serialize() : null,
  };
}

export async function getSessionUser(
  request: Request,
  requestScope?: object,
): Promise<SessionUser | null> {
  return (await getCurrentSession(request, requestScope))?.user ?? null;
}

/** Signed-out visitors are sent to sign in and brought back afterwards. */
export async function requireUser(request: Request, requestScope?: object): Promise<SessionUser> {
  const user = await getSessionUser(request, requestScope);
  if (user) return user;
  throw redirectToSignIn(request);
}

/** The redirect to sign in that brings the visitor back to this page afterwards. */
export function redirectToSignIn(request: Request): Response {
  const url = new URL(request.url);
  const next = `${url.pathname}${url.search}`;
  return redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

/**
 * Starts a new session (a fresh token on every sign-in, so a token planted before sign-in is
 * useless afterwards) and ends the one the request carried, if any. Returns Set-Cookie.
 */
export async function createUserSession(userId: string, request: Request): Promise<string> {
  const previous = readToken(request);
  if (previous) await lucia.invalidateSession(sha256(previous));
  const token = generateToken();
  await lucia.createSession(userId, {}, { sessionId: sha256(token) });
  return lucia.createSessionCookie(token).serialize();
}

/** Ends the session server-side and returns the Set-Cookie that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = readToken(request);
  if (token) await lucia.invalidateSession(sha256(token));
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessionsOf(userId: string) {
  await lucia.invalidateUserSessions(userId);
}

export async function setUserLocale(userId: string, locale: 'ja' | 'en') {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/**
 * createUserSession for code that runs inside a transaction (joining: the membership, the
 * consent record and the sign-in commit together). On PGlite nothing inside a transaction
 * may touch `db` — lucia's adapter does — so the row is written with `tx` here; the cookie is
 * the same one lucia makes.
 */
export async function createUserSessionIn(
  tx: DbOrTx,
  userId: string,
  request: Request,
): Promise<string> {
  const previous = readToken(request);
  if (previous) await tx.delete(sessions).where(eq(sessions.id, sha256(previous)));
  const token = generateToken();
  // Same lifetime as lucia's sessionExpiresIn above (30 days).
  await tx
    .insert(sessions)
    .values({ id: sha256(token), userId, expiresAt: new Date(Date.now() + 30 * 86_400_000) });
  return lucia.createSessionCookie(token).serialize();
}
