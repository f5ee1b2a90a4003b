import { eq } from 'drizzle-orm';
import { channels, events, eventStaff } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
import { generateId } from '~/modules/security/tokens.server';
import { DEFAULT_CHANNELS } from './default-channels';

export interface NewEventInput {
  nameJa: string;
  nameEn: string;
  eventDate: string;
  slug: string;
  organizerNameJa: string;
  organizerNameEn: string;
  contactEmail: string;
}

/**
 * Anyone signed in may create an event (a race office starts by signing up), so creation is
 * limited per account: a race office makes a handful a year, a script would make thousands.
 */
export const eventCreationLimit = { bucket: 'event-create:user', limit: 10, windowSeconds: 86_400 };

export function eventCreationAllowed(userId: string) {
  return hitRateLimit(eventCreationLimit, userId);
}

// Paths under /staff/ and /e/ that a slug must never shadow.
export const RESERVED_SLUGS = new Set([
  'new',
  'import',
  'admin',
  'settings',
  'join',
  'staff',
  'api',
]);

export type CreateEventResult =
  { ok: true; slug: string; eventId: string } | { ok: false; reason: 'slug_taken' };

/**
 * Creates an event with its default channels; the person creating it becomes its first
 * owner. One transaction: an event never exists without an owner.
 */
export async function createEvent(
  creatorUserId: string,
  input: NewEventInput,
): Promise<CreateEventResult> {
  if (RESERVED_SLUGS.has(input.slug)) return { ok: false, reason: 'slug_taken' };
  const eventId = generateId();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(events)
      .values({ id: eventId, ...input })
      .onConflictDoNothing({ target: events.slug })
      .returning({ id: events.id });
    if (inserted.length === 0) return { ok: false as const, reason: 'slug_taken' as const };
    await tx.insert(eventStaff).values({ eventId, userId: creatorUserId, role: 'owner' });
    await tx.insert(channels).values(
      DEFAULT_CHANNELS.map((channel) => ({
        id: generateId(),
        eventId,
        ...channel,
        isDefault: true,
      })),
    );
    await appendAudit(
      {
        eventId,
        actorUserId: creatorUserId,
        action: 'event.create',
        target: `event:${eventId}`,
        detail: { slug: input.slug },
      },
      tx,
    );
    return { ok: true as const, slug: input.slug, eventId };
  });
}

export async function isSlugTaken(slug: string): Promise<boolean> {
  if (RESERVED_SLUGS.has(slug)) return true;
  const [row] = await db.select({ id: events.id }).from(events).where(eq(events.slug, slug));
  return Boolean(row);
}
