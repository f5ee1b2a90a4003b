import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import {
  memberships,
  relayAttachments,
  relayMessages,
  relayThreads,
  type RelayMessageNote,
  type RelaySource,
} from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { enqueue } from '~/modules/jobs/queue.server';
import { mailAnswerToMember } from './relay-delivery.server';
import { eraseAttachmentFilesQueue, insertMessage } from './relay-threads.server';

/**
 * Staff answers (from the inbox page or by email through the staff relay) and the review of
 * held messages. Only editors and owners get here (the routes and the inbound check make sure);
 * each answer is a send, so it is written to the audit log (P10) with the member's alias.
 */

async function threadInEvent(tx: DbOrTx, eventId: string, threadId: string) {
  const [row] = await tx
    .select({
      id: relayThreads.id,
      membershipId: relayThreads.membershipId,
      aliasNumber: memberships.aliasNumber,
      memberActive: memberships.status,
    })
    .from(relayThreads)
    .innerJoin(memberships, eq(memberships.id, relayThreads.membershipId))
    .where(and(eq(relayThreads.id, threadId), eq(relayThreads.eventId, eventId)));
  return row ? { ...row, memberActive: row.memberActive === 'active' } : null;
}

export type AnswerResult =
  { ok: true; messageId: string } | { ok: false; reason: 'not_found' | 'member_left' };

export async function answerThread(
  input: {
    eventId: string;
    threadId: string;
    authorUserId: string;
    body: string;
    source: RelaySource;
    notes?: RelayMessageNote[];
  },
  tx?: DbOrTx,
): Promise<AnswerResult> {
  const run = async (t: DbOrTx): Promise<AnswerResult> => {
    const thread = await threadInEvent(t, input.eventId, input.threadId);
    if (!thread) return { ok: false, reason: 'not_found' };
    // Someone who left gets no more mail, and could no longer read the answer in the app.
    if (!thread.memberActive) return { ok: false, reason: 'member_left' };
    const messageId = await insertMessage(t, {
      threadId: thread.id,
      direction: 'staff_to_member',
      body: input.body,
      source: input.source,
      authorUserId: input.authorUserId,
      notes: input.notes,
    });
    await mailAnswerToMember(t, thread.id, input.body);
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.authorUserId,
        action: 'relay.answer',
        target: `membership:${thread.membershipId}`,
        detail: { alias: thread.aliasNumber, source: input.source },
      },
      t,
    );
    return { ok: true, messageId };
  };
  return tx ? run(tx) : db.transaction(run);
}

export type ReviewResult = { ok: true } | { ok: false; reason: 'not_found' | 'member_left' };

/**
 * Releases a held message: a member message joins the thread as the member's; a staff answer
 * that came from an unexpected address is sent to the member — on the reviewer's authority.
 */
export async function releaseHeld(input: {
  eventId: string;
  threadId: string;
  messageId: string;
  reviewerUserId: string;
}): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const thread = await threadInEvent(tx, input.eventId, input.threadId);
    if (!thread) return { ok: false, reason: 'not_found' };
    const [message] = await tx
      .select({
        id: relayMessages.id,
        direction: relayMessages.direction,
        body: relayMessages.body,
      })
      .from(relayMessages)
      .where(
        and(
          eq(relayMessages.id, input.messageId),
          eq(relayMessages.threadId, thread.id),
          eq(relayMessages.held, true),
        ),
      );
    if (!message) return { ok: false, reason: 'not_found' };
    if (message.direction === 'staff_to_member' && !thread.memberActive)
      return { ok: false, reason: 'member_left' };
    await tx
      .update(relayMessages)
      .set({ held: false, reviewedBy: input.reviewerUserId, reviewedAt: new Date() })
      .where(eq(relayMessages.id, message.id));
    if (message.direction === 'staff_to_member') {
      await tx
        .update(relayThreads)
        .set({ unreadByMember: true })
        .where(eq(relayThreads.id, thread.id));
      await mailAnswerToMember(tx, thread.id, message.body);
    }
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.reviewerUserId,
        action: 'relay.release',
        target: `membership:${thread.membershipId}`,
        detail: { alias: thread.aliasNumber, direction: message.direction },
      },
      tx,
    );
    return { ok: true };
  });
}

/** Discards a held message for good (its files are removed after the commit). */
export async function discardHeld(input: {
  eventId: string;
  threadId: string;
  messageId: string;
  reviewerUserId: string;
}): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const thread = await threadInEvent(tx, input.eventId, input.threadId);
    if (!thread) return { ok: false, reason: 'not_found' };
    const files = await tx
      .select({ key: relayAttachments.storageKey })
      .from(relayAttachments)
      .where(eq(relayAttachments.messageId, input.messageId));
    const deleted = await tx
      .delete(relayMessages)
      .where(
        and(
          eq(relayMessages.id, input.messageId),
          eq(relayMessages.threadId, thread.id),
          eq(relayMessages.held, true),
        ),
      )
      .returning({ direction: relayMessages.direction });
    if (deleted.length === 0) return { ok: false, reason: 'not_found' };
    if (files.length > 0)
      await enqueue(eraseAttachmentFilesQueue, { storageKeys: files.map((f) => f.key) }, { tx });
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.reviewerUserId,
        action: 'relay.discard',
        target: `membership:${thread.membershipId}`,
        detail: { alias: thread.aliasNumber, direction: deleted[0].direction },
      },
      tx,
    );
    return { ok: true };
  });
}
