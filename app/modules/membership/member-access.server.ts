import { and, eq, sql } from 'drizzle-orm';
import { events, memberships } from '~db/schema';
import { requireUser, type SessionUser } from '~/modules/auth/session.server';
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
  /** The load context, to share the session lookup with the root loader. */
  requestScope?: object,
): Promise<MemberContext> {
  const user = await requireUser(request, requestScope);
  const member = await findActiveMembership(user.id, eventSlug);
  if (!member) throw new Response(null, { status: 404 });
  return { user, ...member };
}

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
