import { and, asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  mailBatches,
  mailStreams,
  outboundEmails,
  type FrozenRecipient,
  type MailLane,
} from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { generateId } from '~/modules/security/tokens.server';
import { recordMailOutcome, recordMailRetry } from '~/modules/observability/metrics.server';
import { logger } from '~/utils/logger.server';
import { mailKindHandler, type OutboundMessage } from './mail-kinds.server';
import { pauseSending, sleep, waitForQuietMoment, waitForSendSlot } from './mail-pacing.server';
import { MAX_BATCH, sendToProvider, type ProviderOutcome } from './mail-provider.server';
import {
  resumeIdleWaits,
  senderFoundWork,
  stopIdleWaits,
  waitWhileIdle,
  wakeMailSenders,
} from './idle-senders.server';

/**
 * The one outbound pipeline (docs/decisions/080-one-outbound-pipeline.md). Every email the
 * product sends is a row of `outbound_emails`; each sender loop, in any number of processes:
 *
 * 1. claims the most urgent work — an interactive batch due for a retry or left by a dead
 *    process, new interactive messages, then the same for bulk, taking the bulk stream that
 *    was served longest ago (urgent streams first; fair between events, then between sends);
 * 2. on a batch's first claim, re-checks and freezes its recipients in the claiming transaction
 *    (a lease of DELIVERY_LEASE_SECONDS makes it this loop's alone; a surviving process takes
 *    it over when the lease runs out);
 * 3. takes a slot of the shared pacing (MAIL_RATE_PER_SECOND across all processes) and sends
 *    the frozen batch under one Idempotency-Key, so a retry is the identical request;
 * 4. records the answer, matched to the frozen recipient list, in one transaction.
 */
const WORKER_ID = generateId();

/** A batch this large takes long enough to build and encode to wait for a quiet moment. */
const HEAVY_BATCH = 20;

/** Tries of one batch against 5xx, timeouts and no answer; then its messages are failed. */
export const MAIL_MAX_ATTEMPTS = 8;
/** 429s are the provider pacing us, not a fault: they get this many tries. */
const MAX_RATE_LIMITED_ATTEMPTS = 50;

function leaseInterval(): SQL {
  return sql`make_interval(secs => ${env.DELIVERY_LEASE_SECONDS})`;
}

interface ClaimedBatch {
  id: string;
  lane: MailLane;
  streamId: string | null;
  recipients: FrozenRecipient[];
  attempts: number;
  /** The rows as the claim read them (a fresh claim): no need to read them again to send. */
  messages?: OutboundMessage[];
}

export type DispatchResult = 'sent' | 'retry_later' | 'failed' | 'skipped_only' | 'idle';

// Batches a loop of this process gave up on because of an error (the database went away
// between the provider's answer and our record of it). Their lease is still ours, so this
// process takes them back at once instead of waiting for its own lease to run out.
const abandoned = new Set<string>();

/** Claims and sends one batch of the most urgent work; 'idle' when nothing is due. */
export async function dispatchOnce(): Promise<DispatchResult> {
  const claim = await claimNextBatch();
  if (claim === null) return 'idle';
  if (claim === 'skipped_only') return 'skipped_only';
  // The loops waiting for work join in now, not once this batch has been answered: at the
  // start of a wave the only awake loop is the poller, and the others would otherwise stay
  // parked through its whole batch (building it, the provider's answer, the record) — ~0.7 s
  // between a send's first request and its second in bench:web, on a real network more.
  senderFoundWork();
  try {
    return await sendBatch(claim);
  } catch (error) {
    abandoned.add(claim.id);
    throw error;
  }
}

async function claimNextBatch(): Promise<ClaimedBatch | 'skipped_only' | null> {
  if (abandoned.size === 0 && !(await anythingDue())) {
    await closeSettledStreams();
    return null;
  }
  for (const lane of ['interactive', 'bulk'] as const) {
    const due = await claimDueBatch(lane);
    if (due) return due;
    const fresh = await claimNewBatch(lane);
    if (fresh) return fresh;
  }
  await closeSettledStreams();
  return null;
}

/**
 * Whether a claim could find anything: a queued message that is due, a batch due for a retry
 * or whose lease ran out, a scheduled stream whose time has come. One query over three small
 * indexes, instead of the four statements of a full round of claims, for the idle poll.
 */
