import { createHmac } from 'node:crypto';
import { and, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  events,
  invitations,
  mailContents,
  mailStreams,
  memberships,
  outboundEmails,
  suppressions,
  users,
  type FrozenRecipient,
} from '~db/schema';
import type { InvitationEmailProps } from '~emails/invitation';
import { env } from '~/env.server';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName, columnNames } from '~/modules/database/sql-names.server';
import { defineQueue, enqueue } from '~/modules/jobs/queue.server';
import { eventSender, mailFromDomain } from '~/modules/mail/event-sender.server';
import {
  defineMailKind,
  type FreezeVerdict,
  type MailKindHandler,
} from '~/modules/mail/mail-kinds.server';
import { refreshOutboxStatistics } from '~/modules/mail/outbox-statistics.server';
import { renderEmail } from '~/modules/mail/render-email.server';
import { generateId, sha256 } from '~/modules/security/tokens.server';
import { isSuppressed, suppressionHash } from './suppression.server';

export const INVITATION_TTL_DAYS = 30;
/** The one reminder goes out no earlier than this after the invitation. */
export const REMINDER_AFTER_DAYS = 3;
const DAY_MS = 86_400_000;
/** Invitation ids per reminder job (a 60,000-row import makes 12). */
const REMINDER_JOB_CHUNK = 5_000;

/**
 * Invitations go out as a *wave*: one bulk stream of the outbound pipeline per import (and one
 * per reminder round). The email is rendered once per wave with a placeholder for the link
 * token; each recipient's copy substitutes its own token, derived from the message id, so a
 * retry rebuilds the identical bytes and only the token's hash is ever stored. The
 * invitation itself is claimed (token hash, sent_at) when its batch is frozen, after one
 * more check that the address is not suppressed and not a member yet.
 */
const TOKEN_PLACEHOLDER = 'STARTLINE0INVITATION0TOKEN';
/**
 * The greeting's name (〇〇 様), substituted per recipient the same way: frozen with the
 * address when the batch is claimed, HTML-escaped in the HTML part.
 */
const NAME_PLACEHOLDER = 'STARTLINE0INVITEE0NAME';

/** What an invitation batch freezes per recipient: the address and the name to greet. */

/** The one email's props every invitation, reminder and resend shares. */
function invitationProps(event: typeof events.$inferSelect, expiresAt: Date): InvitationEmailProps {
  return {
    ...emailEvent({ ...event, eventNameJa: event.nameJa, eventNameEn: event.nameEn }),
    joinUrl: joinUrl(TOKEN_PLACEHOLDER),
    declineUrl: declineUrl(TOKEN_PLACEHOLDER),
    expiresAt: expiresAt.toISOString(),
    recipientName: NAME_PLACEHOLDER,
    senderDomain: mailFromDomain(),
  };
}

/** One recipient's copy of the content rendered for all: their token and their name. */
export function personalizeInvitation(
  content: { html: string; text: string },
  token: string,
  name: string,
) {
  const plainName = name.replace(/[\r\n]+/g, ' ').trim();
  // An entrant list without names (or a batch frozen before names were): a greeting to all,
  // found by the greeting's own wording in the message table, so the two cannot drift apart.
  const unnamed = (part: string) =>
    plainName
      ? part
      : (['ja', 'en'] as const).reduce(
          (text, lang) =>
            text.replaceAll(
              translate(lang, 'email.invitation.greeting', { name: NAME_PLACEHOLDER }),
              translate(lang, 'email.invitation.greetingAll'),
            ),
          part,
        );
  return {
    html: unnamed(content.html)
      .replaceAll(TOKEN_PLACEHOLDER, token)
      .replaceAll(NAME_PLACEHOLDER, escapeHtml(plainName)),
    text: unnamed(content.text)
      .replaceAll(TOKEN_PLACEHOLDER, token)
      .replaceAll(NAME_PLACEHOLDER, plainName),
  };
}

