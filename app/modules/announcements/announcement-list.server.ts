import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { announcements, channels } from '~db/schema';
import { db } from '~/modules/database/database.server';

/**
 * The staff's list of an event's announcements, newest first, a page at a time (decision
 * 092). It pages by creation time and id, which never change: an announcement edited while
 * someone pages through the list keeps its place, so every one of them — the oldest included —
 * is reached exactly once. (Sorting by "last updated" would move an edited one to the top,
 * and a reader on page 3 would never see it.)
 */

export const ANNOUNCEMENT_PAGE_SIZE = 50;

/** An announcement's place in the list: its creation time to the microsecond, and its id. */
export interface ListPosition {
  at: string;
  id: string;
}

/** Where a page starts: older or newer than a position, or the page of the oldest. */
export type AnnouncementCursor = { older: ListPosition } | { newer: ListPosition } | 'oldest';

// A position as it travels in a URL: "2027-03-01T09:00:00.123456Z~<id>".
const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~([A-Za-z0-9_-]{1,64})$/;

export function positionToParam(position: ListPosition): string {
  return `${position.at}~${position.id}`;
}

function positionFromParam(value: string): ListPosition | null {
  const match = POSITION.exec(value);
  if (!match) return null;
  // PostgreSQL refuses 30 February; so does this check, before the value reaches it.
  const millis = Date.parse(match[1]);
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 19) !== match[1].slice(0, 19))
    return null;
  return { at: match[1], id: match[2] };
}

/** The page a URL asks for: null for the newest, 'invalid' for anything malformed (a 400). */
export function announcementCursorFromUrl(
  params: URLSearchParams,
): AnnouncementCursor | null | 'invalid' {
  const older = params.get('older');
  const newer = params.get('newer');
  const oldest = params.get('oldest');
  const given = [older, newer, oldest].filter((value) => value !== null);
  if (given.length === 0) return null;
  if (given.length > 1) return 'invalid';
  if (oldest !== null) return oldest === '1' ? 'oldest' : 'invalid';
  const position = positionFromParam(older ?? newer ?? '');
  if (!position) return 'invalid';
  return older !== null ? { older: position } : { newer: position };
}

// The creation time as PostgreSQL stores it (microseconds), which a JavaScript Date would
// round to milliseconds and so skip or repeat announcements created in the same millisecond.
const createdAtText = sql<string>`to_char(${announcements.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function placeOf(position: ListPosition, side: 'older' | 'newer'): SQL {
  const row = sql`(${announcements.createdAt}, ${announcements.id})`;
  const at = sql`(${position.at}::timestamptz, ${position.id}::text)`;
  return side === 'older' ? sql`${row} < ${at}` : sql`${row} > ${at}`;
}

export async function listAnnouncementsPage(eventId: string, cursor: AnnouncementCursor | null) {
  // Newer pages and the oldest page are read oldest-first, then turned around.
  const backwards = cursor === 'oldest' || (cursor !== null && 'newer' in cursor);
  const from =
    cursor === null || cursor === 'oldest'
      ? undefined
      : 'older' in cursor
        ? placeOf(cursor.older, 'older')
        : placeOf(cursor.newer, 'newer');
  const behind =
    cursor === null || cursor === 'oldest'
      ? undefined
      : 'older' in cursor
        ? sql`NOT ${placeOf(cursor.older, 'older')}`
        : sql`NOT ${placeOf(cursor.newer, 'newer')}`;
  const inEvent = eq(announcements.eventId, eventId);
  const order = backwards
    ? [asc(announcements.createdAt), asc(announcements.id)]
    : [desc(announcements.createdAt), desc(announcements.id)];
  const [rows, cameFrom] = await Promise.all([
    db
      .select({
        id: announcements.id,
        titleJa: announcements.titleJa,
        titleEn: announcements.titleEn,
        channelNameJa: channels.nameJa,
        channelNameEn: channels.nameEn,
        status: announcements.status,
        revision: announcements.revision,
        editedByRole: announcements.editedByRole,
        approvedRevision: announcements.approvedRevision,
        createdAt: createdAtText,
        updatedAt: announcements.updatedAt,
      })
      .from(announcements)
      .innerJoin(channels, eq(channels.id, announcements.channelId))
      .where(and(inEvent, from))
      .orderBy(...order)
      .limit(ANNOUNCEMENT_PAGE_SIZE + 1),
    behind
      ? db
          .select({ one: sql`1` })
          .from(announcements)
          .where(and(inEvent, behind))
          .limit(1)
      : Promise.resolve([]),
  ]);
  const goesOn = rows.length > ANNOUNCEMENT_PAGE_SIZE;
  const page = rows.slice(0, ANNOUNCEMENT_PAGE_SIZE);
  if (backwards) page.reverse();
  // The way the page was read goes on if there was one more row; the way back has rows if
  // any announcement lies on the cursor's other side.
  const hasNewer = backwards ? goesOn : cameFrom.length > 0;
  const hasOlder = backwards ? cameFrom.length > 0 : goesOn;
  const newest = page[0];
  const oldest = page[page.length - 1];
  return {
    items: page,
    /** Whether there are newer / older announcements than this page's (the first / last links). */
    hasNewer,
    hasOlder,
    /** `?newer=` and `?older=` values for the neighbouring pages (null on an empty page). */
    newerThan: hasNewer && newest ? positionToParam({ at: newest.createdAt, id: newest.id }) : null,
    olderThan: hasOlder && oldest ? positionToParam({ at: oldest.createdAt, id: oldest.id }) : null,
  };
}
