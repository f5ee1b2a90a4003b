import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { audienceSnapshots, type AudienceFilter, type AudienceMode } from '~db/schema';
import { env } from '~/env.server';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { generateId } from '~/modules/security/tokens.server';
import { canApproveBroadcast, canPreview } from './announcement-policy';
import { getAnnouncement } from './drafts.server';

/** How long a frozen audience may be sent; after that the preview must be opened again. */
export const SNAPSHOT_TTL_MINUTES = 15;
const SAMPLE_SIZE = 8;

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

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
  const base = sql`SELECT m.id FROM memberships m WHERE m.event_id = ${eventId} AND m.status = 'active'`;
  if (mode === 'everyone_on_channel') return base;
  const clauses: SQL[] = [];
  if (filter.bibFrom != null || filter.bibTo != null) {
    clauses.push(sql`m.bib ~ '^[0-9]{1,9}$'`);
    if (filter.bibFrom != null) clauses.push(sql`m.bib::int >= ${filter.bibFrom}`);
    if (filter.bibTo != null) clauses.push(sql`m.bib::int <= ${filter.bibTo}`);
  }
  if (filter.category) clauses.push(sql`m.category = ${filter.category}`);
  if (clauses.length === 0) return sql`${base} AND false`;
  return sql`${base} AND ${sql.join(clauses, sql` AND `)}`;
}

/** sha256 of the snapshot's sorted membership ids, computed by the database. */
export function snapshotHashSql(snapshotId: string): SQL {
  return sql`(SELECT encode(sha256(convert_to(coalesce(string_agg(membership_id, ',' ORDER BY membership_id COLLATE "C"), ''), 'UTF8')), 'hex')
    FROM audience_snapshot_members WHERE snapshot_id = ${snapshotId})`;
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
    await tx.execute(sql`
      INSERT INTO audience_snapshot_members (snapshot_id, membership_id)
      SELECT ${snapshotId}, audience.id FROM (${audienceMembersSql(a.eventId, a.audienceMode, a.audienceFilter)}) audience`);
    const [row] = await tx
      .update(audienceSnapshots)
      .set({
        recipientCount: sql`(SELECT count(*)::int FROM audience_snapshot_members WHERE snapshot_id = ${snapshotId})`,
        recipientHash: snapshotHashSql(snapshotId),
      })
      .where(eq(audienceSnapshots.id, snapshotId))
      .returning({ count: audienceSnapshots.recipientCount });
    return row.count;
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
 */
export async function snapshotSample(snapshot: Snapshot) {
  const sample = rows<{ alias_number: number }>(
    await db.execute(sql`
      SELECT m.alias_number FROM audience_snapshot_members sm
      JOIN memberships m ON m.id = sm.membership_id
      WHERE sm.snapshot_id = ${snapshot.id}
      ORDER BY md5(sm.membership_id || ${snapshot.id})
      LIMIT ${SAMPLE_SIZE}`),
  ).map((r) => Number(r.alias_number));
  const [emailing] = rows<{ n: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS n FROM audience_snapshot_members sm
      JOIN memberships m ON m.id = sm.membership_id AND m.status = 'active'
      JOIN channels c ON c.id = ${snapshot.channelId}
      LEFT JOIN channel_preferences cp ON cp.membership_id = m.id AND cp.channel_id = c.id
      WHERE sm.snapshot_id = ${snapshot.id} AND coalesce(cp.email_enabled, c.is_default)`),
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
