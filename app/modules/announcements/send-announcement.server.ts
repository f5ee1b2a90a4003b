import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  announcementEmails,
  announcements,
  audienceSnapshotMembers,
  audienceSnapshots,
  channels,
  deliveries,
  events,
  mailStreams,
  outboundEmails,
} from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { executeCount } from '~/modules/database/rows.server';
import { columnNames } from '~/modules/database/sql-names.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { MAX_BATCH } from '~/modules/mail/mail-provider.server';
import { refreshOutboxStatistics } from '~/modules/mail/outbox-statistics.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
// Whoever can queue announcement emails can also send them: the kind is described there.
import './announcement-delivery.server';
import { renderBody } from './announcement-body.server';
import { canWriteDrafts, sendRefusal, type SendRefusal } from './announcement-policy';
import { announcementEmailProps, renderAnnouncementEmail } from './announcement-email.server';
import {
  approvalThreshold,
  getSnapshot,
  snapshotExpired,
  snapshotHashSql,
} from './audience-snapshot.server';
import { getAnnouncement, type StaffAnnouncement } from './drafts.server';

export type SendFailure =
  | 'snapshot_missing'
  | 'snapshot_expired'
  | 'already_sent'
  | 'count_mismatch'
  | 'channel_mismatch'
  | 'draft_changed'
  | 'audience_changed'
  | 'empty_audience'
  | 'schedule_in_past'
  | SendRefusal;

export type SendResult =
  { ok: true; recipients: number; batches: number } | { ok: false; reason: SendFailure };

class SendAborted extends Error {
  constructor(readonly reason: SendFailure) {
    super(reason);
  }
}

async function eventAndChannel(a: StaffAnnouncement) {
  const [row] = await db
    .select({
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
      channelNameJa: channels.nameJa,
      channelNameEn: channels.nameEn,
    })
    .from(events)
    .innerJoin(channels, eq(channels.id, a.channelId))
    .where(eq(events.id, a.eventId));
  return {
    event: row,
    channel: { nameJa: row.channelNameJa, nameEn: row.channelNameEn },
  };
}

/** The preview's rendering of the email in both languages (placeholders for the token). */
export async function renderPreviewEmails(a: StaffAnnouncement) {
  const { event, channel } = await eventAndChannel(a);
  return Promise.all(
    (['ja', 'en'] as const).map(async (locale) => {
      const rendered = await renderAnnouncementEmail({ content: a, event, channel, locale });
      // The page shows the email's body inline: the app's CSP (frame-ancestors 'none') leaves
      // an iframe of it blank. It is our own template around sanitized Markdown.
      const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(rendered.html)?.[1] ?? '';
      return { locale, subject: rendered.subject, html: body };
    }),
  );
}

/**
 * "Send" (SPEC P4, GooPass 2020). The request names the snapshot the person previewed and the
 * count and channel they saw; nothing in it can widen the audience. The server refuses (409)
 * unless that snapshot is live, unused, of the current revision and still exactly the same
 * set of members, then commits in ONE transaction: the snapshot marked used, the announcement
 * published, the frozen email, one delivery row per recipient (INSERT … SELECT) and one job
 * per batch of 100. A second click, a retry or a reconnect finds the snapshot used and sends
 * nothing; the unique (announcement, membership) index is the last line of defence.
 */
