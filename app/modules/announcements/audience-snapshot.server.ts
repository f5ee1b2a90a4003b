import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  audienceSnapshotMembers,
  audienceSnapshots,
  channelPreferences,
  channels,
  memberships,
  type AudienceFilter,
  type AudienceMode,
} from '~db/schema';
import { env } from '~/env.server';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName, columnNames } from '~/modules/database/sql-names.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { generateId } from '~/modules/security/tokens.server';
import { canApproveBroadcast, canPreview } from './announcement-policy';
import { audienceCriteria } from './audience-filter';
import { getAnnouncement } from './drafts.server';

/** How long a frozen audience may be sent; after that the preview must be opened again. */
export const SNAPSHOT_TTL_MINUTES = 15;
const SAMPLE_SIZE = 8;

/**
 * The members an audience definition selects, as SQL (the server alone resolves audiences).
 * Fails closed: a "filter" with no criterion selects nobody, never everyone. Every member is
 * on every channel of their event (email per channel is a delivery-time choice), so the
 * channel does not narrow the audience; the feed shows the announcement to exactly these.
 */
export function audienceMembersSql(
  eventId: string,
  mode: AudienceMode,
  filter: AudienceFilter,
): SQL {
  const m = alias(memberships, 'm');
  const base = sql`SELECT ${m.id} AS id FROM ${memberships} AS ${m} WHERE ${m.eventId} = ${eventId} AND ${m.status} = 'active'`;
  if (mode === 'everyone_on_channel') return base;
  const { bibFrom, bibTo, categories } = audienceCriteria(filter);
  const clauses: SQL[] = [];
  if (bibFrom != null || bibTo != null) {
    clauses.push(sql`${m.bib} ~ '^[0-9]{1,9}$'`);
    if (bibFrom != null) clauses.push(sql`${m.bib}::int >= ${bibFrom}`);
    if (bibTo != null) clauses.push(sql`${m.bib}::int <= ${bibTo}`);
  }
  // Several categories are alternatives (full OR half); a bib range narrows them further.
  if (categories.length > 0)
    clauses.push(
      sql`${m.category} IN (${sql.join(
        categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  if (clauses.length === 0) return sql`${base} AND false`;
  return sql`${base} AND ${sql.join(clauses, sql` AND `)}`;
}

/**
 * How many members an audience definition selects right now: the draft form's live count.
 * A count over the very SQL that the preview freezes, so the two cannot disagree about who
 * is in; the preview's snapshot is still the only list that is ever sent (SPEC P4).
 */
export async function countAudience(
  eventId: string,
  mode: AudienceMode,
  filter: AudienceFilter,
): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (${audienceMembersSql(eventId, mode, filter)}) audience`,
  );
  return Number(row?.n ?? 0);
}

/** sha256 of the snapshot's sorted membership ids, computed by the database. */
export function snapshotHashSql(snapshotId: string): SQL {
  const sm = alias(audienceSnapshotMembers, 'sm');
  return sql`(SELECT encode(sha256(convert_to(coalesce(string_agg(${sm.membershipId}, ',' ORDER BY ${sm.membershipId} COLLATE "C"), ''), 'UTF8')), 'hex')
    FROM ${audienceSnapshotMembers} AS ${sm} WHERE ${sm.snapshotId} = ${snapshotId})`;
}

export type FreezeResult =
  | { ok: true; snapshotId: string; count: number }
  | { ok: false; reason: 'forbidden' | 'not_found' | 'not_draft' };

/** Opening the preview (a POST) freezes the draft's audience as it is right now. */
export async function freezeAudience(
  staff: StaffContext,
  announcementId: string,
): Promise<FreezeResult> {
  const a = await getAnnouncement(staff.event.id, announcementId);
  if (!a) return { ok: false, reason: 'not_found' };
  if (!canPreview(staff.role, a))
    return { ok: false, reason: a.status === 'draft' ? 'forbidden' : 'not_draft' };
  const snapshotId = generateId();
  const count = await db.transaction(async (tx) => {
    await tx.insert(audienceSnapshots).values({
      id: snapshotId,
      announcementId: a.id,
      eventId: a.eventId,
      channelId: a.channelId,
      revision: a.revision,
      audienceMode: a.audienceMode,
      audienceFilter: a.audienceFilter,
      recipientCount: 0,
      recipientHash: '',
      createdBy: staff.user.id,
      expiresAt: new Date(Date.now() + SNAPSHOT_TTL_MINUTES * 60_000),
    });
    // One statement reads the audience once: its rows are inserted in id order (appended to
    // the snapshot's index instead of scattered through it), and the count and the hash are
    // taken from that same read rather than from the 50,000 rows just written. The hash is
    // snapshotHashSql's, over the same ids, so "send" recomputes exactly this value.
    const [row] = await selectRows<{ recipient_count: number }>(
      tx,
      sql`
        WITH audience AS MATERIALIZED (
          SELECT audience.id FROM (${audienceMembersSql(a.eventId, a.audienceMode, a.audienceFilter)}) audience
          ORDER BY audience.id COLLATE "C"
        ),
        frozen AS (
          INSERT INTO ${audienceSnapshotMembers} (${columnNames(audienceSnapshotMembers.snapshotId, audienceSnapshotMembers.membershipId)})
          SELECT ${snapshotId}, id FROM audience
        )
        UPDATE ${audienceSnapshots} SET
          ${columnName(audienceSnapshots.recipientCount)} = (SELECT count(*)::int FROM audience),
          ${columnName(audienceSnapshots.recipientHash)} = (SELECT encode(sha256(convert_to(coalesce(string_agg(id, ',' ORDER BY id COLLATE "C"), ''), 'UTF8')), 'hex') FROM audience)
        WHERE ${audienceSnapshots.id} = ${snapshotId}
        RETURNING ${audienceSnapshots.recipientCount} AS recipient_count`,
    );
    return Number(row.recipient_count);
  });
  return { ok: true, snapshotId, count };
}

