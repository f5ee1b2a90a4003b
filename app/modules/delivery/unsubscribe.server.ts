import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import {
  announcements,
  channelPreferences,
  channels,
  deliveries,
  events,
  memberships,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { env } from '~/env.server';
import { sha256 } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';

/**
 * Each announcement email carries its own unsubscribe token (RFC 8058 List-Unsubscribe and a
 * visible link). It is HMAC(SESSION_SECRET, "unsubscribe:<deliveryId>"), 256 bits, so a retry
 * of the same email carries the same link; the database keeps only its SHA-256 on the
 * delivery row, which names the member and the channel.
 */
export function unsubscribeToken(deliveryId: number): string {
  return createHmac('sha256', env.SESSION_SECRET)
    .update(`unsubscribe:${deliveryId}`)
    .digest('base64url');
}

export function unsubscribeTokenHash(deliveryId: number): string {
  return sha256(unsubscribeToken(deliveryId));
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What the unsubscribe page shows: the event and channel names, nothing about the person. */
export async function findUnsubscribeTarget(token: string) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      membershipId: deliveries.membershipId,
      channelId: announcements.channelId,
      eventId: announcements.eventId,
      eventNameJa: events.nameJa,
      eventNameEn: events.nameEn,
      eventSlug: events.slug,
      channelNameJa: channels.nameJa,
      channelNameEn: channels.nameEn,
    })
    .from(deliveries)
    .innerJoin(announcements, eq(announcements.id, deliveries.announcementId))
    .innerJoin(events, eq(events.id, announcements.eventId))
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(eq(deliveries.unsubscribeTokenHash, sha256(token)));
  if (!row?.membershipId) return null;
  return { ...row, membershipId: row.membershipId };
}

/**
 * Turns email off for that member on that channel (and nothing else). Idempotent: a second
 * POST, or a mail client's retry, finds it already off.
 */
export async function unsubscribeByToken(token: string) {
  const target = await findUnsubscribeTarget(token);
  if (!target) return null;
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.id, target.membershipId), eq(memberships.eventId, target.eventId)));
  if (!member) return null;
  await db
    .insert(channelPreferences)
    .values({ membershipId: target.membershipId, channelId: target.channelId, emailEnabled: false })
    .onConflictDoUpdate({
      target: [channelPreferences.membershipId, channelPreferences.channelId],
      set: { emailEnabled: false, updatedAt: sql`now()` },
    });
  logger.info('delivery.unsubscribed', { channelId: target.channelId });
  return target;
}
