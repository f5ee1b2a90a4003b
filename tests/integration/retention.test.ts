/**
 * The daily retention job purges exactly what can never be used again — expired sessions,
 * used or expired codes and links, old rate-limit counters, expired audience snapshots, old
 * finished one-to-one mail and its records — in bounded chunks, and keeps everything still
 * live: a fresh code, a counter inside its window, the snapshot a sent or scheduled
 * announcement was sent with, mail the pipeline still has to send.
 */
import { readFileSync } from 'node:fs';
import { inArray, like } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import {
  announcements,
  audienceSnapshotMembers,
  audienceSnapshots,
  capturedMail,
  entrantUploads,
  joinConfirmations,
  mailBatches,
  outboundEmails,
  rateLimits,
  sessions,
  signInChallenges,
  sponsorInvitations,
  staffInvitations,
  sponsors,
  webhookEvents,
} from '~db/schema';
import { roleInvitationExpiry } from '~/modules/auth/role-invitations.server';
import { database, db } from '~/modules/database/database.server';
import {
  MAIL_KEEP_DAYS,
  purgeExpiredData,
  RATE_LIMIT_KEEP_DAYS,
  retentionPolicy,
  retentionTableMarkdown,
  SNAPSHOT_KEEP_DAYS,
  STAGED_UPLOAD_KEEP_DAYS,
} from '~/modules/maintenance/retention.server';
import { toJapanDateTimeInput } from '~/utils/japan-time';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  freeze,
  postSend,
  previewOf,
  sendAsShown,
} from '../support/announcement-flow';
import { createUser } from '../support/auth';

const MINUTE = 60_000;
const DAY = 86_400_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);

async function idsOf<T extends { id: string }>(rows: Promise<T[]>) {
  return (await rows).map((r) => r.id).sort();
}

/** Three members and five snapshots in every state a snapshot can be in. */
async function snapshotsInEveryState(event: TestEvent) {
  const owner = await addStaff(event, 'owner@retention.example', 'owner');
  for (const n of [1, 2, 3]) await addMember(event, { email: `runner${n}@retention.example` });
  const channel = event.channelIds.official;
  const previewed = async () => {
    const id = await createDraft(owner.cookie, event.slug, draftFields(channel));
    return { id, snapshotId: await freeze(owner.cookie, event.slug, id) };
  };

  const sent = await previewed();
  expect((await sendAsShown(owner.cookie, event.slug, sent.id, sent.snapshotId)).status).toBe(302);

  const scheduled = await previewed();
  const preview = await previewOf(owner.cookie, event.slug, scheduled.id, scheduled.snapshotId);
  const scheduling = await postSend(owner.cookie, event.slug, scheduled.id, scheduled.snapshotId, {
    intent: 'send',
    snapshotId: scheduled.snapshotId,
    expectedCount: String(preview.snapshot.count),
    expectedChannelId: preview.snapshot.channelId,
    when: 'schedule',
    scheduledAt: toJapanDateTimeInput(ahead(30 * DAY)),
  });
  expect(scheduling.status).toBe(302);
  const [state] = await db
    .select({ status: announcements.status })
    .from(announcements)
    .where(inArray(announcements.id, [scheduled.id]));
  expect(state.status).toBe('scheduled');

  const abandoned = await previewed();
  const recentlyExpired = await previewed();
  const open = await previewed();

  // Age them: a sent or scheduled one long expired, an abandoned preview past the grace day,
  // one expired an hour ago (its page still says "expired"), one still open.
  const longAgo = ago((SNAPSHOT_KEEP_DAYS + 2) * DAY);
  const setExpiry = (snapshotId: string, expiresAt: Date) =>
    database.executeSql('UPDATE audience_snapshots SET expires_at = $1 WHERE id = $2', [
      expiresAt.toISOString(),
      snapshotId,
    ]);
  await setExpiry(sent.snapshotId, longAgo);
  await setExpiry(scheduled.snapshotId, longAgo);
  await setExpiry(abandoned.snapshotId, longAgo);
  await setExpiry(recentlyExpired.snapshotId, ago(60 * MINUTE));
  return { sent, scheduled, abandoned, recentlyExpired, open };
}