export async function getSnapshot(announcementId: string, snapshotId: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(audienceSnapshots)
    .where(
      and(
        eq(audienceSnapshots.id, snapshotId),
        eq(audienceSnapshots.announcementId, announcementId),
      ),
    );
  return row ?? null;
}

export type Snapshot = NonNullable<Awaited<ReturnType<typeof getSnapshot>>>;

export function snapshotExpired(snapshot: Pick<Snapshot, 'expiresAt'>, now = new Date()) {
  return snapshot.expiresAt.getTime() <= now.getTime();
}

/**
 * What the preview shows besides the email: a sample of aliases (never addresses) and how
 * many of the audience currently receive email on this channel (the rest see it in the app).
 *
 * The sample is read from the snapshot's own rows, so it can only name members of the frozen
 * audience (SPEC P4), and it stays the same for one snapshot when the page is reloaded. It
 * does not sort the audience: eight probe ids derived from the snapshot id each read the next
 * few ids along the snapshot's primary-key index (membership ids are random, so neighbours
 * in id order are a random draw), the first few ids are added in case every probe falls past
 * the last id, and a hash keyed by the snapshot picks the sample from those few dozen.
 */
export async function snapshotSample(snapshot: Snapshot) {
  const sm = alias(audienceSnapshotMembers, 'sm');
  const m = alias(memberships, 'm');
  const c = alias(channels, 'c');
  const cp = alias(channelPreferences, 'cp');
  const sample = (
    await selectRows<{ alias_number: number }>(
      db,
      sql`
      WITH probes AS (
        SELECT translate(encode(sha256(convert_to(${snapshot.id} || ':' || i, 'UTF8')), 'base64'), '+/', '-_') AS probe
        FROM generate_series(1, ${SAMPLE_SIZE}::int) i
      ),
      candidates AS (
        SELECT near.membership_id FROM probes CROSS JOIN LATERAL (
          SELECT ${sm.membershipId} FROM ${audienceSnapshotMembers} AS ${sm}
          WHERE ${sm.snapshotId} = ${snapshot.id} AND ${sm.membershipId} >= probes.probe
          ORDER BY ${sm.membershipId} LIMIT ${SAMPLE_SIZE}
        ) near
        UNION
        SELECT first.membership_id FROM (
          SELECT ${sm.membershipId} FROM ${audienceSnapshotMembers} AS ${sm}
          WHERE ${sm.snapshotId} = ${snapshot.id}
          ORDER BY ${sm.membershipId} LIMIT ${SAMPLE_SIZE}
        ) first
      )
      SELECT ${m.aliasNumber} FROM candidates JOIN ${memberships} AS ${m} ON ${m.id} = candidates.membership_id
      ORDER BY md5(candidates.membership_id || ${snapshot.id})
      LIMIT ${SAMPLE_SIZE}`,
    )
  ).map((r) => Number(r.alias_number));
  // Written as a set difference (the snapshot minus the event's members who get no email on
  // this channel) so that PostgreSQL hashes both sides: a snapshot written a moment ago has no
  // statistics yet, and a join would be planned as 50,000 single-row index probes.
  const [emailing] = await selectRows<{ n: number }>(
    db,
    sql`
      SELECT count(*)::int AS n FROM (
        SELECT ${sm.membershipId} FROM ${audienceSnapshotMembers} AS ${sm}
        WHERE ${sm.snapshotId} = ${snapshot.id}
        EXCEPT ALL
        SELECT ${m.id} FROM ${memberships} AS ${m}
        JOIN ${channels} AS ${c} ON ${c.id} = ${snapshot.channelId}
        LEFT JOIN ${channelPreferences} AS ${cp} ON ${cp.membershipId} = ${m.id} AND ${cp.channelId} = ${c.id}
        WHERE ${m.eventId} = ${snapshot.eventId}
          AND (${m.status} <> 'active' OR NOT coalesce(${cp.emailEnabled}, ${c.isDefault}))
      ) emailed`,
  );
  return { sampleAliases: sample, emailCount: Number(emailing?.n ?? 0) };
}

export function approvalThreshold() {
  return env.BROADCAST_APPROVAL_THRESHOLD;
}

/** The second owner's approval of one frozen audience above the threshold. Audited. */
export async function approveBroadcast(
  staff: StaffContext,
  announcementId: string,
  snapshotId: string,
) {
  const a = await getAnnouncement(staff.event.id, announcementId);
  const s = a ? await getSnapshot(a.id, snapshotId) : null;
  if (!a || !s || s.usedAt || snapshotExpired(s) || s.revision !== a.revision) return false;
  const input = { role: staff.role, userId: staff.user.id, threshold: approvalThreshold() };
  if (!canApproveBroadcast(input, a, s)) return false;
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(audienceSnapshots)
      .set({ approvedBy: staff.user.id, approvedAt: new Date() })
      .where(and(eq(audienceSnapshots.id, s.id), sql`${audienceSnapshots.approvedBy} IS NULL`))
      .returning({ id: audienceSnapshots.id });
    if (updated.length === 0) return false;
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.approve_broadcast',
        target: a.id,
        detail: { snapshotId: s.id, recipientCount: s.recipientCount },
      },
      tx,
    );
    return true;
  });
}
