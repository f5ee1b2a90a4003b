import { eq, sql } from 'drizzle-orm';
import { events, invitations, memberships } from '~db/schema';
import { db } from '~/modules/database/database.server';

export interface InvitationFunnel {
  invited: number;
  reminded: number;
  joined: number;
  declined: number;
  bounced: number;
  pending: number;
}

/**
 * What the organizer dashboard shows: the event's public facts and counts. Counts only —
 * nothing here names or addresses a person.
 */
export async function getEventSummary(eventId: string) {
  const [event] = await db
    .select({
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      eventDate: events.eventDate,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
      contactEmail: events.contactEmail,
    })
    .from(events)
    .where(eq(events.id, eventId));
  const [funnel] = await db
    .select({
      invited: sql<number>`count(*)::int`,
      reminded: sql<number>`count(*) filter (where ${invitations.remindedAt} is not null)::int`,
      joined: sql<number>`count(*) filter (where ${invitations.status} = 'joined')::int`,
      declined: sql<number>`count(*) filter (where ${invitations.status} = 'declined')::int`,
      bounced: sql<number>`count(*) filter (where ${invitations.bouncedAt} is not null)::int`,
      pending: sql<number>`count(*) filter (where ${invitations.status} = 'pending')::int`,
    })
    .from(invitations)
    .where(eq(invitations.eventId, eventId));
  const [members] = await db
    .select({
      active: sql<number>`count(*) filter (where ${memberships.status} = 'active')::int`,
      left: sql<number>`count(*) filter (where ${memberships.status} = 'left')::int`,
    })
    .from(memberships)
    .where(eq(memberships.eventId, eventId));
  return {
    event,
    funnel: funnel as InvitationFunnel,
    members: { active: members?.active ?? 0, left: members?.left ?? 0 },
  };
}
