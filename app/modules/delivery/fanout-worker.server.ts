import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { announcementEmails, announcements, deliveryBatches } from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { personalize, unsubscribeUrl } from '~/modules/announcements/announcement-email.server';
import { db } from '~/modules/database/database.server';
import { defineQueue, enqueue, enqueueMany } from '~/modules/jobs/queue.server';
import type { RenderedEmail } from '~/modules/mail/render-email.server';
import { ensureRelayAddresses } from '~/modules/relay/relay-address.server';
import { generateId } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';
import { sendBatch, type OutgoingEmail } from './batch-sender.server';
import { pauseSending, sleep, waitForSendSlot } from './pacing.server';
import { suppressionHash } from './suppression.server';
import { unsubscribeToken, unsubscribeTokenHash } from './unsubscribe.server';

/**
 * Announcement fan-out. The send commits one delivery row per recipient and one
 * `delivery.batch` job per 100 of them; this module works those jobs.
 *
 * Exactly-once, step by step:
 * 1. A worker takes a batch by lease (one worker at a time; a dead worker's lease expires).
 * 2. The first time, it re-checks every recipient against the current state (left, deleted,
 *    channel email off, suppressed) and freezes the rest: from then on every attempt sends
 *    the identical payload under the identical Idempotency-Key, so the provider answers a
 *    retry — after a 429, a 5xx, a timeout or a crash — with its first answer instead of
 *    sending again.
 * 3. It waits for a send slot from the shared pacing (MAIL_RATE_PER_SECOND across all
 *    processes), sends, and records the provider's ids and the batch as done in one
 *    transaction.
 * A watchdog job per announcement hands batches whose lease expired to a live worker and
 * marks the announcement sent when every batch is done.
 */
const WORKER_ID = generateId();
const MAX_ATTEMPTS_PER_CLAIM = 8;

export const deliveryBatchQueue = await defineQueue<{ announcementId: string; batchNo: number }>({
  name: 'delivery.batch',
  // A batch mostly waits (for its send slot, for the provider), so each process works eight
  // at a time (each holds a payload of under 1 MB); pg-boss waits out  its polling interval between fetches, so each loop takes
  // several jobs per fetch.
  batchSize: 2,
  concurrency: 8,
  retryLimit: 3,
  retryDelaySeconds: 5,
  handler: async ({ announcementId, batchNo }) => {
    await processBatch(announcementId, batchNo);
  },
});

export const deliveryWatchdogQueue = await defineQueue<{ announcementId: string | null }>({
  name: 'delivery.watchdog',
  retryLimit: 10,
  retryDelaySeconds: 5,
  handler: async ({ announcementId }) => {
    if (announcementId) await watchAnnouncement(announcementId);
    else await sweepSendingAnnouncements();
  },
});

// A worker process that starts (or restarts after a crash) looks once at every announcement
// still being sent, so a send interrupted by a dead process resumes without waiting for the
// queue's own expiry of the dead process's jobs.
if (env.JOB_WORKER) {
  await enqueue(deliveryWatchdogQueue, { announcementId: null });
}

export function watchdogDelaySeconds() {
  return Math.max(1, Math.min(30, env.DELIVERY_LEASE_SECONDS));
}

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function leaseInterval(): SQL {
  return sql`make_interval(secs => ${env.DELIVERY_LEASE_SECONDS})`;
}

export type BatchResult =
  'sent' | 'nothing_to_send' | 'busy_or_done' | 'gave_up' | 'rejected' | 'lease_lost';