export async function sendAnnouncement(
  staff: StaffContext,
  input: {
    announcementId: string;
    snapshotId: string;
    expectedCount: number;
    expectedChannelId: string;
    /** 予約配信: commit now, send from this time on (the audience is re-checked then). */
    scheduledAt?: Date | null;
    /** Weather, cancellation: overtakes other bulk mail such as a running invitation wave. */
    urgent?: boolean;
  },
): Promise<SendResult> {
  const scheduledAt = input.scheduledAt ?? null;
  if (scheduledAt && scheduledAt.getTime() <= Date.now()) {
    return { ok: false, reason: 'schedule_in_past' };
  }
  const a = await getAnnouncement(staff.event.id, input.announcementId);
  if (!a) return { ok: false, reason: 'snapshot_missing' };
  const s = await getSnapshot(a.id, input.snapshotId);
  if (!s) return { ok: false, reason: 'snapshot_missing' };
  if (s.usedAt || a.status !== 'draft') return { ok: false, reason: 'already_sent' };
  if (snapshotExpired(s)) return { ok: false, reason: 'snapshot_expired' };
  if (s.revision !== a.revision) return { ok: false, reason: 'draft_changed' };
  if (s.channelId !== input.expectedChannelId || a.channelId !== s.channelId) {
    return { ok: false, reason: 'channel_mismatch' };
  }
  if (s.recipientCount !== input.expectedCount) return { ok: false, reason: 'count_mismatch' };
  if (s.recipientCount === 0) return { ok: false, reason: 'empty_audience' };
  const refusal = sendRefusal(
    { role: staff.role, userId: staff.user.id, threshold: approvalThreshold() },
    a,
    s,
  );
  if (refusal) return { ok: false, reason: refusal };

  const { event, channel } = await eventAndChannel(a);
  const rendered = await Promise.all(
    (['ja', 'en'] as const).map(async (locale) => ({
      locale,
      ...(await renderAnnouncementEmail({ content: a, event, channel, locale })),
    })),
  );

  try {
    const batches = await db.transaction(async (tx) => {
      const used = await tx
        .update(audienceSnapshots)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(audienceSnapshots.id, s.id),
            isNull(audienceSnapshots.usedAt),
            sql`${audienceSnapshots.expiresAt} > now()`,
            eq(audienceSnapshots.recipientHash, snapshotHashSql(s.id)),
          ),
        )
        .returning({ id: audienceSnapshots.id });
      if (used.length === 0) {
        const [again] = await tx
          .select({ usedAt: audienceSnapshots.usedAt })
          .from(audienceSnapshots)
          .where(eq(audienceSnapshots.id, s.id));
        throw new SendAborted(again?.usedAt ? 'already_sent' : 'audience_changed');
      }
      const published = await tx
        .update(announcements)
        .set({
          // A scheduled send is published (feed, status) when its first email is claimed.
          status: scheduledAt ? 'scheduled' : 'sending',
          sentBy: staff.user.id,
          sentSnapshotId: s.id,
          publishedAt: scheduledAt ? null : new Date(),
          scheduledAt,
          urgent: Boolean(input.urgent),
          // What members will read, rendered from exactly the revision being sent, whoever
          // wrote it (a draft made from a sponsor notice too) (decision 090).
          ...renderBody(a),
          renderedRevision: s.revision,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(announcements.id, a.id),
            eq(announcements.status, 'draft'),
            eq(announcements.revision, s.revision),
            eq(announcements.channelId, s.channelId),
          ),
        )
        .returning({ id: announcements.id });
      if (published.length === 0) throw new SendAborted('already_sent');

      await tx.insert(announcementEmails).values(
        rendered.map((r) => ({
          announcementId: a.id,
          locale: r.locale,
          subject: r.subject,
          html: r.html,
          text: r.text,
        })),
      );
      const inserted = await executeCount(
        tx,
        sql`
        INSERT INTO ${deliveries} (${columnNames(deliveries.announcementId, deliveries.membershipId, deliveries.status)})
        SELECT ${a.id}, ${audienceSnapshotMembers.membershipId}, 'queued'
        FROM ${audienceSnapshotMembers} WHERE ${audienceSnapshotMembers.snapshotId} = ${s.id}`,
      );
      const recipients = inserted ?? s.recipientCount;
      if (recipients !== s.recipientCount) throw new SendAborted('audience_changed');
      // One bulk stream for this send and one outbound message per delivery; the pipeline
      // re-checks and freezes each recipient when their batch is claimed.
      const streamId = `announcement-${a.id}`;
      await tx.insert(mailStreams).values({
        id: streamId,
        eventId: staff.event.id,
        kind: 'announcement',
        subjectId: a.id,
        status: scheduledAt ? 'scheduled' : 'sending',
        urgent: Boolean(input.urgent),
        notBefore: scheduledAt ?? sql`now()`,
        total: recipients,
      });
      const o = outboundEmails;
      await tx.execute(sql`
        INSERT INTO ${o} (${columnNames(o.id, o.lane, o.kind, o.streamId, o.eventId, o.template, o.contentId, o.deliveryId, o.fromAddress, o.notBefore)})
        SELECT 'announcement-' || ${deliveries.id}, 'bulk', 'announcement', ${streamId}, ${staff.event.id},
          'announcement', ${a.id}, ${deliveries.id}, ${eventSender(event)},
          ${scheduledAt ? sql`${scheduledAt.toISOString()}::timestamptz` : sql`now()`}
        FROM ${deliveries} WHERE ${deliveries.announcementId} = ${a.id}`);
      await appendAudit(
        {
          eventId: staff.event.id,
          actorUserId: staff.user.id,
          action: 'announcement.send',
          target: a.id,
          detail: {
            snapshotId: s.id,
            recipientCount: recipients,
            audienceMode: s.audienceMode,
            audienceFilter: s.audienceFilter,
            channelId: s.channelId,
            approvedBy: s.approvedBy,
            scheduledAt: scheduledAt?.toISOString() ?? null,
            urgent: Boolean(input.urgent),
          },
        },
        tx,
      );
      return Math.ceil(recipients / MAX_BATCH);
    });
    await refreshOutboxStatistics(s.recipientCount);
    return { ok: true, recipients: s.recipientCount, batches };
  } catch (error) {
    if (error instanceof SendAborted) return { ok: false, reason: error.reason };
    // Two concurrent sends: the loser trips over the unique index or the status check.
    if (/unique|duplicate key/i.test(String((error as { message?: string })?.message ?? error))) {
      return { ok: false, reason: 'already_sent' };
    }
    throw error;
  }
}