async function anythingDue() {
  const o = outboundEmails;
  const b = mailBatches;
  const s = mailStreams;
  const [row] = await selectRows<{ due: boolean }>(
    db,
    sql`
      SELECT (
        EXISTS (SELECT 1 FROM ${o} WHERE ${o.lane} IN ('interactive', 'bulk')
          AND ${o.status} = 'queued' AND ${o.notBefore} <= now())
        OR EXISTS (SELECT 1 FROM ${b} WHERE ${b.status} = 'sending'
          AND ${b.lane} IN ('interactive', 'bulk') AND ${b.nextAttemptAt} <= now()
          AND (${b.leaseUntil} IS NULL OR ${b.leaseUntil} < now()))
        OR EXISTS (SELECT 1 FROM ${s} WHERE ${s.status} = 'scheduled' AND ${s.notBefore} <= now())
      ) AS due`,
  );
  return Boolean(row?.due);
}

let lastSettledSweep = 0;

/**
 * A safety net, at most every few seconds while idle: a stream whose messages are all settled
 * but that is still open (a process died between its last batch and the stream's record) is
 * closed, so its announcement does not stay "sending".
 */
async function closeSettledStreams() {
  if (Date.now() - lastSettledSweep < 5_000) return;
  lastSettledSweep = Date.now();
  const s = alias(mailStreams, 's');
  const o = alias(outboundEmails, 'o');
  const open = await selectRows<{ id: string }>(
    db,
    sql`
      SELECT ${s.id} FROM ${mailStreams} AS ${s}
      WHERE ${s.status} = 'sending' AND NOT EXISTS (
        SELECT 1 FROM ${outboundEmails} AS ${o}
        WHERE ${o.streamId} = ${s.id} AND ${o.status} IN ('queued', 'sending'))
      LIMIT 20`,
  );
  for (const { id } of open) await finishStreamIfDone(id);
}

/** A batch whose retry is due, or whose lease ran out (its process died or hung). */
async function claimDueBatch(lane: MailLane): Promise<ClaimedBatch | null> {
  const b = mailBatches;
  // The batch to take, chosen and locked in a subquery over the same table.
  const due = alias(mailBatches, 'due');
  const [row] = await selectRows<{
    id: string;
    lane: MailLane;
    stream_id: string | null;
    recipients: FrozenRecipient[] | string;
    attempts: number;
  }>(
    db,
    sql`
      UPDATE ${b}
      SET ${columnName(b.leaseOwner)} = ${WORKER_ID},
        ${columnName(b.leaseUntil)} = now() + ${leaseInterval()}
      WHERE ${b.id} = (
        SELECT ${due.id} FROM ${b} AS ${due}
        WHERE ${due.status} = 'sending' AND ${due.lane} = ${lane} AND ${due.nextAttemptAt} <= now()
          AND (${due.leaseUntil} IS NULL OR ${due.leaseUntil} < now()${
            abandoned.size > 0
              ? sql` OR (${due.leaseOwner} = ${WORKER_ID} AND ${due.id} IN (${sql.join(
                  [...abandoned].map((id) => sql`${id}`),
                  sql`, `,
                )}))`
              : sql``
          })
        ORDER BY ${due.nextAttemptAt} LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${b.id}, ${b.lane}, ${b.streamId}, ${b.recipients}, ${b.attempts}`,
  );
  if (!row) return null;
  abandoned.delete(row.id);
  return {
    id: row.id,
    lane: row.lane,
    streamId: row.stream_id,
    recipients: typeof row.recipients === 'string' ? JSON.parse(row.recipients) : row.recipients,
    attempts: Number(row.attempts),
  };
}

/**
 * A new batch: for the interactive lane, the waiting interactive messages — and, when there
 * are fewer than 100 of them and bulk mail is flowing, the rest of the batch filled from the
 * fairest bulk stream, so a sign-in code rides in the very next request and costs the bulk
 * mail no request of its own. For the bulk lane, up to 100 messages of the fairest stream.
 */