export async function processBatch(announcementId: string, batchNo: number): Promise<BatchResult> {
  const [claimed] = rows<{ status: string }>(
    await db.execute(sql`
      UPDATE delivery_batches
      SET lease_owner = ${WORKER_ID}, lease_until = now() + ${leaseInterval()}, attempts = attempts + 1
      WHERE announcement_id = ${announcementId} AND batch_no = ${batchNo} AND status <> 'done'
        AND (lease_until IS NULL OR lease_until < now())
      RETURNING status`),
  );
  if (!claimed) return 'busy_or_done';
  try {
    if (claimed.status === 'queued') await prepareBatch(announcementId, batchNo);
    const emails = await loadBatchEmails(announcementId, batchNo);
    if (emails.length === 0) {
      await finishBatch(announcementId, batchNo, [], []);
      return 'nothing_to_send';
    }
    const idempotencyKey = `announcement-${announcementId}-batch-${batchNo}`;
    let lastError = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS_PER_CLAIM; attempt += 1) {
      if (!(await renewLease(announcementId, batchNo))) return 'lease_lost';
      // Nothing between the slot and the request, so requests leave at the slots' spacing.
      await waitForSendSlot(env.MAIL_RATE_PER_SECOND);
      const outcome = await sendBatch(emails, idempotencyKey);
      if (outcome.kind === 'accepted') {
        const sent: { deliveryId: number; providerId: string }[] = [];
        const failed: { deliveryId: number; error: string }[] = [];
        outcome.results.forEach((result, index) => {
          const deliveryId = emails[index].deliveryId;
          if ('id' in result) sent.push({ deliveryId, providerId: result.id });
          else failed.push({ deliveryId, error: result.error.slice(0, 500) });
        });
        await finishBatch(announcementId, batchNo, sent, failed);
        return 'sent';
      }
      if (outcome.kind === 'rejected') {
        await finishBatch(
          announcementId,
          batchNo,
          [],
          emails.map((e) => ({ deliveryId: e.deliveryId, error: outcome.message.slice(0, 500) })),
        );
        logger.warn('delivery.batch_rejected', {
          announcementId,
          batchNo,
          reason: outcome.message,
        });
        return 'rejected';
      }
      if (outcome.kind === 'rate_limited') {
        lastError = `429 retry-after ${outcome.retryAfterSeconds}s`;
        // Every worker holds off, not only this one.
        await pauseSending(Math.min(outcome.retryAfterSeconds, 300));
        continue;
      }
      lastError = outcome.message;
      // 5xx or no answer: back off exponentially (with jitter) and try the same payload again.
      await sleep(Math.min(30_000, 250 * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2));
    }
    await releaseBatch(announcementId, batchNo, lastError, 30);
    logger.warn('delivery.batch_deferred', { announcementId, batchNo, reason: lastError });
    return 'gave_up';
  } catch (error) {
    await releaseBatch(announcementId, batchNo, String(error).slice(0, 500), 0);
    throw error;
  }
}

async function renewLease(announcementId: string, batchNo: number) {
  const renewed = rows<{ batch_no: number }>(
    await db.execute(sql`
      UPDATE delivery_batches SET lease_until = now() + ${leaseInterval()}
      WHERE announcement_id = ${announcementId} AND batch_no = ${batchNo}
        AND lease_owner = ${WORKER_ID} AND status <> 'done'
      RETURNING batch_no`),
  );
  return renewed.length > 0;
}

/** Hands the batch back; the watchdog gives it to a worker once `afterSeconds` have passed. */
async function releaseBatch(
  announcementId: string,
  batchNo: number,
  lastError: string,
  afterSeconds: number,
) {
  await db.execute(sql`
    UPDATE delivery_batches
    SET lease_owner = NULL, lease_until = now() + make_interval(secs => ${afterSeconds}), last_error = ${lastError}
    WHERE announcement_id = ${announcementId} AND batch_no = ${batchNo} AND lease_owner = ${WORKER_ID}`);
}

/**
 * The send-time check (SPEC P5 and flow 8): a member who left, deleted their account, turned
 * this channel's email off, or whose address is suppressed (bounced, complained, declined)
 * gets nothing. The survivors are frozen with their unsubscribe token hashes.
 */
