import { and, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { events, invitations, memberships, users } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { defineQueue, enqueue } from '~/modules/jobs/queue.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { generateToken, sha256 } from '~/modules/security/tokens.server';
import { isSuppressed } from './suppression.server';

export const INVITATION_TTL_DAYS = 30;
/** The one reminder goes out no earlier than this after the invitation. */
export const REMINDER_AFTER_DAYS = 3;
const DAY_MS = 86_400_000;

/** Invitations per send job: small enough to retry cheaply, few enough jobs for 60,000 rows. */
export const SEND_CHUNK = 500;

/**
 * The import commits one job; this splits its invitations into send jobs of SEND_CHUNK
 * (outside the upload's request, so a 60,000-row import does not wait for 120 enqueues).
 * Running it twice only queues duplicate chunks, which send nothing twice (see below).
 */
export const dispatchInvitationsQueue = await defineQueue<{ importId: string }>({
  name: 'invitations.dispatch',
  handler: async ({ importId }) => {
    const unsent = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.importId, importId),
          eq(invitations.status, 'pending'),
          isNull(invitations.sentAt),
        ),
      )
      .orderBy(invitations.id);
    for (let start = 0; start < unsent.length; start += SEND_CHUNK) {
      const invitationIds = unsent.slice(start, start + SEND_CHUNK).map((row) => row.id);
      await enqueue(sendInvitationsQueue, { invitationIds });
    }
  },
});

/**
 * Sending is a job, one per chunk of an import. Each invitation is claimed and its email
 * stored in one transaction (`sent_at IS NULL` → now), so a retried or duplicated job never
 * sends a second invitation to the same address (SPEC: at most one per address per event).
 */
export const sendInvitationsQueue = await defineQueue<{ invitationIds: string[] }>({
  name: 'invitations.send',
  handler: async ({ invitationIds }) => {
    for (const id of invitationIds) await sendInvitation(id);
    // The reminder job for this chunk waits until it may run; when it runs it re-checks every
    // condition, so a runner who joined or declined in the meantime hears nothing more.
    await enqueue(
      remindInvitationsQueue,
      { invitationIds },
      { startAfterSeconds: REMINDER_AFTER_DAYS * 86_400 + 3_600 },
    );
  },
});

export const remindInvitationsQueue = await defineQueue<{ invitationIds: string[] }>({
  name: 'invitations.remind',
  handler: async ({ invitationIds }) => {
    await sendReminders(invitationIds);
  },
});

export function joinUrl(token: string) {
  return `${env.APP_URL}/join/${token}`;
}

export function declineUrl(token: string) {
  return `${env.APP_URL}/join/${token}/decline`;
}

/**
 * RFC 8058 headers for an invitation: a mail client's "unsubscribe" is the same "don't invite
 * me again" as the email's link (app/routes/u.invitation.$token.tsx).
 */
