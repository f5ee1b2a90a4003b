import { json } from '@remix-run/node';
import { and, eq, sql } from 'drizzle-orm';
import { events, eventStaff, type StaffRole } from '~db/schema';
import { requireUser, type SessionUser } from '~/modules/auth/session.server';
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

// Every organizer page runs it: prepared once (decision 111).
const staffRoleQuery = preparedQuery((db) =>
  db
    .select({
      id: events.id,
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      role: eventStaff.role,
    })
    .from(events)
    .innerJoin(
      eventStaff,
      and(eq(eventStaff.eventId, events.id), eq(eventStaff.userId, sql.placeholder('userId'))),
    )
    .where(eq(events.slug, sql.placeholder('eventSlug')))
    .prepare('staff_role'),
);

/**
 * The one gate for organizer pages. A signed-in person who is not staff of this event gets
 * 404 (the page's existence is not confirmed); staff below the required role get 403.
 */
export async function requireStaff(
  request: Request,
  eventSlug: string | undefined,
  minimum: StaffRole,
): Promise<StaffContext> {
  const user = await requireUser(request);
  if (!eventSlug) throw new Response(null, { status: 404 });
  const [row] = await staffRoleQuery().execute({ eventSlug, userId: user.id });
  if (!row) throw new Response(null, { status: 404 });
  if (!roleAtLeast(row.role, minimum)) throw forbiddenBelow(minimum);
  const { role, ...event } = row;
  return { user, event, role };
}
