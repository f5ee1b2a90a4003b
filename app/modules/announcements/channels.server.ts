import { and, eq, sql } from 'drizzle-orm';
import { announcements, channels } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { listEventChannels } from '~/modules/membership/channel-preferences.server';
import { generateId } from '~/modules/security/tokens.server';

/** The event's channels with how many announcements each has published (counts only). */
export async function listChannelsWithCounts(eventId: string) {
  const [list, defaults, counts] = await Promise.all([
    listEventChannels(eventId),
    db
      .select({ id: channels.id, isDefault: channels.isDefault })
      .from(channels)
      .where(eq(channels.eventId, eventId)),
    selectRows<{ channel_id: string; published: number }>(
      db,
      sql`
      SELECT ${announcements.channelId} AS channel_id,
        count(*) FILTER (WHERE ${announcements.publishedAt} IS NOT NULL)::int AS published
      FROM ${announcements} WHERE ${announcements.eventId} = ${eventId}
      GROUP BY ${announcements.channelId}`,
    ),
  ]);
  const byChannel = new Map(counts.map((r) => [r.channel_id, Number(r.published)]));
  const isDefault = new Map(defaults.map((d) => [d.id, d.isDefault]));
  return list.map((c) => ({
    ...c,
    isDefault: isDefault.get(c.id) ?? false,
    published: byChannel.get(c.id) ?? 0,
  }));
}

/**
 * Owners create channels. A new channel is not a default one: members already in the event
 * agreed to the channels that existed, so email from a new channel starts only for members
 * who turn it on in their settings. Its announcements still show in everyone's feed.
 */
export async function createChannel(
  staff: StaffContext,
  input: { slug: string; nameJa: string; nameEn: string },
) {
  if (staff.role !== 'owner') return { ok: false as const, reason: 'forbidden' as const };
  const [taken] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.eventId, staff.event.id), eq(channels.slug, input.slug)));
  if (taken) return { ok: false as const, reason: 'slug_taken' as const };
  const id = generateId();
  await db.transaction(async (tx) => {
    await tx.insert(channels).values({ id, eventId: staff.event.id, ...input, isDefault: false });
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'channel.create',
        target: id,
        detail: { slug: input.slug },
      },
      tx,
    );
  });
  return { ok: true as const, id };
}
