/**
 * Opening the preview at race-week size (issue 12, decision 092): the audience is frozen by
 * one set-based statement and the sample is drawn without sorting the audience. What must not
 * change (SPEC P4): the count is exact, the sample names members of the frozen audience only
 * (a filtered one too), the same snapshot shows the same sample, and "send" commits exactly
 * the frozen set.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  audienceSnapshots,
  channelPreferences,
  deliveries,
  eventCategories,
  memberships,
  users,
} from '~db/schema';
import { snapshotHashSql } from '~/modules/announcements/audience-snapshot.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  freeze,
  previewOf,
  sendAsShown,
} from '../support/announcement-flow';

const MEMBERS = 400;
let event: TestEvent;
let owner: { cookie: string };
/** alias → { bib, category, membership id } for every member of the event. */
const people = new Map<number, { id: string; bib: number; category: string }>();

beforeAll(async () => {
  event = await seedEvent();
  owner = await addStaff(event, 'owner@preview.example', 'owner');
  // Random ids, as generateId makes them: the sample's probes rely on nothing else.
  const rows = Array.from({ length: MEMBERS }, (_, i) => ({
    id: generateId(),
    userId: generateId(),
    alias: 20_000 + i * 7,
    bib: 100 + i,
    category: i % 2 === 0 ? 'full' : 'half',
  }));
  await db
    .insert(users)
    .values(rows.map((r) => ({ id: r.userId, email: `runner-${r.alias}@preview.example` })));
  await db.insert(memberships).values(
    rows.map((r) => ({
      id: r.id,
      eventId: event.id,
      userId: r.userId,
      aliasNumber: r.alias,
      bib: String(r.bib),
      category: r.category,
    })),
  );
  for (const r of rows) people.set(r.alias, { id: r.id, bib: r.bib, category: r.category });
  // As the entrant import records them: a filter may only name the event's own categories.
  await db.insert(eventCategories).values([
    { eventId: event.id, name: 'full' },
    { eventId: event.id, name: 'half' },
  ]);
  // Members of another event, with the same bibs and categories: never in this audience.
  const other = await seedEvent();
  const strangers = Array.from({ length: 50 }, (_, i) => ({ id: generateId(), i }));
  await db
    .insert(users)
    .values(strangers.map((s) => ({ id: s.id, email: `stranger-${s.i}@preview.example` })));
  await db.insert(memberships).values(
    strangers.map((s) => ({
      id: generateId(),
      eventId: other.id,
      userId: s.id,
      aliasNumber: 20_000 + s.i * 7,
      bib: String(100 + s.i * 4),
      category: 'full',
    })),
  );
});

async function openPreview(fields: Record<string, string>) {
  const id = await createDraft(
    owner.cookie,
    event.slug,
    draftFields(event.channelIds.official, fields),
  );
  const snapshotId = await freeze(owner.cookie, event.slug, id);
  return { id, snapshotId, preview: await previewOf(owner.cookie, event.slug, id, snapshotId) };
}

async function frozenAliases(snapshotId: string) {
  const rows = await db.execute(sql`
    SELECT m.alias_number FROM audience_snapshot_members sm JOIN memberships m ON m.id = sm.membership_id
    WHERE sm.snapshot_id = ${snapshotId}`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    alias_number: number;
  }[];
  return new Set(list.map((r) => Number(r.alias_number)));
}

const filtered = {
  audienceMode: 'filter',
  bibFrom: '150',
  bibTo: '229',
  category: 'full',
};
// Bibs 150–229 are members 50–129; half of them run the full marathon.
const inFilter = (p: { bib: number; category: string }) =>
  p.bib >= 150 && p.bib <= 229 && p.category === 'full';