async function claimNewBatch(lane: MailLane): Promise<ClaimedBatch | 'skipped_only' | null> {
  if (lane === 'interactive' && !(await interactiveMailWaiting())) return null;
  // Chosen before the transaction: on embedded PGlite every statement shares one connection,
  // so nothing may run beside an open transaction.
  const streamId = await fairestStream();
  if (lane === 'bulk' && !streamId) return null;
  const claimed = await db.transaction(async (tx) => {
    const messages: OutboundMessage[] = [];
    if (lane === 'interactive') {
      messages.push(...(await queuedMessages(tx, { lane: 'interactive' }, MAX_BATCH)));
      if (messages.length === 0) return null;
    }
    // A share lock: any number of claims of one stream run side by side, while a cancel of a
    // scheduled send (which locks the row for update) waits for them and then sees what they
    // claimed — a cancel and a first claim cannot both win.
    const [open] = streamId
      ? await selectRows<{ id: string }>(
          tx,
          sql`
            SELECT ${mailStreams.id} FROM ${mailStreams}
            WHERE ${mailStreams.id} = ${streamId} AND ${mailStreams.status} = 'sending' FOR SHARE`,
        )
      : [];
    if (open && messages.length < MAX_BATCH) {
      messages.push(
        ...(await queuedMessages(
          tx,
          { lane: 'bulk', streamId: open.id },
          MAX_BATCH - messages.length,
        )),
      );
    }
    if (messages.length === 0) return null;
    const batchStreamId = messages.find((m) => m.lane === 'bulk')?.streamId ?? null;

    const frozen: { message: OutboundMessage; recipient: FrozenRecipient }[] = [];
    const skipped: { message: OutboundMessage; reason: string }[] = [];
    for (const [kind, ofKind] of groupBy(messages, (m) => m.kind)) {
      const verdicts = await mailKindHandler(kind).freeze(tx, ofKind);
      for (const message of ofKind) {
        const verdict = verdicts.get(message.id) ?? { skip: 'not_due' };
        if ('skip' in verdict) skipped.push({ message, reason: verdict.skip });
        else frozen.push({ message, recipient: verdict.recipient });
      }
    }
    if (skipped.length > 0) {
      await tx
        .update(outboundEmails)
        .set({ status: 'skipped', skipReason: sql`v.reason` as never })
        .from(
          sql`(VALUES ${sql.join(
            skipped.map((s) => sql`(${s.message.id}, ${s.reason})`),
            sql`, `,
          )}) AS v(id, reason)`,
        )
        .where(sql`${outboundEmails.id} = v.id`);
      await recordInDomain(tx, { sent: [], failed: [], skipped });
    }
    if (frozen.length === 0) return 'skipped_only' as const;
    const batchId = generateId();
    const recipients = frozen.map((f) => f.recipient);
    await tx.insert(mailBatches).values({
      id: batchId,
      lane,
      streamId: batchStreamId,
      recipients,
      leaseOwner: WORKER_ID,
      leaseUntil: sql`now() + ${leaseInterval()}` as never,
    });
    await tx
      .update(outboundEmails)
      .set({ status: 'sending', batchId, toAddress: sql`v.to_address` as never })
      .from(
        sql`(VALUES ${sql.join(
          recipients.map((r) => sql`(${r.m}, ${r.to})`),
          sql`, `,
        )}) AS v(id, to_address)`,
      )
      .where(sql`${outboundEmails.id} = v.id`);
    return {
      id: batchId,
      lane,
      streamId: batchStreamId,
      recipients,
      attempts: 0,
      messages: frozen.map((f) => f.message),
    };
  });
  if (streamId && claimed === 'skipped_only') await finishStreamIfDone(streamId);
  return claimed;
}

async function interactiveMailWaiting() {
  const o = outboundEmails;
  const [row] = await selectRows<{ one: number }>(
    db,
    sql`
      SELECT 1 AS one FROM ${o}
      WHERE ${o.lane} = 'interactive' AND ${o.status} = 'queued' AND ${o.notBefore} <= now() LIMIT 1`,
  );
  return Boolean(row);
}

