import { and, asc, eq } from 'drizzle-orm';
import { events, sponsors, sponsorStaff } from '~db/schema';
import { requireUser, type SessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';

export interface SponsorContext {
  user: SessionUser;
  sponsor: { id: string; nameJa: string; nameEn: string };
  event: { id: string; slug: string; nameJa: string; nameEn: string };
}

/**
 * The one gate for the sponsor console: a signed-in member of this sponsor organization's
 * staff. Anyone else gets 404 (the console's existence is not confirmed). The context holds
 * the sponsor and its one event — never anything about the event's members.
 */
export async function requireSponsor(
  request: Request,
  sponsorId: string | undefined,
): Promise<SponsorContext> {
  const user = await requireUser(request);
  if (!sponsorId) throw new Response(null, { status: 404 });
  const [row] = await db
    .select({
      id: sponsors.id,
      nameJa: sponsors.nameJa,
      nameEn: sponsors.nameEn,
      eventId: events.id,
      slug: events.slug,
      eventNameJa: events.nameJa,
      eventNameEn: events.nameEn,
    })
    .from(sponsors)
    .innerJoin(
      sponsorStaff,
      and(eq(sponsorStaff.sponsorId, sponsors.id), eq(sponsorStaff.userId, user.id)),
    )
    .innerJoin(events, eq(events.id, sponsors.eventId))
    .where(eq(sponsors.id, sponsorId));
  if (!row) throw new Response(null, { status: 404 });
  return {
    user,
    sponsor: { id: row.id, nameJa: row.nameJa, nameEn: row.nameEn },
    event: { id: row.eventId, slug: row.slug, nameJa: row.eventNameJa, nameEn: row.eventNameEn },
  };
}

/** The sponsor consoles a person may open (for the home page and `/sponsor`). */
export async function listSponsorsForUser(userId: string) {
  return db
    .select({
      id: sponsors.id,
      nameJa: sponsors.nameJa,
      nameEn: sponsors.nameEn,
      eventNameJa: events.nameJa,
      eventNameEn: events.nameEn,
    })
    .from(sponsorStaff)
    .innerJoin(sponsors, eq(sponsors.id, sponsorStaff.sponsorId))
    .innerJoin(events, eq(events.id, sponsors.eventId))
    .where(eq(sponsorStaff.userId, userId))
    .orderBy(asc(events.eventDate), asc(sponsors.nameEn));
}
