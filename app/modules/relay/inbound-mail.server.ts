import { and, eq, inArray } from 'drizzle-orm';
import {
  eventStaff,
  memberships,
  relayInbound,
  relayThreads,
  users,
  type RelayInboundStatus,
} from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import type { WebhookHandler } from '~/modules/delivery/webhooks.server';
import { defineQueue, enqueue } from '~/modules/jobs/queue.server';
import { mailTransportKind } from '~/modules/mail/mail-provider.server';
import { resendClient } from '~/modules/mail/resend-client.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { hitRateLimit, type RateLimitRule } from '~/modules/rate-limit/rate-limit.server';
import { normalizeEmail } from '~/utils/normalize';
import { logger } from '~/utils/logger.server';
import { automatedReason, bareAddress, lowerCaseHeaders } from './automated-mail.server';
import { notifyStaffOfMessage } from './relay-delivery.server';
import {
  findRelayAddress,
  findStaffRelayAddress,
  parseRelayAddress,
  type RelayTarget,
} from './relay-address.server';
import {
  discardStored,
  keepAttachments,
  readCapped,
  safeFileName,
  type IncomingAttachment,
} from './relay-attachments.server';
import { ensureThread, insertMessage } from './relay-threads.server';
import { cleanReply, type CleaningLocale } from './reply-cleaning.server';
import { answerThread } from './staff-answers.server';

/**
 * Mail to a relay address (SPEC P6). The webhook route has verified the signature; here the
 * `email.received` event is recorded once per provider email id and handed to a job, so the
 * webhook answers at once. The job fetches the message from Resend and decides:
 *
 *   unknown or revoked address, left member   → rejected, nothing kept
 *   auto-reply, bounce, list mail (RFC 3834)   → dropped, nothing kept, nothing sent
 *   over the per-address rate limit            → dropped
 *   live address, the right sender             → stored in the thread (and relayed)
 *   live address, any other sender             → held for staff review, nobody mailed
 *
 * Only the outcome is kept in relay_inbound — never the sender, the recipients or the content
 * of mail that was not stored.
 */

/** Per relay address: a person replies a few times an hour; a loop or a flood does not. */
export const INBOUND_TOKEN_LIMIT: RateLimitRule = {
  bucket: 'relay-inbound',
  limit: 20,
  windowSeconds: 3600,
};

/**
 * Mail held for review (someone else writing to the address) counts in a bucket of its own:
 * a stranger flooding a member's relay address must not use up the member's own replies.
 */
function withinInboundLimit(subject: string, held: object | null) {
  return hitRateLimit(INBOUND_TOKEN_LIMIT, held ? `${subject}:held` : subject);
}

export const inboundMailQueue = defineQueue<{ providerEmailId: string }>({
  name: 'relay.inbound',
  retryLimit: 6,
  retryDelaySeconds: 30,
  handler: ({ providerEmailId }) => processInboundMail(providerEmailId),
});

/** Resend's `email.received`: stored once, then worked by the queue. Registered by start-up. */
export const recordReceivedEmail: WebhookHandler = async (event, { webhookId, tx }) => {
  const emailId =
    typeof event.data.email_id === 'string' ? event.data.email_id.slice(0, 200) : null;
  if (!emailId) return;
  const inserted = await tx
    .insert(relayInbound)
    .values({ providerEmailId: emailId, webhookId })
    .onConflictDoNothing({ target: relayInbound.providerEmailId })
    .returning({ id: relayInbound.providerEmailId });
  if (inserted.length > 0) await enqueue(inboundMailQueue, { providerEmailId: emailId }, { tx });
};

interface ReceivedEmail {
  from: string;
  to: string[];
  cc: string[];
  receivedFor: string[];
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  attachments: { id: string; filename: string | null; content_type: string; size: number | null }[];
}

/** The message from Resend; null when Resend does not know it. Throws on a transient error. */
async function fetchReceived(emailId: string): Promise<ReceivedEmail | null> {
  const { data, error } = await resendClient().emails.receiving.get(emailId);
  if (error || !data) {
    const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
    if (status === 404) return null;
    throw new Error(
      `Resend could not return the received email: ${status ?? 'network'} ${error?.name ?? ''}`,
    );
  }
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return {
    from: typeof data.from === 'string' ? data.from : '',
    to: list(data.to),
    cc: list(data.cc),
    receivedFor: list((data as { received_for?: unknown }).received_for),
    subject: typeof data.subject === 'string' ? data.subject : '',
    text: typeof data.text === 'string' ? data.text : null,
    html: typeof data.html === 'string' ? data.html : null,
    headers: Object.fromEntries(lowerCaseHeaders(data.headers ?? {})),
    attachments: (Array.isArray(data.attachments) ? data.attachments : []).map((a) => ({
      id: String(a.id),
      filename: a.filename ?? null,
      content_type: a.content_type ?? '',
      size: typeof a.size === 'number' ? a.size : null,
    })),
  };
}