function queuedMessages(
  tx: DbOrTx,
  from: { lane: MailLane; streamId?: string },
  limit: number,
): Promise<OutboundMessage[]> {
  return tx
    .select()
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.lane, from.lane),
        eq(outboundEmails.status, 'queued'),
        lte(outboundEmails.notBefore, sql`now()`),
        from.streamId ? eq(outboundEmails.streamId, from.streamId) : undefined,
      ),
    )
    .orderBy(asc(outboundEmails.createdAt), asc(outboundEmails.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * The bulk stream to serve next: urgent ones first, then the event that was served longest
 * ago, then that event's stream served longest ago — so one event's 60,000 invitations and
 * another event's announcement take turns, and a scheduled stream waits for its time.
 */
async function fairestStream(): Promise<string | null> {
  // A scheduled stream whose time has come starts now (once; a cancel that won the row
  // lock first leaves nothing to start).
  const streams = mailStreams;
  await db.execute(sql`
    UPDATE ${streams} SET ${columnName(streams.status)} = 'sending', ${columnName(streams.startedAt)} = now()
    WHERE ${streams.status} = 'scheduled' AND ${streams.notBefore} <= now()`);
  const s = alias(mailStreams, 's');
  const o = alias(outboundEmails, 'o');
  // The same event's streams, for when that event was served last.
  const e = alias(mailStreams, 'e');
  const [candidate] = await selectRows<{ id: string }>(
    db,
    sql`
      SELECT ${s.id} FROM ${streams} AS ${s}
      WHERE ${s.status} = 'sending' AND ${s.notBefore} <= now()
        AND EXISTS (
          SELECT 1 FROM ${outboundEmails} AS ${o}
          WHERE ${o.streamId} = ${s.id} AND ${o.status} = 'queued' AND ${o.notBefore} <= now())
      ORDER BY ${s.urgent} DESC,
        (SELECT max(${e.lastServedAt}) FROM ${streams} AS ${e} WHERE ${e.eventId} = ${s.eventId}) ASC NULLS FIRST,
        ${s.lastServedAt} ASC NULLS FIRST, ${s.createdAt}, ${s.id}
      LIMIT 1`,
  );
  if (!candidate) return null;
  // Fairness needs only a rough "served last at": one short statement, no lock held while the
  // batch is frozen.
  await db.execute(sql`
    UPDATE ${streams}
    SET ${columnName(streams.lastServedAt)} = clock_timestamp(),
      ${columnName(streams.startedAt)} = coalesce(${streams.startedAt}, now())
    WHERE ${streams.id} = ${candidate.id} AND ${streams.status} = 'sending'`);
  return candidate.id;
}

async function sendBatch(batch: ClaimedBatch): Promise<DispatchResult> {
  const messages =
    batch.messages ??
    (await db.select().from(outboundEmails).where(eq(outboundEmails.batchId, batch.id)));
  const byId = new Map(messages.map((m) => [m.id, m]));
  const entries = batch.recipients.flatMap((recipient) => {
    const message = byId.get(recipient.m);
    return message ? [{ message, recipient }] : [];
  });
  if (entries.length !== batch.recipients.length) {
    // Only possible if a row was deleted by hand: the payload can no longer be rebuilt.
    await finishBatch(batch, { kind: 'rejected', message: 'message rows missing' }, entries);
    return 'failed';
  }
  // Building and encoding a full batch are the longest synchronous steps of a sender loop
  // (1.5 MB of JSON for 100 invitations): each waits for a moment when it cannot make this
  // process's next send late. A batch of a few sign-in codes has no such step.
  const heavy = entries.length >= HEAVY_BATCH;
  if (heavy) await waitForQuietMoment();
  const emails = [];
  for (const [kind, ofKind] of groupBy(entries, (e) => e.message.kind)) {
    emails.push(...(await mailKindHandler(kind).build(ofKind)));
  }
  // Same order as the frozen recipient list, whatever the grouping by kind did.
  const order = new Map(batch.recipients.map((r, index) => [r.m, index]));
  emails.sort((a, b) => order.get(a.messageId)! - order.get(b.messageId)!);

  if (heavy) await waitForQuietMoment();
  const outcome = await sendToProvider(emails, `startline-batch-${batch.id}`, {
    beforeRequest: () => waitForSendSlot(env.MAIL_RATE_PER_SECOND, batch.lane),
  });

  if (outcome.kind === 'accepted' || outcome.kind === 'rejected') {
    await finishBatch(batch, outcome, entries);
    return outcome.kind === 'accepted' ? 'sent' : 'failed';
  }
  if (outcome.kind === 'rate_limited') {
    // Every process holds off, not only this one.
    await pauseSending(Math.min(outcome.retryAfterSeconds, 300));
  }
  const attempts = batch.attempts + 1;
  recordMailRetry(batch.lane, outcome.kind === 'rate_limited');
  const limit = outcome.kind === 'rate_limited' ? MAX_RATE_LIMITED_ATTEMPTS : MAIL_MAX_ATTEMPTS;
  if (attempts >= limit) {
    await finishBatch(batch, { kind: 'rejected', message: `gave up: ${outcome.message}` }, entries);
    return 'failed';
  }
  const delayMs =
    outcome.kind === 'rate_limited'
      ? outcome.retryAfterSeconds * 1000
      : Math.min(60_000, 500 * 2 ** (attempts - 1)) * (0.75 + Math.random() / 2);
  const b = mailBatches;
  await db.execute(sql`
    UPDATE ${b}
    SET ${columnName(b.attempts)} = ${attempts}, ${columnName(b.lastError)} = ${outcome.message},
      ${columnName(b.nextAttemptAt)} = now() + make_interval(secs => ${delayMs / 1000}),
      ${columnName(b.leaseOwner)} = NULL, ${columnName(b.leaseUntil)} = NULL
    WHERE ${b.id} = ${batch.id} AND ${b.leaseOwner} = ${WORKER_ID} AND ${b.status} = 'sending'`);
  logger.warn('mail.batch_retry', { batchId: batch.id, attempts, reason: outcome.message });
  return 'retry_later';
}

async function finishBatch(
  batch: ClaimedBatch,
  outcome: Extract<ProviderOutcome, { kind: 'accepted' | 'rejected' }>,
  entries: { message: OutboundMessage; recipient: FrozenRecipient }[],
) {
  // Results are matched to the frozen recipient list (message ids), which never changes
  // between attempts: the answer to a replayed request belongs to the same people.
  const sent: { message: OutboundMessage; providerId: string }[] = [];
  const failed: { message: OutboundMessage; reason: string }[] = [];
  entries.forEach(({ message }, index) => {
    if (outcome.kind === 'rejected') {
      failed.push({ message, reason: outcome.message });
      return;
    }
    const result = outcome.results[index];
    if (result && 'id' in result) sent.push({ message, providerId: result.id });
    else failed.push({ message, reason: (result?.error ?? 'no answer').slice(0, 500) });
  });
  let recorded = false;
  const b = mailBatches;
  await db.transaction(async (tx) => {
    const [still] = await selectRows<{ id: string }>(
      tx,
      sql`
        UPDATE ${b}
        SET ${columnName(b.status)} = ${outcome.kind === 'accepted' ? 'sent' : 'failed'},
          ${columnName(b.doneAt)} = now(),
          ${columnName(b.attempts)} = ${b.attempts} + 1,
          ${columnName(b.leaseOwner)} = NULL, ${columnName(b.leaseUntil)} = NULL,
          ${columnName(b.lastError)} = ${outcome.kind === 'rejected' ? outcome.message : null},
          ${columnName(b.recipients)} = '[]'::jsonb
        WHERE ${b.id} = ${batch.id} AND ${b.status} = 'sending'
        RETURNING ${b.id}`,
    );
    // Another process finished it (our lease ran out meanwhile): its record stands.
    if (!still) return;
    if (sent.length > 0) {
      await tx
        .update(outboundEmails)
        .set({
          status: 'sent',
          sentAt: new Date(),
          providerMessageId: sql`v.pid` as never,
          lastError: null,
        })
        .from(
          sql`(VALUES ${sql.join(
            sent.map((s) => sql`(${s.message.id}, ${s.providerId})`),
            sql`, `,
          )}) AS v(id, pid)`,
        )
        .where(sql`${outboundEmails.id} = v.id`);
    }
    if (failed.length > 0) {
      await tx
        .update(outboundEmails)
        .set({ status: 'failed', lastError: sql`v.reason` as never })
        .from(
          sql`(VALUES ${sql.join(
            failed.map((f) => sql`(${f.message.id}, ${f.reason})`),
            sql`, `,
          )}) AS v(id, reason)`,
        )
        .where(sql`${outboundEmails.id} = v.id`);
      logger.error('mail.failed', {
        batchId: batch.id,
        count: failed.length,
        reason: failed[0].reason,
      });
    }
    await recordInDomain(tx, { sent, failed, skipped: [] });
    await tx
      .delete(outboundEmails)
      .where(and(eq(outboundEmails.batchId, batch.id), eq(outboundEmails.eraseAfterSend, true)));
    recorded = true;
  });
  // Counted once committed, and only by the process whose record stands.
  if (recorded) {
    recordMailOutcome({
      sent: sent.map((s) => s.message.kind),
      failed: failed.map((f) => f.message.kind),
    });
  }
  if (batch.streamId) await finishStreamIfDone(batch.streamId);
}

async function recordInDomain(
  tx: DbOrTx,
  outcome: {
    sent: { message: OutboundMessage; providerId: string }[];
    failed: { message: OutboundMessage; reason: string }[];
    skipped: { message: OutboundMessage; reason: string }[];
  },
) {
  const kinds = new Set(
    [...outcome.sent, ...outcome.failed, ...outcome.skipped].map((x) => x.message.kind),
  );
  for (const kind of kinds) {
    const handler = mailKindHandler(kind);
    if (!handler.record) continue;
    await handler.record(tx, {
      sent: outcome.sent.filter((x) => x.message.kind === kind),
      failed: outcome.failed.filter((x) => x.message.kind === kind),
      skipped: outcome.skipped.filter((x) => x.message.kind === kind),
    });
  }
}

/** Hooks run when a stream's last message is settled (e.g. the announcement becomes "sent"). */
export type StreamFinishedHook = (
  tx: DbOrTx,
  stream: { id: string; kind: string; subjectId: string },
) => Promise<void>;

const streamFinishedHooks: StreamFinishedHook[] = [];

/** Called by start-up (decision 103); a hook registered again is not run twice. */
export function onStreamFinished(hook: StreamFinishedHook) {
  if (!streamFinishedHooks.includes(hook)) streamFinishedHooks.push(hook);
}

/**
 * Closes the stream once none of its messages is queued or being sent. It runs after the
 * batch's own transaction has committed, so of two batches finishing at once the later check
 * sees both; the single UPDATE admits one closer, and the hooks run with it.
 */
async function finishStreamIfDone(streamId: string) {
  const streams = mailStreams;
  const o = outboundEmails;
  await db.transaction(async (tx) => {
    const [done] = await selectRows<{ id: string; kind: string; subject_id: string }>(
      tx,
      sql`
        UPDATE ${streams} SET ${columnName(streams.status)} = 'done', ${columnName(streams.finishedAt)} = now()
        WHERE ${streams.id} = ${streamId} AND ${streams.status} = 'sending'
          AND NOT EXISTS (
            SELECT 1 FROM ${o}
            WHERE ${o.streamId} = ${streamId} AND ${o.status} IN ('queued', 'sending'))
        RETURNING ${streams.id}, ${streams.kind}, ${streams.subjectId}`,
    );
    if (!done) return;
    for (const hook of streamFinishedHooks) {
      await hook(tx, { id: done.id, kind: done.kind, subjectId: done.subject_id });
    }
  });
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Sends everything that is due now, in this call (tests and scripts that need deterministic
 * completion). Retries that are not yet due are left for later, as a sender loop would.
 */
export async function drainOutbox(options: { maxRounds?: number } = {}) {
  let dispatched = 0;
  for (let round = 0; round < (options.maxRounds ?? 10_000); round += 1) {
    const result = await dispatchOnce();
    if (result === 'idle') break;
    dispatched += 1;
  }
  return dispatched;
}

let senders: { stop: () => Promise<void> } | null = null;

/**
 * Starts this process's sender loops. Each loop holds at most one batch, so a process keeps
 * `MAIL_SENDERS_PER_PROCESS` requests in flight while others wait for their slot. A loop that
 * meets an error (the database went away) logs it, waits and goes on: a restart of PostgreSQL
 * pauses sending, it does not end the process.
 */
export function startMailSenders(count = env.MAIL_SENDERS_PER_PROCESS) {
  if (senders) return;
  let running = true;
  resumeIdleWaits();
  const loops = Array.from({ length: count }, async (_, index) => {
    // Spread the loops' first polls a little.
    await sleep(index * 25);
    let failures = 0;
    while (running) {
      try {
        const result = await dispatchOnce();
        failures = 0;
        if (result === 'idle') await waitWhileIdle(env.MAIL_POLL_MS);
        else senderFoundWork();
      } catch (error) {
        failures += 1;
        logger.warn('mail.sender_error', { reason: String(error).slice(0, 300) });
        await sleep(Math.min(5_000, 200 * 2 ** Math.min(failures, 5)));
      }
    }
    // A loop of an earlier start that outlived its stop (a request that hung past the stop's
    // time limit) may have been the poller: the waiting loops choose another.
    wakeMailSenders();
  });
  senders = {
    stop: async () => {
      running = false;
      stopIdleWaits();
      await Promise.race([Promise.all(loops), sleep(5_000)]);
    },
  };
}

export async function stopMailSenders() {
  const current = senders;
  senders = null;
  await current?.stop();
}

/** Staff-facing: messages of a stream (or of no stream) that failed, and why, without who. */
export async function failedReasons(streamId: string) {
  return db
    .select({ reason: outboundEmails.lastError, count: sql<number>`count(*)::int` })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.streamId, streamId), eq(outboundEmails.status, 'failed')))
    .groupBy(outboundEmails.lastError)
    .orderBy(sql`count(*) DESC`)
    .limit(5);
}
