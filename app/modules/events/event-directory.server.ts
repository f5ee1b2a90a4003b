import { and, asc, eq } from 'drizzle-orm';
import { events, eventStaff, memberships } from '~db/schema';
import { db } from '~/modules/database/database.server';

/** What the signed-in home page lists: communities joined and events managed. */
export async function listEventsForUser(userId: string) {
  const [joined, managed] = await Promise.all([
    db
      .select({
        slug: events.slug,
        nameJa: events.nameJa,
        nameEn: events.nameEn,
        eventDate: events.eventDate,
      })
      .from(memberships)
      .innerJoin(events, eq(events.id, memberships.eventId))
      .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .orderBy(asc(events.eventDate)),
    db
      .select({
        slug: events.slug,
        nameJa: events.nameJa,
        nameEn: events.nameEn,
        eventDate: events.eventDate,
        role: eventStaff.role,
      })
      .from(eventStaff)
      .innerJoin(events, eq(events.id, eventStaff.eventId))
      .where(eq(eventStaff.userId, userId))
      .orderBy(asc(events.eventDate)),
  ]);
  return { joined, managed };
}
