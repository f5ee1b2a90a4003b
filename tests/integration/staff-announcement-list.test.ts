/**
 * The staff announcement list pages instead of stopping at 200 (issue 12, decision 092):
 * newest first, by creation time and id, so the oldest announcement is reachable and an edit
 * made while someone pages through the list neither hides nor repeats an announcement.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { announcements } from '~db/schema';
import * as listRoute from '~/routes/staff.$slug.announcements._index';
import { db } from '~/modules/database/database.server';
import { ANNOUNCEMENT_PAGE_SIZE } from '~/modules/announcements/announcement-list.server';
import { addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import { callRoute, getRequest, jsonOf } from '../support/requests';

type ListPage = {
  items: { id: string; titleJa: string }[];
  hasNewer: boolean;
  hasOlder: boolean;
  newerThan: string | null;
  olderThan: string | null;
};

const TOTAL = 130;
let event: TestEvent;
let viewer: { cookie: string };
/** Every announcement of the event, newest first, as the database orders them. */
let expected: string[];

beforeAll(async () => {
  event = await seedEvent();
  viewer = await addStaff(event, 'viewer@office.example', 'viewer');
  // Three announcements share each creation time exactly, and neighbouring groups are one
  // microsecond apart (less than a JavaScript Date can tell apart): ties in time are broken
  // by id, and a cursor keeps PostgreSQL's microseconds.
  await db.execute(sql`
    INSERT INTO announcements (id, event_id, channel_id, title_ja, title_en, audience_mode, edited_by_role, created_at, updated_at)
    SELECT 'ann-' || md5(g::text), ${event.id}, ${event.channelIds.official}, 'お知らせ ' || g, 'Notice ' || g,
      'everyone_on_channel', 'owner',
      timestamptz '2027-01-01 00:00:00+00' + (g / 3) * interval '1 microsecond', now()
    FROM generate_series(1, ${TOTAL}) g`);
  const other = await seedEvent();
  await db.execute(sql`
    INSERT INTO announcements (id, event_id, channel_id, title_ja, audience_mode, edited_by_role)
    VALUES ('ann-elsewhere', ${other.id}, ${other.channelIds.official}, '他の大会', 'everyone_on_channel', 'owner')`);
  const rows = await db
    .select({ id: announcements.id })
    .from(announcements)
    .where(eq(announcements.eventId, event.id))
    .orderBy(sql`created_at DESC, id DESC`);
  expected = rows.map((r) => r.id);
});

async function list(query = '', lang = 'ja') {
  return callRoute(
    listRoute.loader,
    getRequest(`/staff/${event.slug}/announcements${query}`, {
      cookie: viewer.cookie,
      headers: { 'Accept-Language': lang },
    }),
    { slug: event.slug },
  );
}

async function pageOf(query = '') {
  const response = await list(query);
  expect(response.status).toBe(200);
  return jsonOf<ListPage>(response);
}

/** Follows "older" from the newest page, or "newer" from the oldest, to the end. */
async function walk(
  direction: 'older' | 'newer',
  beforeEachPage?: (page: number) => Promise<void>,
) {
  const seen: string[] = [];
  let current = await pageOf(direction === 'older' ? '' : '?oldest=1');
  for (let page = 0; page < 20; page += 1) {
    expect(current.items.length).toBeLessThanOrEqual(ANNOUNCEMENT_PAGE_SIZE);
    const ids = current.items.map((a) => a.id);
    if (direction === 'older') seen.push(...ids);
    else seen.unshift(...ids);
    const next = direction === 'older' ? current.olderThan : current.newerThan;
    if (next === null) return seen;
    await beforeEachPage?.(page);
    current = await pageOf(`?${direction}=${encodeURIComponent(next)}`);
  }
  throw new Error('the pages never ended');
}

describe('the staff announcement list', () => {
  it('reaches the oldest announcement, each one exactly once, newest first', async () => {
    expect(expected).toHaveLength(TOTAL);
    const first = await pageOf();
    expect(first.items).toHaveLength(ANNOUNCEMENT_PAGE_SIZE);
    expect(first).toMatchObject({ hasNewer: false, hasOlder: true, newerThan: null });
    const seen = await walk('older');
    expect(seen).toEqual(expected);
    expect(seen.at(-1)).toBe(expected[TOTAL - 1]);
    expect(seen).not.toContain('ann-elsewhere');
  });

  it('pages back from the oldest to the newest the same way', async () => {
    const oldest = await pageOf('?oldest=1');
    expect(oldest.items.at(-1)?.titleJa).toBe('お知らせ 1');
    expect(oldest).toMatchObject({ hasOlder: false, olderThan: null, hasNewer: true });
    expect(await walk('newer')).toEqual(expected);
  });

  it('keeps every announcement in its place when one is edited while someone pages', async () => {
    const seen = await walk('older', async (page) => {
      // Between pages, an announcement not yet shown is edited: in a list sorted by
      // "updated" it would jump to the first page and be missed.
      const target = expected[(page + 2) * ANNOUNCEMENT_PAGE_SIZE - 1] ?? expected[TOTAL - 1];
      await db
        .update(announcements)
        .set({ titleJa: '修正済み', updatedAt: new Date(), revision: sql`revision + 1` })
        .where(eq(announcements.id, target));
    });
    expect(seen).toEqual(expected);
  });

  it('answers a malformed page address with a localized 400', async () => {
    for (const [query, lang, text] of [
      ['?older=yesterday', 'ja', 'ページの指定が正しくありません'],
      ['?older=2027-02-30T00:00:00.000000Z~ann-1', 'en', 'This page address is not valid'],
      ['?older=2027-01-01T00:00:00.000000Z~a%20b', 'en', 'This page address is not valid'],
      [
        '?older=2027-01-01T00:00:00.000000Z~x&newer=2027-01-01T00:00:00.000000Z~x',
        'ja',
        'ページの指定が正しくありません',
      ],
      ['?oldest=yes', 'en', 'This page address is not valid'],
    ] as const) {
      const response = await list(query, lang);
      expect(response.status, query).toBe(400);
      expect((await jsonOf<{ formError: string }>(response)).formError).toContain(text);
    }
    // A well-formed position before every announcement is an empty page that links back.
    const beyond = await pageOf(`?older=${encodeURIComponent('2000-01-01T00:00:00.000000Z~x')}`);
    expect(beyond).toMatchObject({ items: [], hasNewer: true, hasOlder: false });
  });
});
