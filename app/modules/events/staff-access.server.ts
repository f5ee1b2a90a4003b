import { json } from '@remix-run/node';
import { and, eq, sql } from 'drizzle-orm';
import { events, eventStaff, sessions, users, type StaffRole } from '~db/schema';
import { readSessionWith, redirectToSignIn, type SessionUser } from '~/modules/auth/session.server';
import { preparedQuery } from '~/modules/database/prepared-query.server';

const RANK: Record<StaffRole, number> = { viewer: 1, editor: 2, owner: 3 };

export function roleAtLeast(role: StaffRole, minimum: StaffRole) {
  return RANK[role] >= RANK[minimum];
}

/**
 * The 403 for staff below the role a page or action needs. The body names that role, so the
 * error page can say 「この操作には『編集者』以上の権限が必要です」 instead of a bare refusal; the
 * role ladder is no secret to someone already on the staff.
 */
export function forbiddenBelow(minimum: StaffRole): Response {
  return json({ requiredRole: minimum }, { status: 403 });
}

export interface StaffContext {
  user: SessionUser;
  event: { id: string; slug: string; nameJa: string; nameEn: string };
  role: StaffRole;
}

// Every organizer page runs it: prepared once (decision 111). The session, its user and their
// role on the event's staff in one round trip, which also answers the root's session lookup
// (decision 116).
const staffOfSessionQuery = preparedQuery((db) =>
  db
    .select({
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, locale: users.locale },
      id: events.id,
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      role: eventStaff.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(events, eq(events.slug, sql.placeholder('eventSlug')))
    .leftJoin(
      eventStaff,
      and(eq(eventStaff.eventId, events.id), eq(eventStaff.userId, sessions.userId)),
    )
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .prepare('staff_of_session'),
);

/**
 * The one gate for organizer pages. A signed-in person who is not staff of this event gets
 * 404 (the page's existence is not confirmed); staff below the required role get 403.
 * Signed-out visitors (or an expired session) are sent to sign in.
 */
export async function requireStaff(
  request: Request,
  eventSlug: string | undefined,
  minimum: StaffRole,
  /** The load context: the root loader's session lookup is answered by this query. */
  requestScope: object = {},
): Promise<StaffContext> {
  const { row, session } = await readSessionWith(
    request,
    requestScope,
    async (sessionId) =>
      (await staffOfSessionQuery().execute({ eventSlug: eventSlug ?? '', sessionId }))[0],
    (found) => ({ session: found.session, user: found.user }),
  );
  if (!session) throw redirectToSignIn(request);
  // The role was joined on the session's user before lucia validated the session.
  if (!row || row.role === null || row.id === null) throw new Response(null, { status: 404 });
  if (!roleAtLeast(row.role, minimum)) throw forbiddenBelow(minimum);
  return {
    user: session.user,
    event: { id: row.id, slug: row.slug!, nameJa: row.nameJa!, nameEn: row.nameEn! },
    role: row.role,
  };
}