describe('the preview of a large audience', () => {
  it('counts everyone exactly and samples eight of them', async () => {
    const { snapshotId, preview } = await openPreview({ audienceMode: 'everyone_on_channel' });
    expect(preview.snapshot.count).toBe(MEMBERS);
    expect(preview.sample).toHaveLength(8);
    expect(new Set(preview.sample).size).toBe(8);
    const frozen = await frozenAliases(snapshotId);
    expect(frozen.size).toBe(MEMBERS);
    for (const alias of preview.sample) expect(frozen.has(alias)).toBe(true);
  });

  it('samples a filtered audience from inside it only, for every snapshot', async () => {
    const audience = [...people].filter(([, p]) => inFilter(p)).map(([alias]) => alias);
    expect(audience).toHaveLength(40);
    const samples: number[][] = [];
    for (let i = 0; i < 6; i += 1) {
      const { snapshotId, preview } = await openPreview(filtered);
      expect(preview.snapshot.count).toBe(40);
      expect(preview.sample).toHaveLength(8);
      expect(new Set(preview.sample).size).toBe(8);
      for (const alias of preview.sample) {
        expect(audience, `alias ${alias} is outside the filter`).toContain(alias);
      }
      expect(await frozenAliases(snapshotId)).toEqual(new Set(audience));
      samples.push(preview.sample);
    }
    // Different snapshots draw different samples (the probes depend on the snapshot id).
    expect(new Set(samples.map((s) => [...s].sort().join())).size).toBeGreaterThan(1);
  });

  it('shows the whole audience when it is smaller than a sample, and one when it is one', async () => {
    const three = await openPreview({ audienceMode: 'filter', bibFrom: '100', bibTo: '102' });
    expect(three.preview.snapshot.count).toBe(3);
    expect([...three.preview.sample].sort()).toEqual([20_000, 20_007, 20_014]);
    const one = await openPreview({ audienceMode: 'filter', bibFrom: '105', bibTo: '105' });
    expect(one.preview.sample).toEqual([20_035]);
    const none = await openPreview({ audienceMode: 'filter', bibFrom: '9000', bibTo: '9001' });
    expect(none.preview.snapshot.count).toBe(0);
    expect(none.preview.sample).toEqual([]);
  });

  it('shows the same sample each time the same snapshot is opened', async () => {
    const { id, snapshotId, preview } = await openPreview(filtered);
    const again = await previewOf(owner.cookie, event.slug, id, snapshotId);
    expect(again.sample).toEqual(preview.sample);
  });

  it('counts who gets the email: not those who turned the channel off or left since', async () => {
    const { id, snapshotId, preview } = await openPreview(filtered);
    expect(preview.emailCount).toBe(40);
    const audience = [...people.values()].filter(inFilter);
    await db.insert(channelPreferences).values(
      audience.slice(0, 3).map((p) => ({
        membershipId: p.id,
        channelId: event.channelIds.official,
        emailEnabled: false,
      })),
    );
    // Turning another channel off, or this one explicitly on, changes nothing here.
    await db.insert(channelPreferences).values([
      { membershipId: audience[3].id, channelId: event.channelIds.official, emailEnabled: true },
      { membershipId: audience[4].id, channelId: event.channelIds.course, emailEnabled: false },
    ]);
    await db
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(eq(memberships.id, audience[5].id));
    const after = await previewOf(owner.cookie, event.slug, id, snapshotId);
    expect(after.snapshot.count).toBe(40);
    expect(after.emailCount).toBe(36);
    await db
      .update(memberships)
      .set({ status: 'active', leftAt: null })
      .where(eq(memberships.id, audience[5].id));
    await db.delete(channelPreferences).where(
      and(
        eq(channelPreferences.channelId, event.channelIds.official),
        sql`${channelPreferences.membershipId} IN (${sql.join(
          audience.slice(0, 4).map((p) => sql`${p.id}`),
          sql`, `,
        )})`,
      ),
    );
  });

  it('freezes the hash "send" recomputes, and sends exactly the frozen members', async () => {
    const { id, snapshotId, preview } = await openPreview(filtered);
    const [row] = await db
      .select({ stored: audienceSnapshots.recipientHash, now: snapshotHashSql(snapshotId) })
      .from(audienceSnapshots)
      .where(eq(audienceSnapshots.id, snapshotId));
    expect(row.stored).toMatch(/^[0-9a-f]{64}$/);
    expect(row.stored).toBe(row.now);
    const sent = await sendAsShown(owner.cookie, event.slug, id, snapshotId);
    expect(sent.status).toBe(302);
    const recipients = await db
      .select({ membershipId: deliveries.membershipId })
      .from(deliveries)
      .where(eq(deliveries.announcementId, id));
    expect(recipients).toHaveLength(preview.snapshot.count);
    const expected = [...people.values()].filter(inFilter).map((p) => p.id);
    expect(recipients.map((r) => r.membershipId).sort()).toEqual(expected.sort());
    const [{ n }] = await db
      .select({ n: count() })
      .from(deliveries)
      .where(eq(deliveries.announcementId, id));
    expect(n).toBe(40);
  });
});
