/**
 * SPEC P3, the marathon incident: members could post to what should have been one-way
 * notices. This walks the whole route manifest — every app/routes/*.tsx, including routes
 * added after this test was written — and POSTs to every action with an active member's
 * session, with every plausible field and intent. No action may create or change channel
 * content: a 4xx, or nothing changed in channels, announcements, snapshots or deliveries.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '~/modules/database/database.server';
import { addMember, addStaff, seedEvent } from '../support/announcement-fixtures';
import { createDraft, draftFields, freeze } from '../support/announcement-flow';
import { callRoute, formRequest } from '../support/requests';

type RouteModule = { action?: (args: never) => unknown };
const routeModules = import.meta.glob<RouteModule>('../../app/routes/*.tsx');

const INTENTS = [
  'send',
  'post',
  'create',
  'publish',
  'approve',
  'approve_broadcast',
  'preview',
  'reply',
  'save',
  '',
];

async function channelContentState() {
  const result = await db.execute(sql`
    SELECT
      (SELECT count(*) FROM channels)::int AS channels,
      (SELECT count(*) FROM announcements)::int AS announcements,
      (SELECT coalesce(max(revision), 0) FROM announcements)::int AS revisions,
      (SELECT count(*) FROM announcements WHERE published_at IS NOT NULL)::int AS published,
      (SELECT count(*) FROM announcements WHERE approved_by IS NOT NULL)::int AS approved,
      (SELECT count(*) FROM audience_snapshots)::int AS snapshots,
      (SELECT count(*) FROM deliveries)::int AS deliveries`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows[0];
}

/** Fills a route's dynamic segments ($slug, $announcementId, …) from its file name. */
function paramsFor(file: string, known: Record<string, string>) {
  const params: Record<string, string> = {};
  for (const match of file.matchAll(/\$(\w+)/g)) params[match[1]] = known[match[1]] ?? 'x';
  return params;
}

function urlFor(file: string, params: Record<string, string>) {
  const name = file
    .split('/')
    .pop()!
    .replace(/\.tsx$/, '');
  const path = name
    .split('.')
    .filter((part) => part !== '_index')
    .map((part) =>
      part.startsWith('$') ? params[part.slice(1)] : part.replace(/\[|\]/g, '').replace(/_$/, ''),
    )
    .join('/');
  return `/${path}`;
}

describe('no route lets a member create channel content', () => {
  it('answers every action in the route manifest with a 4xx or no change to channel content', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-m1@office.example', 'owner');
    const member = await addMember(event, { email: 'member-m1@runner.example', bib: '7' });
    const announcementId = await createDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official),
    );
    const snapshotId = await freeze(owner.cookie, event.slug, announcementId);
    const known = {
      slug: event.slug,
      announcementId,
      snapshotId,
      token: 'x'.repeat(43),
      channelId: event.channelIds.official,
    };
    const fields = {
      ...draftFields(event.channelIds.official),
      title: 'member post',
      body: 'posted by a member',
      message: 'posted by a member',
      snapshotId,
      expectedCount: '1',
      expectedChannelId: event.channelIds.official,
      revision: '1',
      slug: 'member-channel',
      nameJa: 'メンバーの部屋',
      nameEn: 'Members room',
    };

    const files = Object.keys(routeModules).sort();
    expect(files.length).toBeGreaterThan(10);
    const withActions: string[] = [];
    for (const file of files) {
      const mod = await routeModules[file]();
      if (typeof mod.action !== 'function') continue;
      withActions.push(file);
      const params = paramsFor(file, known);
      for (const intent of INTENTS) {
        const before = await channelContentState();
        let status: number | 'threw';
        try {
          const response = await callRoute(
            mod.action as never,
            formRequest(urlFor(file, params), { ...fields, intent }, { cookie: member.cookie }),
            params,
          );
          status = response.status;
        } catch {
          status = 'threw';
        }
        const after = await channelContentState();
        const refused = typeof status === 'number' && status >= 400 && status < 500;
        expect(
          refused || JSON.stringify(after) === JSON.stringify(before),
          `${file} (intent=${intent}) answered ${status} and changed channel content`,
        ).toBe(true);
      }
    }
    // The announcement routes themselves are among those checked.
    expect(withActions.some((f) => f.includes('staff.$slug.announcements.new'))).toBe(true);
    expect(withActions.some((f) => f.includes('preview.$snapshotId'))).toBe(true);
    // And members have no announcement route with an action at all.
    expect(withActions.filter((f) => /\/e\.\$slug\.a\./.test(f))).toEqual([]);
  });
});