async function prepareBatch(announcementId: string, batchNo: number) {
  await db.transaction(async (tx) => {
    const candidates = rows<{
      id: number | string;
      event_id: string;
      membership_status: string | null;
      email: string | null;
      email_on: boolean;
    }>(
      await tx.execute(sql`
        SELECT d.id, a.event_id, m.status AS membership_status, u.email,
          coalesce(cp.email_enabled, c.is_default) AS email_on
        FROM deliveries d
        JOIN announcements a ON a.id = d.announcement_id
        JOIN channels c ON c.id = a.channel_id
        LEFT JOIN memberships m ON m.id = d.membership_id
        LEFT JOIN users u ON u.id = m.user_id
        LEFT JOIN channel_preferences cp ON cp.membership_id = m.id AND cp.channel_id = c.id
        WHERE d.announcement_id = ${announcementId} AND d.batch_no = ${batchNo} AND d.status = 'queued'`),
    );
    if (candidates.length > 0) {
      // Suppressions are keyed hashes (HMAC), so they are matched here rather than in SQL.
      const hashes = candidates.filter((c) => c.email).map((c) => suppressionHash(c.email!));
      const suppressed = new Set(
        hashes.length === 0
          ? []
          : rows<{ email_hash: string }>(
              await tx.execute(sql`
                SELECT email_hash FROM suppressions
                WHERE event_id = ${candidates[0].event_id}
                  AND email_hash IN (${sql.join(
                    hashes.map((h) => sql`${h}`),
                    sql`, `,
                  )})`),
            ).map((r) => r.email_hash),
      );
      const verdicts = candidates.map((c) => {
        const id = Number(c.id);
        if (!c.email || !c.membership_status) return { id, reason: 'deleted' };
        if (c.membership_status !== 'active') return { id, reason: 'left' };
        if (suppressed.has(suppressionHash(c.email))) return { id, reason: 'suppressed' };
        if (!c.email_on) return { id, reason: 'channel_off' };
        return { id, reason: null };
      });
      const skipped = verdicts.filter((v) => v.reason !== null);
      if (skipped.length > 0) {
        const values = sql.join(
          skipped.map((v) => sql`(${v.id}::bigint, ${v.reason})`),
          sql`, `,
        );
        await tx.execute(sql`
          UPDATE deliveries SET status = 'skipped', skip_reason = v.reason
          FROM (VALUES ${values}) AS v(id, reason) WHERE deliveries.id = v.id`);
      }
      const kept = verdicts.filter((v) => v.reason === null);
      if (kept.length > 0) {
        const values = sql.join(
          kept.map((v) => sql`(${v.id}::bigint, ${unsubscribeTokenHash(v.id)})`),
          sql`, `,
        );
        await tx.execute(sql`
          UPDATE deliveries SET unsubscribe_token_hash = v.hash
          FROM (VALUES ${values}) AS v(id, hash) WHERE deliveries.id = v.id`);
      }
    }
    await tx
      .update(deliveryBatches)
      .set({ status: 'prepared', preparedAt: new Date() })
      .where(
        and(
          eq(deliveryBatches.announcementId, announcementId),
          eq(deliveryBatches.batchNo, batchNo),
        ),
      );
  });
}

const renderCache = new Map<string, Map<Locale, RenderedEmail>>();

async function frozenRenderings(announcementId: string) {
  const cached = renderCache.get(announcementId);
  if (cached) return cached;
  const found = await db
    .select()
    .from(announcementEmails)
    .where(eq(announcementEmails.announcementId, announcementId));
  const byLocale = new Map<Locale, RenderedEmail>(
    found.map((r) => [r.locale, { subject: r.subject, html: r.html, text: r.text }]),
  );
  if (renderCache.size > 50) renderCache.clear();
  renderCache.set(announcementId, byLocale);
  return byLocale;
}

