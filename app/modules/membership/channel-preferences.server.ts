import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { channelPreferences, channels, memberships } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { DEFAULT_CHANNELS } from '~/modules/events/default-channels';

/**
 * Email on/off per member and channel. A member without a row for a channel gets the
 * channel's default (default channels on, others off), so a channel added later needs no
 * back-fill. The in-app feed is not affected: it always shows every channel.
 */

// The default channels first, in their defined order, then the rest by creation.
const channelOrder = [
  sql`array_position(ARRAY[${sql.join(
    DEFAULT_CHANNELS.map((c) => sql`${c.slug}`),
    sql`, `,
  )}]::text[], ${channels.slug}) nulls last`,
  asc(channels.createdAt),
  asc(channels.slug),
];

export async function listEventChannels(eventId: string) {
  return db
    .select({
      id: channels.id,
      slug: channels.slug,
      nameJa: channels.nameJa,
      nameEn: channels.nameEn,
    })
    .from(channels)
    .where(eq(channels.eventId, eventId))
    .orderBy(...channelOrder);
}

/** One member's channels with the effective email setting of each. */
export async function listChannelPreferences(membershipId: string, eventId: string) {
  const rows = await db
    .select({
      id: channels.id,
      slug: channels.slug,
      nameJa: channels.nameJa,
      nameEn: channels.nameEn,
      isDefault: channels.isDefault,
      emailEnabled: channelPreferences.emailEnabled,
    })
    .from(channels)
    .leftJoin(
      channelPreferences,
      and(
        eq(channelPreferences.channelId, channels.id),
        eq(channelPreferences.membershipId, membershipId),
      ),
    )
    .where(eq(channels.eventId, eventId))
    .orderBy(...channelOrder);
  return rows.map(({ isDefault, emailEnabled, ...channel }) => ({
    ...channel,
    emailEnabled: emailEnabled ?? isDefault,
  }));
}

/** Effective settings for a page of members: membershipId → channelId → email on. */
export async function preferencesOfMemberships(eventId: string, membershipIds: string[]) {
  const result = new Map<string, Record<string, boolean>>();
  if (membershipIds.length === 0) return result;
  const [eventChannels, rows] = await Promise.all([
    db
      .select({ id: channels.id, isDefault: channels.isDefault })
      .from(channels)
      .where(eq(channels.eventId, eventId)),
    db
      .select({
        membershipId: channelPreferences.membershipId,
        channelId: channelPreferences.channelId,
        emailEnabled: channelPreferences.emailEnabled,
      })
      .from(channelPreferences)
      .where(inArray(channelPreferences.membershipId, membershipIds)),
  ]);
  for (const id of membershipIds) {
    result.set(id, Object.fromEntries(eventChannels.map((c) => [c.id, c.isDefault])));
  }
  for (const row of rows) {
    const prefs = result.get(row.membershipId);
    if (prefs && row.channelId in prefs) prefs[row.channelId] = row.emailEnabled;
  }
  return result;
}

/**
 * Stores the member's choice for every channel of the event at once (one form): channels
 * listed in `enabledChannelIds` on, all others off. Ids of other events' channels are ignored.
 */
export async function saveChannelPreferences(input: {
  membershipId: string;
  eventId: string;
  enabledChannelIds: string[];
}) {
  const eventChannels = await db
    .select({ id: channels.id })
    .from(channels)
    .where(eq(channels.eventId, input.eventId));
  if (eventChannels.length === 0) return;
  const enabled = new Set(input.enabledChannelIds);
  const now = new Date();
  await db
    .insert(channelPreferences)
    .values(
      eventChannels.map((c) => ({
        membershipId: input.membershipId,
        channelId: c.id,
        emailEnabled: enabled.has(c.id),
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [channelPreferences.membershipId, channelPreferences.channelId],
      set: { emailEnabled: sql`excluded.email_enabled`, updatedAt: now },
    });
}

/**
 * The check every member mail must pass at the moment it is sent (not only when it was
 * queued): the membership is still active and the member wants email on this channel.
 * Leaving takes effect at once because of this check.
 */
export async function mayEmailMember(
  membershipId: string,
  channelId: string,
  tx: DbOrTx = db,
): Promise<boolean> {
  const [row] = await tx
    .select({
      status: memberships.status,
      channelEventId: channels.eventId,
      membershipEventId: memberships.eventId,
      isDefault: channels.isDefault,
      emailEnabled: channelPreferences.emailEnabled,
    })
    .from(memberships)
    .innerJoin(channels, eq(channels.id, channelId))
    .leftJoin(
      channelPreferences,
      and(
        eq(channelPreferences.membershipId, memberships.id),
        eq(channelPreferences.channelId, channels.id),
      ),
    )
    .where(eq(memberships.id, membershipId));
  if (!row || row.status !== 'active' || row.channelEventId !== row.membershipEventId) return false;
  return row.emailEnabled ?? row.isDefault;
}
