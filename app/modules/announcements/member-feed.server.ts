import { and, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import {
  announcements,
  audienceSnapshotMembers,
  channels,
  events,
  memberships,
  relayThreads,
  sessions,
  users,
} from '~db/schema';
import type { Locale } from '~/i18n/types';
import {
  readSessionWith,
  type FoundSession,
  type SessionUser,
} from '~/modules/auth/session.server';
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
function visibleTo(membershipId: string | PgColumn, eventId: string | PgColumn): SQL {
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

export interface FeedItem {
  id: string;
  title: string;
  channelName: string;
  publishedAt: string;
  excerpt: string;
}

export interface MemberFeed {
  items: FeedItem[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextBefore: string | null;
}

export interface EventHome {
  event: PublicEvent;
  /** The signed-in person's active membership of this event, if any, with their feed. */
  member:
    | (Pick<MemberContext, 'event' | 'membership'> & { hasNewAnswer: boolean; feed: MemberFeed })
    | null;
}

/** One feed row as the query's JSON carries it (see the feed column below). */
interface FeedRow {
  id: string;
  titleJa: string;
  titleEn: string;
  storedExcerptJa: string | null;
  storedExcerptEn: string | null;
  sourceJa: string | null;
  sourceEn: string | null;
  channelNameJa: string;
  channelNameEn: string;
  publishedAt: string;
  /** Where the page after this row starts (see feedCursor). */
  cursor: string;
}

/**
 * The page of the feed after the cursor, newest first, one more than shown (to know whether
 * there is a next page), as a JSON array: a column of the event-home query below, so the feed
 * costs no round trip of its own. Null without a membership (nothing is read then).
 */
const feedPage = sql<FeedRow[] | null>`CASE WHEN ${memberships.id} IS NULL THEN NULL ELSE (
  SELECT coalesce(json_agg(page.item ORDER BY page.published_at DESC, page.id DESC), '[]'::json)
  FROM (
    SELECT ${announcements.publishedAt} AS published_at, ${announcements.id} AS id,
      json_build_object(
        'id', ${announcements.id},
        'titleJa', ${excerptColumns.titleJa},
        'titleEn', ${excerptColumns.titleEn},
        'storedExcerptJa', ${excerptColumns.storedExcerptJa},
        'storedExcerptEn', ${excerptColumns.storedExcerptEn},
        'sourceJa', ${excerptColumns.sourceJa},
        'sourceEn', ${excerptColumns.sourceEn},
        'channelNameJa', ${channels.nameJa},
        'channelNameEn', ${channels.nameEn},
        'publishedAt', ${announcements.publishedAt},
        'cursor', floor(extract(epoch FROM ${announcements.publishedAt}) * 1000000)::bigint || '.' || ${announcements.id}
      ) AS item
    FROM ${announcements}
    JOIN ${channels} ON ${channels.id} = ${announcements.channelId}
    WHERE ${visibleTo(memberships.id, events.id)}
      AND (${announcements.publishedAt}, ${announcements.id})
        < (${sql.placeholder('before')}::timestamptz, ${sql.placeholder('beforeId')}::text)
    ORDER BY ${announcements.publishedAt} DESC, ${announcements.id} DESC
    LIMIT ${FEED_PAGE_SIZE + 1}
  ) AS page
) END`;

const eventHomeQuery = preparedQuery((db) =>
  db
    .select({
      event: publicEventColumns,
      // The request's session and its user, for the root's session lookup (readSessionWith).
      session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
      user: { id: users.id, email: users.email, locale: users.locale },
      membershipId: memberships.id,
      aliasNumber: memberships.aliasNumber,
      name: memberships.name,
      bib: memberships.bib,
      hasNewAnswer: sql<boolean>`EXISTS (SELECT 1 FROM ${relayThreads}
        WHERE ${relayThreads.membershipId} = ${memberships.id} AND ${relayThreads.unreadByMember})`,
      feed: feedPage,
    })
    .from(events)
    // A null session id (no session cookie) matches no session, so no user and no membership.
    .leftJoin(sessions, eq(sessions.id, sql.placeholder('sessionId')))
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.eventId, events.id),
        eq(memberships.userId, sessions.userId),
        eq(memberships.status, 'active'),
      ),
    )
    .where(eq(events.slug, sql.placeholder('slug')))
    .prepare('event_home_with_session'),
);