async function seedEveryKind(event: TestEvent) {
  const userId = await createUser('member@retention.example');
  await db.insert(sessions).values([
    { id: 'ret-session-expired', userId, expiresAt: ago(MINUTE) },
    { id: 'ret-session-live', userId, expiresAt: ahead(20 * DAY) },
  ]);

  const challenge = (idHash: string, fields: { expiresAt: Date; usedAt?: Date }) => ({
    idHash,
    email: 'member@retention.example',
    codeHash: 'hash',
    ...fields,
  });
  await db
    .insert(signInChallenges)
    .values([
      challenge('ret-code-used', { expiresAt: ahead(10 * MINUTE), usedAt: ago(MINUTE) }),
      challenge('ret-code-expired', { expiresAt: ago(MINUTE) }),
      challenge('ret-code-live', { expiresAt: ahead(10 * MINUTE) }),
    ]);

  const confirmation = (tokenHash: string, fields: { expiresAt: Date; usedAt?: Date }) => ({
    tokenHash,
    eventId: event.id,
    email: 'joiner@retention.example',
    ...fields,
  });
  await db
    .insert(joinConfirmations)
    .values([
      confirmation('ret-join-used', { expiresAt: ahead(DAY / 2), usedAt: ago(MINUTE) }),
      confirmation('ret-join-expired', { expiresAt: ago(MINUTE) }),
      confirmation('ret-join-live', { expiresAt: ahead(DAY / 2) }),
    ]);

  await db.insert(sponsors).values({
    id: 'ret-sponsor',
    eventId: event.id,
    nameJa: 'テストスポーツ',
    nameEn: 'Test Sports',
  });
  const invitation = (id: string, fields: { expiresAt: Date; acceptedAt?: Date }) => ({
    id,
    sponsorId: 'ret-sponsor',
    email: `${id}@sponsor.example`,
    ...fields,
  });
  await db.insert(sponsorInvitations).values([
    invitation('ret-sponsor-expired', { expiresAt: ago(MINUTE) }),
    // Accepted: the person is sponsor staff now; not this rule's to remove.
    invitation('ret-sponsor-accepted', { expiresAt: ago(10 * DAY), acceptedAt: ago(20 * DAY) }),
    invitation('ret-sponsor-pending', { expiresAt: ahead(7 * DAY) }),
  ]);

  const staffInvitation = (id: string, fields: { createdAt: Date; acceptedAt?: Date }) => ({
    id,
    eventId: event.id,
    email: `${id}@staff.example`,
    role: 'editor' as const,
    expiresAt: roleInvitationExpiry(fields.createdAt),
    ...fields,
  });
  await db.insert(staffInvitations).values([
    staffInvitation('ret-staff-expired', { createdAt: ago(15 * DAY) }),
    // Accepted: the person is staff now; not this rule's to remove.
    staffInvitation('ret-staff-accepted', { createdAt: ago(30 * DAY), acceptedAt: ago(29 * DAY) }),
    staffInvitation('ret-staff-pending', { createdAt: ago(13 * DAY) }),
  ]);

  await db.insert(rateLimits).values([
    // More old counters than one chunk holds.
    ...['ret:old-1', 'ret:old-2', 'ret:old-3'].map((key) => ({
      key,
      windowStartedAt: ago((RATE_LIMIT_KEEP_DAYS + 1) * DAY),
      hits: 4,
    })),
    // Inside the longest window (1 day) there is something to count; kept a day longer still.
    { key: 'ret:day-old', windowStartedAt: ago(DAY + MINUTE), hits: 9 },
    { key: 'ret:live', windowStartedAt: ago(MINUTE), hits: 1 },
  ]);

  const old = ago((MAIL_KEEP_DAYS + 1) * DAY);
  const recent = ago((MAIL_KEEP_DAYS - 1) * DAY);
  const message = (
    id: string,
    fields: Partial<typeof outboundEmails.$inferInsert> & { createdAt: Date },
  ) => ({
    id,
    lane: 'interactive' as const,
    toAddress: 'member@retention.example',
    subject: 'code',
    html: '<p>12345678</p>',
    text: '12345678',
    template: 'sign-in-code',
    status: 'sent' as const,
    notBefore: fields.createdAt,
    ...fields,
  });
  await db.insert(outboundEmails).values([
    message('ret-mail-old-sent', { createdAt: old }),
    message('ret-mail-old-failed', { createdAt: old, status: 'failed' }),
    message('ret-mail-recent-sent', { createdAt: recent }),
    // The pipeline's work: a retry must send these exact bytes (decision 080).
    message('ret-mail-old-queued', { createdAt: old, status: 'queued' }),
    message('ret-mail-old-sending', {
      createdAt: old,
      status: 'sending',
      batchId: 'ret-batch-sending',
    }),
    // Bulk: no body; the send progress counts it.
    message('ret-mail-old-bulk', {
      createdAt: old,
      lane: 'bulk',
      kind: 'invitation',
      html: null,
      text: null,
      subject: null,
    }),
  ]);

  const batch = (id: string, fields: Partial<typeof mailBatches.$inferInsert>) => ({
    id,
    lane: 'interactive' as const,
    recipients: [{ m: id, to: 'member@retention.example' }],
    ...fields,
  });
  await db
    .insert(mailBatches)
    .values([
      batch('ret-batch-old-sent', { status: 'sent', createdAt: old, doneAt: old }),
      batch('ret-batch-old-failed', { status: 'failed', createdAt: old, doneAt: old }),
      batch('ret-batch-recent-sent', { status: 'sent', createdAt: recent, doneAt: recent }),
      batch('ret-batch-sending', { status: 'sending', createdAt: old }),
    ]);

  const captured = (id: string, createdAt: Date) => ({
    id,
    outboundEmailId: `${id}-message`,
    toAddress: 'member@retention.example',
    fromAddress: 'no-reply@startline.local',
    subject: 'code',
    html: '<p>12345678</p>',
    text: '12345678',
    createdAt,
  });
  await db
    .insert(capturedMail)
    .values([captured('ret-captured-old', old), captured('ret-captured-recent', recent)]);

  await db.insert(webhookEvents).values([
    { id: 'ret-webhook-old', source: 'resend', type: 'email.delivered', receivedAt: old },
    { id: 'ret-webhook-recent', source: 'resend', type: 'email.delivered', receivedAt: recent },
  ]);
}

