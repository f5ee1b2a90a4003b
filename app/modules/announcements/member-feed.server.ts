import { and, desc, eq, isNotNull, lt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  announcements,
  audienceSnapshotMembers,
  channels,
  events,
  memberships,
  relayThreads,
} from '~db/schema';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { preparedQuery } from '~/modules/database/prepared-query.server';
import { publicEventColumns, type PublicEvent } from '~/modules/invitations/invitation-link.server';
import type { MemberContext } from '~/modules/membership/member-access.server';
import { bodyColumns, excerptColumns, readBody, readExcerpt } from './announcement-body.server';

export const FEED_PAGE_SIZE = 10;

/**
 * Which published announcements a member may read: those sent to everyone on a channel (every
 * member is on every channel of their event; email settings do not hide the feed), and
 * filtered ones only if the member was in the frozen audience — a message meant for one
 * runner is never shown to the others (GooPass 2020).
 */
function visibleTo(membershipId: string | Placeholder, eventId: string | Placeholder): SQL {
  const sm = alias(audienceSnapshotMembers, 'sm');
  return and(
    eq(announcements.eventId, eventId),
    isNotNull(announcements.publishedAt),
    or(
      eq(announcements.audienceMode, 'everyone_on_channel'),
      sql`EXISTS (SELECT 1 FROM ${audienceSnapshotMembers} AS ${sm}
        WHERE ${sm.snapshotId} = ${announcements.sentSnapshotId} AND ${sm.membershipId} = ${membershipId})`,
    ),
  )!;
}

export interface EventHome {
  event: PublicEvent;
  /** The signed-in person's active membership of this event, if any. */
  member: (Pick<MemberContext, 'event' | 'membership'> & { hasNewAnswer: boolean }) | null;
}

const eventHomeQuery = preparedQuery((db) =>
  db
    .select({
      event: publicEventColumns,
      membershipId: memberships.id,
      aliasNumber: memberships.aliasNumber,
      name: memberships.name,
      bib: memberships.bib,
      hasNewAnswer: sql<boolean>`EXISTS (SELECT 1 FROM ${relayThreads}
        WHERE ${relayThreads.membershipId} = ${memberships.id} AND ${relayThreads.unreadByMember})`,
    })
    .from(events)
    .leftJoin(
      memberships,
      // A null user (signed out) matches no membership.
      and(
        eq(memberships.eventId, events.id),
        eq(memberships.userId, sql.placeholder('userId')),
        eq(memberships.status, 'active'),
      ),
    )
    .where(eq(events.slug, sql.placeholder('slug')))
    .prepare('event_home'),
);

/**
 * The event page's facts in one query (issue #12: six sequential queries per view were a
 * third of the feed's database time): the public event, the person's *active* membership, and
 * whether the organizers answered them (`relay_threads.unread_by_member`, as memberHasUnread).
 * Null when there is no such event.
 */
export async function findEventHome(
  slug: string | undefined,
  userId: string | null,
): Promise<EventHome | null> {
  if (!slug) return null;
  const [row] = await eventHomeQuery().execute({ slug, userId });
  if (!row) return null;
  const { event } = row;
  const member =
    row.membershipId !== null && row.aliasNumber !== null && row.name !== null
      ? {
          event: { id: event.id, slug: event.slug, nameJa: event.nameJa, nameEn: event.nameEn },
          membership: {
            id: row.membershipId,
            aliasNumber: row.aliasNumber,
            name: row.name,
            bib: row.bib,
          },
          hasNewAnswer: Boolean(row.hasNewAnswer),
        }
      : null;
  return { event, member };
}

export interface FeedItem {
  id: string;
  title: string;
  channelName: string;
  publishedAt: string;
  excerpt: string;
}

const memberFeedQuery = preparedQuery((db) =>
  db
    .select({
      id: announcements.id,
      ...excerptColumns,
      channelNameJa: channels.nameJa,
      channelNameEn: channels.nameEn,
      publishedAt: announcements.publishedAt,
    })
    .from(announcements)
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(
      and(
        visibleTo(sql.placeholder('membershipId'), sql.placeholder('eventId')),
        lt(announcements.publishedAt, sql.placeholder('before')),
      ),
    )
    .orderBy(desc(announcements.publishedAt), desc(announcements.id))
    .limit(FEED_PAGE_SIZE + 1)
    .prepare('member_feed'),
);

/**
 * The member's feed, newest first. Paged by a cursor (the publishedAt of the last item seen)
 * so new announcements arriving while reading do not shift pages. Titles and excerpts come
 * stored (announcement-body.server.ts); only a row without a current rendering carries its
 * Markdown and is rendered here.
 */
export async function loadMemberFeed(
  member: Pick<MemberContext, 'event' | 'membership'>,
  locale: Locale,
  options: { before?: string | null } = {},
) {
  const before = options.before ? new Date(options.before) : null;
  const rows = await memberFeedQuery().execute({
    membershipId: member.membership.id,
    eventId: member.event.id,
    // As text: a placeholder's value bypasses the column's Date encoding, and drizzle's
    // postgres.js setup passes timestamps through as written. The first page: everything
    // published so far is "before" infinity.
    before: before && !Number.isNaN(before.getTime()) ? before.toISOString() : 'infinity',
  });
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const items: FeedItem[] = page.map((r) => ({
    id: r.id,
    ...readExcerpt(r, locale),
    channelName: locale === 'ja' ? r.channelNameJa : r.channelNameEn,
    publishedAt: r.publishedAt!.toISOString(),
  }));
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
      ...bodyColumns,
      channelName: locale === 'ja' ? channels.nameJa : channels.nameEn,
      publishedAt: announcements.publishedAt,
    })
    .from(announcements)
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(
      and(eq(announcements.id, announcementId), visibleTo(member.membership.id, member.event.id)),
    );
  if (!row) return null;
  return {
    id: row.id,
    ...readBody(row, locale),
    channelName: row.channelName,
    publishedAt: row.publishedAt!.toISOString(),
  };
}