function escapeHtml(value: string) {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const dispatchInvitationsQueue = defineQueue<{ importId: string }>({
  name: 'invitations.dispatch',
  handler: async ({ importId }) => {
    const ids = await startInvitationWave(importId);
    // The reminder jobs wait until they may run; when they run they re-check every
    // condition, so a runner who joined or declined in the meantime hears nothing more.
    for (let start = 0; start < ids.length; start += REMINDER_JOB_CHUNK) {
      await enqueue(
        remindInvitationsQueue,
        { invitationIds: ids.slice(start, start + REMINDER_JOB_CHUNK) },
        { startAfterSeconds: REMINDER_AFTER_DAYS * 86_400 + 3_600 },
      );
    }
  },
});

export const remindInvitationsQueue = defineQueue<{ invitationIds: string[] }>({
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

/** HMAC(SESSION_SECRET, message id): 256 bits, the same on every retry of the same email. */
function invitationToken(messageId: string) {
  return createHmac('sha256', env.SESSION_SECRET)
    .update(`invitation:${messageId}`)
    .digest('base64url');
}

type WaveKind = 'invitation' | 'invitation_reminder';

/**
 * Queues one invitation email per pending, never-sent invitation of the import, as one wave.
 * Returns the invitation ids queued. Running it twice queues nothing twice (one message per
 * invitation and kind, by unique index).
 */
export async function startInvitationWave(importId: string): Promise<string[]> {
  return startWave('invitation', importId, [
    eq(invitations.importId, importId),
    eq(invitations.status, 'pending'),
    isNull(invitations.sentAt),
  ]);
}

/**
 * The single reminder, for invitations that are still pending (not joined, declined, revoked
 * or bounced), not expired, sent at least REMINDER_AFTER_DAYS ago and never reminded. It
 * carries a token of its own; the first email's link keeps working too. Returns how many
 * reminders were queued.
 */
export async function sendReminders(invitationIds: string[], now = new Date()) {
  if (invitationIds.length === 0) return 0;
  const queued = await startWave('invitation_reminder', `remind-${generateId()}`, [
    inArray(invitations.id, invitationIds),
    dueForReminder(now),
  ]);
  return queued.length;
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

async function startWave(kind: WaveKind, subjectId: string, where: (SQL | undefined)[]) {
  const due = and(...where)!;
  const perEvent = await db
    .selectDistinct({ eventId: invitations.eventId })
    .from(invitations)
    .where(due);
  const queued: string[] = [];
  for (const { eventId } of perEvent) {
    queued.push(
      ...(await queueWaveForEvent(
        kind,
        subjectId,
        eventId,
        and(due, eq(invitations.eventId, eventId))!,
      )),
    );
  }
  await refreshOutboxStatistics(queued.length);
  return queued;
}

/** One stream for the event's due invitations, its email rendered once, set-based inserts. */
async function queueWaveForEvent(kind: WaveKind, subjectId: string, eventId: string, due: SQL) {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) return [];
  // The expiry shown in the first email; the reminder shows the invitations' own expiry,
  // which is the same date for a whole wave sent the same day.
  const [first] = await db
    .select({ expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(due)
    .limit(1);
  const expiresAt =
    kind === 'invitation'
      ? new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS)
      : (first?.expiresAt ?? new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS));
  const template = kind === 'invitation' ? 'invitation' : 'invitation-reminder';
  const rendered = await renderEmail(template, invitationProps(event, expiresAt));
  const streamId = generateId();
  const contentId = generateId();
  const o = outboundEmails;
  return db.transaction(async (tx) => {
    // `due` names invitations' columns qualified, so the table is read under its own name.
    const inserted = await selectRows<{ invitation_id: string }>(
      tx,
      sql`
      INSERT INTO ${o} (${columnNames(o.id, o.lane, o.kind, o.streamId, o.eventId, o.template, o.contentId, o.invitationId, o.fromAddress)})
      SELECT ${kind} || '-' || ${invitations.id}, 'bulk', ${kind}, ${streamId}, ${eventId}, ${template}, ${contentId}, ${invitations.id}, ${eventSender(event)}
      FROM ${invitations} WHERE ${due}
      ON CONFLICT DO NOTHING
      RETURNING ${o.invitationId}`,
    );
    const ids = inserted.map((r) => r.invitation_id);
    if (ids.length === 0) return [];
    await tx.insert(mailStreams).values({
      id: streamId,
      eventId,
      kind: kind === 'invitation' ? 'invitation_wave' : 'reminder_wave',
      subjectId,
      total: ids.length,
    });
    await tx.insert(mailContents).values({
      id: contentId,
      streamId,
      template,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      meta: { expiresAt: expiresAt.toISOString() },
    });
    return ids;
  });
}

/**
 * At the batch's first claim: the invitation must still be due (pending, not sent or not yet
 * reminded), its address not suppressed and its owner not a member already (they may have
 * joined by event code since the upload). The claim writes the token's hash and the time.
 */
async function freezeInvitations(
  tx: DbOrTx,
  kind: WaveKind,
  messages: { id: string; invitationId: string | null; contentId: string | null }[],
): Promise<Map<string, FreezeVerdict>> {
  const now = new Date();
  const o = alias(outboundEmails, 'o');
  const i = alias(invitations, 'i');
  const m = alias(memberships, 'm');
  const u = alias(users, 'u');
  const c = alias(mailContents, 'c');
  const found = await selectRows<{
    message_id: string;
    invitation_id: string;
    event_id: string;
    email: string;
    name: string;
    due: boolean;
    member: boolean;
    expires_at: string;
  }>(
    tx,
    sql`
      SELECT ${o.id} AS message_id, ${i.id} AS invitation_id, ${i.eventId}, ${i.email}, ${i.name},
        (${kind === 'invitation' ? sql`${i.status} = 'pending' AND ${i.sentAt} IS NULL` : sql`${i.status} = 'pending' AND ${i.sentAt} IS NOT NULL AND ${i.remindedAt} IS NULL AND ${i.bouncedAt} IS NULL AND ${i.expiresAt} > now()`}) AS due,
        EXISTS (
          SELECT 1 FROM ${memberships} AS ${m} JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
          WHERE ${m.eventId} = ${i.eventId} AND ${u.email} = ${i.email}) AS member,
        coalesce(${c.meta}->>'expiresAt', ${i.expiresAt}::text) AS expires_at
      FROM ${outboundEmails} AS ${o}
      JOIN ${invitations} AS ${i} ON ${i.id} = ${o.invitationId}
      LEFT JOIN ${mailContents} AS ${c} ON ${c.id} = ${o.contentId}
      WHERE ${o.id} IN (${sql.join(
        messages.map((message) => sql`${message.id}`),
        sql`, `,
      )})`,
  );
  const hashes = found.map((f) => suppressionHash(f.email));
  const suppressed = new Set(
    hashes.length === 0
      ? []
      : (
          await selectRows<{ email_hash: string }>(
            tx,
            sql`
            SELECT ${suppressions.emailHash} FROM ${suppressions}
            WHERE ${suppressions.eventId} = ${found[0]?.event_id ?? ''} AND ${suppressions.emailHash} IN (${sql.join(
              hashes.map((h) => sql`${h}`),
              sql`, `,
            )})`,
          )
        ).map((r) => r.email_hash),
  );
  const verdicts = new Map<string, FreezeVerdict>();
  const claimed: { invitationId: string; tokenHash: string; expiresAt: string }[] = [];
  for (const f of found) {
    if (!f.due) verdicts.set(f.message_id, { skip: 'not_due' });
    else if (suppressed.has(suppressionHash(f.email)))
      verdicts.set(f.message_id, { skip: 'suppressed' });
    else if (f.member) verdicts.set(f.message_id, { skip: 'already_member' });
    else {
      const recipient: FrozenRecipient = { m: f.message_id, to: f.email, name: f.name };
      verdicts.set(f.message_id, { recipient });
      claimed.push({
        invitationId: f.invitation_id,
        tokenHash: sha256(invitationToken(f.message_id)),
        expiresAt: new Date(f.expires_at).toISOString(),
      });
    }
  }
  if (claimed.length > 0) {
    const values = sql.join(
      claimed.map(
        (claim) =>
          sql`(${claim.invitationId}, ${claim.tokenHash}, ${claim.expiresAt}::timestamptz)`,
      ),
      sql`, `,
    );
    const inv = invitations;
    await tx.execute(
      kind === 'invitation'
        ? sql`
          UPDATE ${inv}
          SET ${columnName(inv.tokenHash)} = v.hash, ${columnName(inv.sentAt)} = ${now.toISOString()}::timestamptz,
            ${columnName(inv.expiresAt)} = v.expires_at
          FROM (VALUES ${values}) AS v(id, hash, expires_at)
          WHERE ${inv.id} = v.id AND ${inv.sentAt} IS NULL`
        : sql`
          UPDATE ${inv}
          SET ${columnName(inv.reminderTokenHash)} = v.hash,
            ${columnName(inv.remindedAt)} = ${now.toISOString()}::timestamptz
          FROM (VALUES ${values}) AS v(id, hash, expires_at)
          WHERE ${inv.id} = v.id AND ${inv.remindedAt} IS NULL`,
    );
  }
  return verdicts;
}

const contentCache = new Map<string, { subject: string; html: string; text: string }>();

async function waveContent(contentId: string) {
  const cached = contentCache.get(contentId);
  if (cached) return cached;
  const [row] = await db.select().from(mailContents).where(eq(mailContents.id, contentId));
  if (!row) throw new Error(`mail content ${contentId} is missing`);
  if (contentCache.size > 100) contentCache.clear();
  contentCache.set(contentId, row);
  return row;
}

/** The invitation kinds of the outbound pipeline; start-up registers them (decision 103). */
export const invitationMailKinds: MailKindHandler[] = [];

for (const kind of ['invitation', 'invitation_reminder'] as const) {
  const handler = defineMailKind({
    kind,
    freeze: (tx, messages) => freezeInvitations(tx, kind, messages),
    async build(entries) {
      return Promise.all(
        entries.map(async ({ message, recipient }) => {
          const content = await waveContent(message.contentId!);
          const token = invitationToken(message.id);
          const personal = personalizeInvitation(content, token, recipient.name ?? '');
          return {
            messageId: message.id,
            to: recipient.to,
            from: message.fromAddress ?? env.MAIL_FROM,
            replyTo: null,
            subject: content.subject,
            html: personal.html,
            text: personal.text,
            headers: invitationUnsubscribeHeaders(token),
          };
        }),
      );
    },
  });
  invitationMailKinds.push(handler);
}

/**
 * Staff sent the invitation again from the invitations page, or to a corrected address: a
 * person is usually waiting on the phone, so it rides the interactive lane (ahead of any bulk
 * wave, decision 080) as a message of its own. Rendered now with the token placeholder; the
 * token itself is derived from the message id when it goes out, as for a wave.
 */
export async function queueInvitationResend(
  tx: DbOrTx,
  invitation: { id: string; eventId: string; expiresAt: Date },
): Promise<string> {
  const [event] = await tx.select().from(events).where(eq(events.id, invitation.eventId));
  if (!event) throw new Error(`event ${invitation.eventId} is missing`);
  const expiresAt = invitation.expiresAt;
  const rendered = await renderEmail('invitation', invitationProps(event, expiresAt));
  const id = `invitation_resend-${generateId()}`;
  await tx.insert(outboundEmails).values({
    id,
    lane: 'interactive',
    kind: 'invitation_resend',
    eventId: invitation.eventId,
    template: 'invitation',
    fromAddress: eventSender(event),
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    invitationId: invitation.id,
  });
  return id;
}

/**
 * Mail of an invitation that has not been handed to the provider yet is cancelled when its
 * address is corrected or the invitation revoked (it would reach the wrong person), or when
 * staff resend (it would only repeat the new email).
 */
export async function cancelQueuedInvitationMail(tx: DbOrTx, invitationId: string) {
  await tx
    .update(outboundEmails)
    .set({ status: 'cancelled', skipReason: 'superseded' })
    .where(and(eq(outboundEmails.invitationId, invitationId), eq(outboundEmails.status, 'queued')));
}

/**
 * At the claim: still pending (not joined, declined or revoked), the address not suppressed
 * and not a member yet. The claim writes the new token's hash — the older emails' links stop
 * working, so only the newest email opens the join page — and a fresh expiry.
 */
async function freezeResends(
  tx: DbOrTx,
  messages: { id: string; invitationId: string | null }[],
): Promise<Map<string, FreezeVerdict>> {
  const o = alias(outboundEmails, 'o');
  const i = alias(invitations, 'i');
  const m = alias(memberships, 'm');
  const u = alias(users, 'u');
  const found = await selectRows<{
    message_id: string;
    invitation_id: string;
    event_id: string;
    email: string;
    name: string;
    due: boolean;
    member: boolean;
    expires_at: string;
  }>(
    tx,
    sql`
      SELECT ${o.id} AS message_id, ${i.id} AS invitation_id, ${i.eventId}, ${i.email}, ${i.name},
        (${i.status} = 'pending' AND ${i.revokedAt} IS NULL) AS due,
        EXISTS (
          SELECT 1 FROM ${memberships} AS ${m} JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
          WHERE ${m.eventId} = ${i.eventId} AND ${u.email} = ${i.email}) AS member,
        ${i.expiresAt}::text AS expires_at
      FROM ${outboundEmails} AS ${o}
      JOIN ${invitations} AS ${i} ON ${i.id} = ${o.invitationId}
      WHERE ${o.id} IN (${sql.join(
        messages.map((message) => sql`${message.id}`),
        sql`, `,
      )})`,
  );
  const verdicts = new Map<string, FreezeVerdict>();
  const now = new Date().toISOString();
  for (const f of found) {
    if (!f.due) verdicts.set(f.message_id, { skip: 'not_due' });
    else if (await isSuppressed(f.event_id, f.email, tx))
      verdicts.set(f.message_id, { skip: 'suppressed' });
    else if (f.member) verdicts.set(f.message_id, { skip: 'already_member' });
    else {
      const recipient: FrozenRecipient = { m: f.message_id, to: f.email, name: f.name };
      verdicts.set(f.message_id, { recipient });
      await tx.execute(sql`
        UPDATE ${invitations}
        SET ${columnName(invitations.tokenHash)} = ${sha256(invitationToken(f.message_id))},
          ${columnName(invitations.reminderTokenHash)} = NULL,
          ${columnName(invitations.sentAt)} = ${now}::timestamptz
        WHERE ${invitations.id} = ${f.invitation_id}`);
    }
  }
  return verdicts;
}

export const invitationResendMailKind = defineMailKind({
  kind: 'invitation_resend',
  freeze: (tx, messages) => freezeResends(tx, messages),
  async build(entries) {
    return entries.map(({ message, recipient }) => {
      const token = invitationToken(message.id);
      const personal = personalizeInvitation(
        { html: message.html ?? '', text: message.text ?? '' },
        token,
        recipient.name ?? '',
      );
      return {
        messageId: message.id,
        to: recipient.to,
        from: message.fromAddress ?? env.MAIL_FROM,
        replyTo: null,
        subject: message.subject ?? '',
        html: personal.html,
        text: personal.text,
        headers: invitationUnsubscribeHeaders(token),
      };
    });
  },
});

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