export function invitationUnsubscribeHeaders(token: string) {
  return {
    'List-Unsubscribe': `<${env.APP_URL}/u/invitation/${token}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

const invitationWithEvent = {
  id: invitations.id,
  eventId: invitations.eventId,
  email: invitations.email,
  status: invitations.status,
  sentAt: invitations.sentAt,
  remindedAt: invitations.remindedAt,
  bouncedAt: invitations.bouncedAt,
  expiresAt: invitations.expiresAt,
  eventNameJa: events.nameJa,
  eventNameEn: events.nameEn,
  eventDate: events.eventDate,
  organizerNameJa: events.organizerNameJa,
  organizerNameEn: events.organizerNameEn,
  contactEmail: events.contactEmail,
};

async function hasMembership(tx: DbOrTx, eventId: string, email: string) {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.eventId, eventId), eq(users.email, email)));
  return Boolean(row);
}

/** Sends one invitation if it is still due; returns whether an email was stored. */
export async function sendInvitation(invitationId: string): Promise<boolean> {
  const token = generateToken();
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select(invitationWithEvent)
      .from(invitations)
      .innerJoin(events, eq(events.id, invitations.eventId))
      .where(eq(invitations.id, invitationId));
    if (!invitation || invitation.status !== 'pending' || invitation.sentAt) return false;
    // Checked again at send time: since the upload the address may have been suppressed (a
    // bounce or complaint) or its owner may have joined by event code.
    if (await isSuppressed(invitation.eventId, invitation.email, tx)) return false;
    if (await hasMembership(tx, invitation.eventId, invitation.email)) return false;

    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    const claimed = await tx
      .update(invitations)
      .set({ tokenHash: sha256(token), sentAt: new Date(), expiresAt })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.status, 'pending'),
          isNull(invitations.sentAt),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) return false;

    await sendEmail({
      tx,
      to: invitation.email,
      template: 'invitation',
      props: {
        ...emailEvent(invitation),
        joinUrl: joinUrl(token),
        declineUrl: declineUrl(token),
        expiresAt: expiresAt.toISOString(),
      },
      headers: invitationUnsubscribeHeaders(token),
    });
    return true;
  });
}

/**
 * The single reminder, for invitations that are still pending (not joined, declined, revoked
 * or bounced), not expired, sent at least REMINDER_AFTER_DAYS ago and never reminded. It
 * carries a token of its own; the first email's link keeps working too.
 */
export async function sendReminders(invitationIds: string[], now = new Date()) {
  let sent = 0;
  for (const id of invitationIds) {
    if (await sendReminder(id, now)) sent += 1;
  }
  return sent;
}

/** All reminders that are due now (for an operator or a scheduled sweep). */
export async function sendDueReminders(now = new Date()) {
  const due = await db.select({ id: invitations.id }).from(invitations).where(dueForReminder(now));
  return sendReminders(
    due.map((row) => row.id),
    now,
  );
}

function dueForReminder(now: Date) {
  return and(
    eq(invitations.status, 'pending'),
    isNotNull(invitations.sentAt),
    lte(invitations.sentAt, new Date(now.getTime() - REMINDER_AFTER_DAYS * DAY_MS)),
    isNull(invitations.remindedAt),
    isNull(invitations.bouncedAt),
    gt(invitations.expiresAt, now),
  );
}

async function sendReminder(invitationId: string, now: Date): Promise<boolean> {
  const token = generateToken();
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select(invitationWithEvent)
      .from(invitations)
      .innerJoin(events, eq(events.id, invitations.eventId))
      .where(and(eq(invitations.id, invitationId), dueForReminder(now)));
    if (!invitation) return false;
    if (await isSuppressed(invitation.eventId, invitation.email, tx)) return false;
    if (await hasMembership(tx, invitation.eventId, invitation.email)) return false;

    const claimed = await tx
      .update(invitations)
      .set({ reminderTokenHash: sha256(token), remindedAt: now })
      .where(and(eq(invitations.id, invitationId), dueForReminder(now)))
      .returning({ expiresAt: invitations.expiresAt });
    if (claimed.length === 0) return false;

    await sendEmail({
      tx,
      to: invitation.email,
      template: 'invitation-reminder',
      props: {
        ...emailEvent(invitation),
        joinUrl: joinUrl(token),
        declineUrl: declineUrl(token),
        expiresAt: claimed[0].expiresAt.toISOString(),
      },
      headers: invitationUnsubscribeHeaders(token),
    });
    return true;
  });
}

function emailEvent(row: {
  eventNameJa: string;
  eventNameEn: string;
  eventDate: string;
  organizerNameJa: string;
  organizerNameEn: string;
  contactEmail: string;
}) {
  return {
    eventNameJa: row.eventNameJa,
    eventNameEn: row.eventNameEn,
    eventDate: row.eventDate,
    organizerNameJa: row.organizerNameJa,
    organizerNameEn: row.organizerNameEn,
    contactEmail: row.contactEmail,
  };
}