describe('the retention job', () => {
  it('purges exactly what can never be used again, in chunks, and keeps what is live', async () => {
    const event = await seedEvent();
    const snapshots = await snapshotsInEveryState(event);
    await seedEveryKind(event);

    const chunk = 2;
    // Every DELETE the job runs, with the number of rows it removed.
    const deleted: number[] = [];
    const executeSql = database.executeSql;
    const spy = vi.spyOn(database, 'executeSql').mockImplementation(async (text, values) => {
      const answer = await executeSql(text, values);
      if (/^\s*DELETE/.test(text)) deleted.push(answer.rowCount);
      return answer;
    });
    const result = await purgeExpiredData({ now, chunkRows: chunk }).finally(() =>
      spy.mockRestore(),
    );

    expect(result.complete).toBe(true);
    // Bounded: no statement removed more than one chunk (three old counters and three members
    // of the abandoned snapshot each went as two, then one).
    expect(deleted.length).toBeGreaterThan(retentionPolicy.length);
    expect(Math.max(...deleted)).toBe(chunk);

    const retained = {
      sessions: await idsOf(
        db.select({ id: sessions.id }).from(sessions).where(like(sessions.id, 'ret-%')),
      ),
      codes: await idsOf(db.select({ id: signInChallenges.idHash }).from(signInChallenges)),
      confirmations: await idsOf(
        db.select({ id: joinConfirmations.tokenHash }).from(joinConfirmations),
      ),
      sponsorInvitations: await idsOf(
        db.select({ id: sponsorInvitations.id }).from(sponsorInvitations),
      ),
      staffInvitations: await idsOf(
        db
          .select({ id: staffInvitations.id })
          .from(staffInvitations)
          .where(like(staffInvitations.id, 'ret-staff-%')),
      ),
      rateLimits: await idsOf(
        db.select({ id: rateLimits.key }).from(rateLimits).where(like(rateLimits.key, 'ret:%')),
      ),
      mail: await idsOf(
        db
          .select({ id: outboundEmails.id })
          .from(outboundEmails)
          .where(like(outboundEmails.id, 'ret-%')),
      ),
      batches: await idsOf(db.select({ id: mailBatches.id }).from(mailBatches)),
      captured: await idsOf(db.select({ id: capturedMail.id }).from(capturedMail)),
      webhooks: await idsOf(db.select({ id: webhookEvents.id }).from(webhookEvents)),
      snapshots: await idsOf(db.select({ id: audienceSnapshots.id }).from(audienceSnapshots)),
    };
    expect(retained).toEqual({
      sessions: ['ret-session-live'],
      codes: ['ret-code-live'],
      confirmations: ['ret-join-live'],
      sponsorInvitations: ['ret-sponsor-accepted', 'ret-sponsor-pending'],
      staffInvitations: ['ret-staff-accepted', 'ret-staff-pending'],
      rateLimits: ['ret:day-old', 'ret:live'],
      mail: [
        'ret-mail-old-bulk',
        'ret-mail-old-queued',
        'ret-mail-old-sending',
        'ret-mail-recent-sent',
      ],
      batches: ['ret-batch-recent-sent', 'ret-batch-sending'],
      captured: ['ret-captured-recent'],
      webhooks: ['ret-webhook-recent'],
      snapshots: [
        snapshots.sent.snapshotId,
        snapshots.scheduled.snapshotId,
        snapshots.recentlyExpired.snapshotId,
        snapshots.open.snapshotId,
      ].sort(),
    });

    // The members of every kept snapshot are all there (the feed reads the sent one's);
    // the abandoned one's are gone with it.
    const members = await db
      .select({ snapshotId: audienceSnapshotMembers.snapshotId })
      .from(audienceSnapshotMembers);
    const perSnapshot = new Map<string, number>();
    for (const m of members)
      perSnapshot.set(m.snapshotId, (perSnapshot.get(m.snapshotId) ?? 0) + 1);
    expect(Object.fromEntries(perSnapshot)).toEqual(
      Object.fromEntries(retained.snapshots.map((id) => [id, 3])),
    );

    expect(result.purged).toMatchObject({
      sessions: 1,
      sign_in_challenges: 2,
      join_confirmations: 2,
      sponsor_invitations: 1,
      staff_invitations: 1,
      rate_limits: 3,
      // The abandoned snapshot and its three members.
      audience_snapshots: 4,
      outbound_emails: 2,
      mail_batches: 2,
      captured_mail: 1,
      webhook_events: 1,
    });

    // A second run finds nothing more to do.
    const again = await purgeExpiredData({ now, chunkRows: chunk });
    expect(Object.values(again.purged).every((n) => n === 0)).toBe(true);
  });

  it('purges entrant lists left at the column check for a day, and keeps fresh ones', async () => {
    const event = await seedEvent();
    const uploader = await createUser('uploader@retention.example');
    const staged = (id: string, createdAt: Date) => ({
      id,
      eventId: event.id,
      uploadedBy: uploader,
      fileName: 'entrants.csv',
      bytes: new TextEncoder().encode('email,name,bib\nrunner@retention.example,R,1\n'),
      createdAt,
    });
    await db
      .insert(entrantUploads)
      .values([
        staged('ret-upload-old', ago(STAGED_UPLOAD_KEEP_DAYS * DAY + MINUTE)),
        staged('ret-upload-fresh', ago(STAGED_UPLOAD_KEEP_DAYS * DAY - MINUTE)),
      ]);
    const result = await purgeExpiredData({ now });
    expect(result.purged.entrant_uploads).toBe(1);
    expect(await idsOf(db.select({ id: entrantUploads.id }).from(entrantUploads))).toEqual([
      'ret-upload-fresh',
    ]);
  });

  it('stops at its time budget and leaves the rest for the next run', async () => {
    await db.insert(rateLimits).values(
      Array.from({ length: 3 }, (_, i) => ({
        key: `budget:${i}`,
        windowStartedAt: ago(10 * DAY),
        hits: 1,
      })),
    );
    const result = await purgeExpiredData({ now, chunkRows: 1, budgetMs: -1 });
    expect(result.complete).toBe(false);
    const left = await db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(like(rateLimits.key, 'budget:%'));
    expect(left).toHaveLength(3);
    expect((await purgeExpiredData({ now })).complete).toBe(true);
  });

  it('is the policy the README states, table by table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const heading = '## What is kept, how long, and why';
    expect(readme).toContain(heading);
    const section = readme.slice(readme.indexOf(heading)).split('\n## ')[0];
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) =>
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---')),
        );
    expect(cells(section)).toEqual(cells(retentionTableMarkdown()));
    expect(cells(section)).toHaveLength(retentionPolicy.length + 2);
  });
});
