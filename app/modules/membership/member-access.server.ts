import { and, eq, sql } from 'drizzle-orm';
import { events, memberships, sessions, users } from '~db/schema';
import { readSessionWith, redirectToSignIn, type SessionUser } from '~/modules/auth/session.server';
import { preparedQuery } from '~/modules/database/prepared-query.server';

export interface MemberContext {
  user: SessionUser;
  event: { id: string; slug: string; nameJa: string; nameEn: string };
  membership: { id: string; aliasNumber: number; name: string; bib: string | null };
}

/**
 * The one gate for member pages: a signed-in person with an *active* membership of this
 * event. Anyone else (signed in or not, left, never joined) gets 404 once signed in — the
 * page does not confirm that a community or a member exists.
 */
export async function requireMember(
  request: Request,
  eventSlug: string | undefined,
  /** The load context: the root loader's session lookup is answered by this query. */
  requestScope: object = {},
): Promise<MemberContext> {
  const { row, session } = await readSessionWith(
    request,
    requestScope,
    async (sessionId) =>
      eventSlug ? (await memberOfSessionQuery().execute({ eventSlug, sessionId }))[0] : undefined,
    (found) => ({ session: found.session, user: found.user }),
  );
  if (!session) throw redirectToSignIn(request);
  // The membership was joined on the session's user before lucia validated the session; it is
  // read only now that the session is valid.
  if (!row || row.membershipId === null || row.aliasNumber === null || row.name === null)
    throw new Response(null, { status: 404 });
  return {
    user: session.user,
    event: { id: row.eventId!, slug: row.slug!, nameJa: row.nameJa!, nameEn: row.nameEn! },
    membership: {
      id: row.membershipId,
      aliasNumber: row.aliasNumber,
      name: row.name,
      bib: row.bib,
    },
  };
}

/**
 * The session (and its user) with their active membership of the event, in one round trip
 * (decision 116): every member page used to look the session up, then the membership.
 */
const memberOfSessionQuery = preparedQuery((db) =>
  db
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, locale: users.locale },
      eventId: events.id,
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      membershipId: memberships.id,
      aliasNumber: memberships.aliasNumber,
      name: memberships.name,
      bib: memberships.bib,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(events, eq(events.slug, sql.placeholder('eventSlug')))
    .leftJoin(
      memberships,
      and(
        eq(memberships.eventId, events.id),
        eq(memberships.userId, sessions.userId),
        eq(memberships.status, 'active'),
      ),
    )
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .prepare('member_of_session'),
);

// Every member page runs it: prepared once (decision 111).
const activeMembershipQuery = preparedQuery((db) =>
  db
    .select({
      eventId: events.id,
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      membershipId: memberships.id,
      aliasNumber: memberships.aliasNumber,
      name: memberships.name,
      bib: memberships.bib,
    })
    .from(memberships)
    .innerJoin(events, eq(events.id, memberships.eventId))
    .where(
      and(
        eq(events.slug, sql.placeholder('eventSlug')),
        eq(memberships.userId, sql.placeholder('userId')),
        eq(memberships.status, 'active'),
      ),
    )
    .prepare('active_membership'),
);

export async function findActiveMembership(userId: string, eventSlug: string | undefined) {
  if (!eventSlug) return null;
  const [row] = await activeMembershipQuery().execute({ eventSlug, userId });
  if (!row) return null;
  return {
    event: { id: row.eventId, slug: row.slug, nameJa: row.nameJa, nameEn: row.nameEn },
    membership: {
      id: row.membershipId,
      aliasNumber: row.aliasNumber,
      name: row.name,
      bib: row.bib,
    },
  };
}