function incomingAttachments(emailId: string, email: ReceivedEmail): IncomingAttachment[] {
  return email.attachments.map((file) => ({
    fileName: file.filename,
    declaredType: file.content_type,
    declaredSize: file.size,
    download: async (limit) => {
      const { data, error } = await resendClient().emails.receiving.attachments.get({
        emailId,
        id: file.id,
      });
      if (error || !data?.download_url) return null;
      const response = await fetch(data.download_url, { signal: AbortSignal.timeout(30_000) });
      return readCapped(response, limit);
    },
  }));
}

async function finish(
  emailId: string,
  status: RelayInboundStatus,
  reason: string | null,
  messageId: string | null = null,
) {
  await db
    .update(relayInbound)
    .set({ status, reason, messageId, processedAt: new Date() })
    .where(eq(relayInbound.providerEmailId, emailId));
  logger.info('relay.inbound', { status, reason });
}

/** The relay address this message was sent to: the envelope recipient first, then To and Cc. */
function relayTarget(email: ReceivedEmail): RelayTarget | null {
  for (const address of [...email.receivedFor, ...email.to, ...email.cc]) {
    const target = parseRelayAddress(address);
    if (target) return target;
  }
  return null;
}

/**
 * A From header alone proves little. When the receiving side recorded that DMARC failed, the
 * message is held even if the From matches.
 */
function failedAuthentication(headers: Record<string, string>) {
  return /\bdmarc=fail\b/i.test(headers['authentication-results'] ?? '');
}

export async function processInboundMail(emailId: string): Promise<void> {
  const [row] = await db
    .select({ status: relayInbound.status })
    .from(relayInbound)
    .where(eq(relayInbound.providerEmailId, emailId));
  if (!row || row.status !== 'queued') return;
  if (mailTransportKind() !== 'resend') return finish(emailId, 'rejected', 'no_provider');

  const email = await fetchReceived(emailId);
  if (!email) return finish(emailId, 'rejected', 'not_found');
  const target = relayTarget(email);
  if (!target) return finish(emailId, 'rejected', 'no_relay_address');
  const automated = automatedReason({
    from: email.from,
    subject: email.subject,
    headers: email.headers,
  });
  if (automated) return finish(emailId, 'dropped', automated);

  if (target.kind === 'member') return memberReply(emailId, email, target.token);
  return staffReply(emailId, email, target.token);
}

async function memberReply(emailId: string, email: ReceivedEmail, token: string) {
  const address = await findRelayAddress(token);
  const [member] = address
    ? await db
        .select({
          membershipId: memberships.id,
          eventId: memberships.eventId,
          status: memberships.status,
          email: users.email,
          locale: users.locale,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.id, address.membershipId))
    : [];
  // A rotated (revoked) token no longer matches; someone who left has no live address.
  if (!member || member.status !== 'active') return finish(emailId, 'rejected', 'unknown_token');

  const sender = bareAddress(email.from);
  const fromMember = sender === normalizeEmail(member.email);
  const held = !fromMember
    ? { reason: 'sender_mismatch' as const, senderMasked: maskEmail(sender) }
    : failedAuthentication(email.headers)
      ? { reason: 'unauthenticated' as const, senderMasked: maskEmail(sender) }
      : null;
  if (!(await withinInboundLimit(`member:${token}`, held)))
    return finish(emailId, 'dropped', 'rate_limited');
  const cleaned = cleanReply({
    text: email.text,
    html: email.html,
    keepAddress: held ? null : member.email,
    locale: member.locale as CleaningLocale,
  });
  const files = await keepAttachments(incomingAttachments(emailId, email));
  if (!cleaned.body && files.kept.length === 0) {
    await discardStored(files.kept.map((f) => f.storageKey));
    return finish(emailId, 'dropped', 'empty');
  }
  const notes = [
    ...files.notes,
    ...(cleaned.removedAddresses > 0
      ? [{ kind: 'addresses_removed' as const, count: cleaned.removedAddresses }]
      : []),
  ];
  try {
    await db.transaction(async (tx) => {
      const threadId = await ensureThread(tx, member.eventId, member.membershipId);
      const messageId = await insertMessage(tx, {
        threadId,
        direction: 'member_to_staff',
        body: cleaned.body,
        source: 'email',
        notes,
        held,
        attachments: files.kept,
      });
      if (!held)
        await notifyStaffOfMessage(tx, threadId, {
          body: cleaned.body,
          attachmentCount: files.kept.length,
        });
      await tx
        .update(relayInbound)
        .set({
          status: held ? 'held' : 'accepted',
          reason: held?.reason ?? null,
          messageId,
          processedAt: new Date(),
        })
        .where(eq(relayInbound.providerEmailId, emailId));
    });
  } catch (error) {
    await discardStored(files.kept.map((f) => f.storageKey));
    throw error;
  }
  logger.info('relay.inbound', {
    status: held ? 'held' : 'accepted',
    reason: held?.reason ?? null,
  });
}