/**
 * The event page in one query (issue #12: six sequential queries per view were a third of
 * the feed's database time; the session lookup was the last one of its own): the public
 * event, the session `sessionId` names and its user, that user's *active* membership, whether
 * the organizers answered them (`relay_threads.unread_by_member`, as memberHasUnread), and for
 * a member the page of their feed after the cursor `before` (the newest page without it).
 * Null when there is no such event.
 *
 * The session is as stored, not yet validated (it may have expired): the page goes through
 * loadEventHome, which lets lucia's rules decide before anything personal is used.
 *
 * The feed is paged by a cursor (the last item seen: its publication time to the microsecond,
 * and its id) so new announcements arriving while reading do not shift pages, and two published
 * at the same moment (scheduled ones published by one claim share its `now()`) are never split
 * by a page boundary with one of them lost. Titles and excerpts come stored
 * (announcement-body.server.ts); only a row without a current rendering carries its Markdown
 * and is rendered here.
 */
export async function findEventHome(
  slug: string | undefined,
  sessionId: string | null,
  options: { locale: Locale; before?: string | null },
): Promise<(EventHome & { foundSession: FoundSession | null }) | null> {
  if (!slug) return null;
  const [row] = await eventHomeQuery().execute({
    slug,
    sessionId,
    ...readFeedCursor(options.before),
  });
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
          feed: readFeedPage(row.feed ?? [], options.locale),
        }
      : null;
  const foundSession = row.session && row.user ? { session: row.session, user: row.user } : null;
  return { event, member, foundSession };
}

/**
 * The event page for this request: the event, and the signed-in person with their membership
 * and feed, read in the same query as the request's session (readSessionWith), so the whole
 * page — the root's header included — costs one round trip. Null when there is no such event.
 */
export async function loadEventHome(
  request: Request,
  requestScope: object,
  slug: string | undefined,
  options: { locale: Locale; before?: string | null },
): Promise<(EventHome & { user: SessionUser | null }) | null> {
  const { row, session } = await readSessionWith(
    request,
    requestScope,
    async (sessionId) => (await findEventHome(slug, sessionId, options)) ?? undefined,
    (home) => home.foundSession,
  );
  if (!row) return null;
  // The membership was read with the session before lucia validated it: an expired or unknown
  // session sees the event as a visitor.
  return { event: row.event, member: session ? row.member : null, user: session?.user ?? null };
}

function readFeedPage(rows: FeedRow[], locale: Locale): MemberFeed {
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const items = page.map((r) => ({
    id: r.id,
    ...readExcerpt(r, locale),
    channelName: locale === 'ja' ? r.channelNameJa : r.channelNameEn,
    // JSON carries PostgreSQL's own format ("…+00:00"); the page gets ISO with Z as before.
    publishedAt: new Date(r.publishedAt).toISOString(),
  }));
  const last = page[page.length - 1];
  return { items, nextBefore: rows.length > FEED_PAGE_SIZE && last ? last.cursor : null };
}

/**
 * A feed cursor is `<microseconds since 1970>.<announcement id>` (ids are base64url, without
 * dots). An ISO time alone — the cursor of links made before — still means "published before
 * then". Anything else is the first page: everything published so far is before infinity.
 * The time goes to the query as text (a placeholder's value bypasses the column's Date
 * encoding; drizzle's postgres.js setup passes timestamps through as written), to the
 * microsecond: a JavaScript Date would cut it to the millisecond.
 */
function readFeedCursor(cursor: string | null | undefined): { before: string; beforeId: string } {
  const exact = cursor ? /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor) : null;
  if (exact) {
    const micros = Number(exact[1]);
    const iso = new Date(Math.floor(micros / 1000)).toISOString();
    const subMillis = String(micros % 1000).padStart(3, '0');
    return { before: iso.replace('Z', `${subMillis}Z`), beforeId: exact[2] };
  }
  const legacy = cursor ? new Date(cursor) : null;
  if (legacy && !Number.isNaN(legacy.getTime()) && /^\d{4}-\d\d-\d\dT/.test(cursor!)) {
    return { before: legacy.toISOString(), beforeId: '' };
  }
  return { before: 'infinity', beforeId: '' };
}

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