async function loadBatchEmails(announcementId: string, batchNo: number): Promise<OutgoingEmail[]> {
  const recipients = rows<{
    id: number | string;
    membership_id: string;
    email: string;
    locale: Locale;
  }>(
    await db.execute(sql`
      SELECT d.id, d.membership_id, u.email, u.locale
      FROM deliveries d
      JOIN memberships m ON m.id = d.membership_id
      JOIN users u ON u.id = m.user_id
      WHERE d.announcement_id = ${announcementId} AND d.batch_no = ${batchNo} AND d.status = 'queued'
      ORDER BY d.id`),
  );
  if (recipients.length === 0) return [];
  const renderings = await frozenRenderings(announcementId);
  const relay = await ensureRelayAddresses(recipients.map((r) => r.membership_id));
  return recipients.map((r) => {
    const deliveryId = Number(r.id);
    const token = unsubscribeToken(deliveryId);
    const rendered =
      renderings.get(r.locale) ?? renderings.get('ja') ?? renderings.values().next().value;
    if (!rendered) throw new Error(`announcement ${announcementId} has no frozen email`);
    const personal = personalize(rendered, token);
    return {
      deliveryId,
      to: r.email,
      from: env.MAIL_FROM,
      replyTo: relay.get(r.membership_id)!,
      subject: personal.subject,
      html: personal.html,
      text: personal.text,
      headers: {
        // RFC 8058: a mail client may unsubscribe with one POST, no cookies, no page.
        'List-Unsubscribe': `<${unsubscribeUrl(token)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // RFC 3834: auto-responders must not answer.
        'Auto-Submitted': 'auto-generated',
      },
    };
  });
}

async function finishBatch(
  announcementId: string,
  batchNo: number,
  sent: { deliveryId: number; providerId: string }[],
  failed: { deliveryId: number; error: string }[],
) {
  await db.transaction(async (tx) => {
    if (sent.length > 0) {
      const values = sql.join(
        sent.map((s) => sql`(${s.deliveryId}::bigint, ${s.providerId})`),
        sql`, `,
      );
      await tx.execute(sql`
        UPDATE deliveries SET status = 'sent', provider_message_id = v.pid, sent_at = now(), last_error = NULL
        FROM (VALUES ${values}) AS v(id, pid)
        WHERE deliveries.id = v.id AND deliveries.status = 'queued'`);
      // A delivery webhook can outrun this write; apply what already arrived.
      await tx.execute(sql`
        UPDATE deliveries d SET outcome = w.outcome, outcome_at = w.received_at
        FROM (
          SELECT DISTINCT ON (provider_message_id) provider_message_id, received_at,
            CASE type WHEN 'email.complained' THEN 'complained' WHEN 'email.bounced' THEN 'bounced' ELSE 'delivered' END AS outcome
          FROM webhook_events
          WHERE type IN ('email.delivered', 'email.bounced', 'email.complained')
          ORDER BY provider_message_id,
            CASE type WHEN 'email.complained' THEN 3 WHEN 'email.bounced' THEN 2 ELSE 1 END DESC
        ) w
        WHERE d.announcement_id = ${announcementId} AND d.batch_no = ${batchNo}
          AND d.provider_message_id = w.provider_message_id`);
    }
    if (failed.length > 0) {
      const values = sql.join(
        failed.map((f) => sql`(${f.deliveryId}::bigint, ${f.error})`),
        sql`, `,
      );
      await tx.execute(sql`
        UPDATE deliveries SET status = 'failed', last_error = v.error
        FROM (VALUES ${values}) AS v(id, error)
        WHERE deliveries.id = v.id AND deliveries.status = 'queued'`);
    }
    // Rows of members deleted after the batch was frozen were not in the payload.
    await tx.execute(sql`
      UPDATE deliveries SET status = 'skipped', skip_reason = 'deleted'
      WHERE announcement_id = ${announcementId} AND batch_no = ${batchNo} AND status = 'queued'`);
    await tx.execute(sql`
      UPDATE delivery_batches SET status = 'done', done_at = now(), lease_owner = NULL, lease_until = NULL
      WHERE announcement_id = ${announcementId} AND batch_no = ${batchNo}`);
    await completeIfDone(announcementId, tx);
  });
}

async function completeIfDone(announcementId: string, tx: DbOrTx) {
  await tx.execute(sql`
    UPDATE announcements SET status = 'sent', updated_at = now()
    WHERE id = ${announcementId} AND status = 'sending'
      AND NOT EXISTS (SELECT 1 FROM delivery_batches WHERE announcement_id = ${announcementId} AND status <> 'done')`);
}

/**
 * Runs every few seconds while an announcement is being sent: batches whose worker died (or
 * that were deferred after repeated provider errors) go back on the queue once their lease
 * has expired. Any number of jobs for one batch is harmless: the lease admits one worker and
 * the Idempotency-Key makes a resend a replay.
 */
export async function watchAnnouncement(
  announcementId: string,
  options: { includeUnclaimed?: boolean } = {},
) {
  // Unclaimed batches normally have their job waiting in the queue; only at a worker's start
  // are they requeued too, because a process that died may have fetched jobs it never began.
  const stalled = rows<{ batch_no: number }>(
    await db.execute(sql`
      SELECT batch_no FROM delivery_batches
      WHERE announcement_id = ${announcementId} AND status <> 'done'
        AND ${options.includeUnclaimed ? sql`(lease_until IS NULL OR lease_until < now())` : sql`lease_until IS NOT NULL AND lease_until < now()`}`),
  );
  await enqueueMany(
    deliveryBatchQueue,
    stalled.map((s) => ({ data: { announcementId, batchNo: Number(s.batch_no) } })),
  );
  await completeIfDone(announcementId, db);
  const [state] = await db
    .select({ status: announcements.status })
    .from(announcements)
    .where(eq(announcements.id, announcementId));
  if (state?.status === 'sending') {
    // After a restart two watchdog chains may run side by side for a while; that is harmless.
    await enqueue(
      deliveryWatchdogQueue,
      { announcementId },
      { startAfterSeconds: watchdogDelaySeconds() },
    );
  }
  return { requeued: stalled.length };
}

export async function sweepSendingAnnouncements() {
  const sending = await db
    .select({ id: announcements.id })
    .from(announcements)
    .where(eq(announcements.status, 'sending'));
  for (const { id } of sending) await watchAnnouncement(id, { includeUnclaimed: true });
}
