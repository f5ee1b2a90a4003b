import { and, desc, eq, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { announcements, channels } from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import type { MemberContext } from '~/modules/membership/member-access.server';
import { contentFor } from './announcement-email.server';

export const FEED_PAGE_SIZE = 10;

/**
 * Which published announcements a member may read: those sent to everyone on a channel (every
 * member is on every channel of their event; email settings do not hide the feed), and
 * filtered ones only if the member was in the frozen audience — a message meant for one
 * runner is never shown to the others (GooPass 2020).
 */
function visibleTo(membershipId: string, eventId: string): SQL {
  return and(
    eq(announcements.eventId, eventId),
    isNotNull(announcements.publishedAt),
    or(
      eq(announcements.audienceMode, 'everyone_on_channel'),
      sql`EXISTS (SELECT 1 FROM audience_snapshot_members sm
        WHERE sm.snapshot_id = ${announcements.sentSnapshotId} AND sm.membership_id = ${membershipId})`,
    ),
  )!;
}

export interface FeedItem {
  id: string;
  title: string;
  channelName: string;
  publishedAt: string;
  excerpt: string;
}

/**
 * The member's feed, newest first. Paged by a cursor (the publishedAt of the last item seen)
 * so new announcements arriving while reading do not shift pages.
 */
export async function loadMemberFeed(
  member: Pick<MemberContext, 'event' | 'membership'>,
  locale: Locale,
  options: { before?: string | null } = {},
) {
  const before = options.before ? new Date(options.before) : null;
  const rows = await db
    .select({
      id: announcements.id,
      titleJa: announcements.titleJa,
      bodyJa: announcements.bodyJa,
      titleEn: announcements.titleEn,
      bodyEn: announcements.bodyEn,
      channelNameJa: channels.nameJa,
      channelNameEn: channels.nameEn,
      publishedAt: announcements.publishedAt,
    })
    .from(announcements)
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(
      and(
        visibleTo(member.membership.id, member.event.id),
        before && !Number.isNaN(before.getTime())
          ? lt(announcements.publishedAt, before)
          : undefined,
      ),
    )
    .orderBy(desc(announcements.publishedAt), desc(announcements.id))
    .limit(FEED_PAGE_SIZE + 1);
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const items: FeedItem[] = page.map((r) => {
    const { title, bodyHtml } = contentFor(r, locale);
    return {
      id: r.id,
      title,
      channelName: locale === 'ja' ? r.channelNameJa : r.channelNameEn,
      publishedAt: r.publishedAt!.toISOString(),
      excerpt: excerptOf(bodyHtml),
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextBefore:
      rows.length > FEED_PAGE_SIZE && last?.publishedAt ? last.publishedAt.toISOString() : null,
  };
}

export type MemberFeed = Awaited<ReturnType<typeof loadMemberFeed>>;

/** One announcement for the member's own page, or null (→ 404) when they may not read it. */
export async function getMemberAnnouncement(
  member: Pick<MemberContext, 'event' | 'membership'>,
  announcementId: string,
  locale: Locale,
) {
  const [row] = await db
    .select({
      id: announcements.id,
      titleJa: announcements.titleJa,
      bodyJa: announcements.bodyJa,
      titleEn: announcements.titleEn,
      bodyEn: announcements.bodyEn,
      channelNameJa: channels.nameJa,
      channelNameEn: channels.nameEn,
      publishedAt: announcements.publishedAt,
    })
    .from(announcements)
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(
      and(eq(announcements.id, announcementId), visibleTo(member.membership.id, member.event.id)),
    );
  if (!row) return null;
  const { title, bodyHtml } = contentFor(row, locale);
  return {
    id: row.id,
    title,
    bodyHtml,
    channelName: locale === 'ja' ? row.channelNameJa : row.channelNameEn,
    publishedAt: row.publishedAt!.toISOString(),
  };
}

function excerptOf(html: string) {
  const text = html
    .replace(/<\/?(strong|em|del|code|a|span)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}