async function staffReply(emailId: string, email: ReceivedEmail, token: string) {
  const address = await findStaffRelayAddress(token);
  const [thread] = address
    ? await db
        .select({
          id: relayThreads.id,
          eventId: relayThreads.eventId,
          memberStatus: memberships.status,
          memberLocale: users.locale,
        })
        .from(relayThreads)
        .innerJoin(memberships, eq(memberships.id, relayThreads.membershipId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(relayThreads.id, address.threadId))
    : [];
  if (!thread) return finish(emailId, 'rejected', 'unknown_token');
  if (thread.memberStatus !== 'active') return finish(emailId, 'rejected', 'member_left');

  // Only an editor or owner of this very event answers; a viewer, a former colleague or a
  // stranger who got hold of a notification is held for review.
  const sender = bareAddress(email.from);
  const [staff] = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(eventStaff, eq(eventStaff.userId, users.id))
    .where(
      and(
        eq(users.email, sender),
        eq(eventStaff.eventId, thread.eventId),
        inArray(eventStaff.role, ['editor', 'owner']),
      ),
    );
  const held = !staff
    ? { reason: 'sender_not_staff' as const, senderMasked: maskEmail(sender) }
    : failedAuthentication(email.headers)
      ? { reason: 'unauthenticated' as const, senderMasked: maskEmail(sender) }
      : null;
  if (!(await withinInboundLimit(`staff:${token}`, held)))
    return finish(emailId, 'dropped', 'rate_limited');
  // Every address goes, the staff member's own included: a mail client's automatic signature
  // must not reveal who at the office answered.
  const cleaned = cleanReply({
    text: email.text,
    html: email.html,
    keepAddress: null,
    locale: thread.memberLocale as CleaningLocale,
  });
  if (!cleaned.body) return finish(emailId, 'dropped', 'empty');
  // Answers are relayed as text; files are not passed on to the member (noted in the thread).
  const notes = [
    ...email.attachments.map((file, index) => ({
      kind: 'attachment_dropped' as const,
      fileName: safeFileName(file.filename, `attachment-${index + 1}`),
      reason: 'not_forwarded' as const,
    })),
    ...(cleaned.removedAddresses > 0
      ? [{ kind: 'addresses_removed' as const, count: cleaned.removedAddresses }]
      : []),
  ];
  await db.transaction(async (tx) => {
    let messageId: string | null = null;
    if (held) {
      messageId = await insertMessage(tx, {
        threadId: thread.id,
        direction: 'staff_to_member',
        body: cleaned.body,
        source: 'email',
        notes,
        held,
      });
    } else {
      const answered = await answerThread(
        {
          eventId: thread.eventId,
          threadId: thread.id,
          authorUserId: staff.userId,
          body: cleaned.body,
          source: 'email',
          notes,
        },
        tx,
      );
      messageId = answered.ok ? answered.messageId : null;
    }
    await tx
      .update(relayInbound)
      .set({
        status: held ? 'held' : 'accepted',
        reason: held?.reason ?? null,
        messageId,
        processedAt: new Date(),
      })
      .where(eq(relayInbound.providerEmailId, emailId));
  });
  logger.info('relay.inbound', {
    status: held ? 'held' : 'accepted',
    reason: held?.reason ?? null,
  });
}