/**
 * A test send goes to the signed-in staff member's own address only: there is no field for an
 * address, so it cannot be pointed at anyone else. Rate limited; audited.
 */
export async function sendTestEmail(staff: StaffContext, announcementId: string) {
  const a = await getAnnouncement(staff.event.id, announcementId);
  if (!a || !canWriteDrafts(staff.role))
    return { ok: false as const, reason: 'forbidden' as const };
  if (
    !(await hitRateLimit(
      { bucket: 'announcement-test-send', limit: 10, windowSeconds: 3600 },
      staff.user.id,
    ))
  ) {
    return { ok: false as const, reason: 'rate_limited' as const };
  }
  const { event, channel } = await eventAndChannel(a);
  await db.transaction(async (tx) => {
    await sendEmail({
      to: staff.user.email,
      template: 'announcement',
      from: eventSender(event, staff.user.locale),
      props: announcementEmailProps({
        content: a,
        event,
        channel,
        locale: staff.user.locale,
        test: true,
      }),
      headers: { 'Auto-Submitted': 'auto-generated' },
      tx,
    });
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.test_send',
        target: a.id,
      },
      tx,
    );
  });
  return { ok: true as const };
}

export type CancelScheduleResult =
  { ok: true } | { ok: false; reason: 'forbidden' | 'not_scheduled' | 'already_started' };

/**
 * Cancels a scheduled send until its first email is claimed. The announcement goes back to a
 * draft; its audience snapshot stays used, so sending it again needs a fresh preview (P4).
 * The stream's row lock makes "cancel" and the pipeline's first claim exclusive.
 */
export async function cancelScheduledSend(
  staff: StaffContext,
  announcementId: string,
): Promise<CancelScheduleResult> {
  if (staff.role !== 'owner') return { ok: false, reason: 'forbidden' };
  const a = await getAnnouncement(staff.event.id, announcementId);
  if (!a) return { ok: false, reason: 'not_scheduled' };
  return db.transaction(async (tx) => {
    // The row lock waits for any claim holding the stream (a share lock) and is then taken
    // before the pipeline can start it; the status read after it is the committed one.
    await tx
      .select({ id: mailStreams.id })
      .from(mailStreams)
      .where(and(eq(mailStreams.subjectId, a.id), eq(mailStreams.kind, 'announcement')))
      .for('update');
    const cancelled = await tx
      .update(mailStreams)
      .set({ status: 'cancelled', finishedAt: new Date() })
      .where(and(eq(mailStreams.subjectId, a.id), eq(mailStreams.status, 'scheduled')))
      .returning({ id: mailStreams.id });
    if (cancelled.length === 0) {
      return {
        ok: false as const,
        reason: a.status === 'draft' ? 'not_scheduled' : 'already_started',
      };
    }
    await tx.delete(outboundEmails).where(eq(outboundEmails.streamId, cancelled[0].id));
    await tx.delete(mailStreams).where(eq(mailStreams.id, cancelled[0].id));
    await tx.delete(deliveries).where(eq(deliveries.announcementId, a.id));
    await tx.delete(announcementEmails).where(eq(announcementEmails.announcementId, a.id));
    await tx
      .update(announcements)
      .set({
        status: 'draft',
        scheduledAt: null,
        urgent: false,
        sentBy: null,
        sentSnapshotId: null,
        publishedAt: null,
        updatedAt: new Date(),
      })
      .where(and(eq(announcements.id, a.id), eq(announcements.status, 'scheduled')));
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.schedule_cancel',
        target: a.id,
        detail: { scheduledAt: a.scheduledAt?.toISOString() ?? null },
      },
      tx,
    );
    return { ok: true as const };
  });
}
