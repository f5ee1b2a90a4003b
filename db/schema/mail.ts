import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export type MailHeaders = Record<string, string>;

/**
 * Interactive mail is what a person is waiting for (a sign-in code, a join confirmation, a
 * relayed answer, a staff notification); it always goes before bulk mail (invitation waves,
 * reminders, announcements). See docs/decisions/080-one-outbound-pipeline.md.
 */
export const mailLanes = ['interactive', 'bulk'] as const;
export type MailLane = (typeof mailLanes)[number];

/**
 * How a message's bytes are made. `rendered` messages carry their own subject/html/text;
 * the bulk kinds are built from content rendered once per send (announcement_emails,
 * mail_contents) and per-recipient values derived from the message id, so a retry rebuilds
 * the identical bytes without storing 60,000 copies of an email.
 */
export const mailKinds = [
  'rendered',
  'announcement',
  'invitation',
  'invitation_reminder',
  // Staff sent the invitation again, or to a corrected address (the invitations page); one
  // invitation may have several, each a message of its own.
  'invitation_resend',
] as const;
export type MailKind = (typeof mailKinds)[number];

export const outboundStatuses = [
  'queued',
  'sending',
  'sent',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type OutboundStatus = (typeof outboundStatuses)[number];

// One bulk send: an announcement, an invitation wave, a reminder wave. The pipeline shares
// the provider's rate fairly between events and between streams (round robin on
// last_served_at), lets urgent streams go first, and holds scheduled ones until not_before.
export const mailStreams = pgTable(
  'mail_streams',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    kind: text('kind', { enum: ['announcement', 'invitation_wave', 'reminder_wave'] }).notNull(),
    // The announcement or the entrant import this stream sends, for progress pages.
    subjectId: text('subject_id').notNull(),
    status: text('status', { enum: ['scheduled', 'sending', 'done', 'cancelled'] })
      .notNull()
      .default('sending'),
    urgent: boolean('urgent').notNull().default(false),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    total: integer('total').notNull().default(0),
    lastServedAt: timestamp('last_served_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_streams_event_idx').on(t.eventId, t.createdAt),
    index('mail_streams_subject_idx').on(t.subjectId),
    index('mail_streams_status_idx').on(t.status, t.notBefore),
  ],
);

// Content rendered once for a whole bulk stream (an invitation wave's email, in both
// languages); each copy substitutes the recipient's own link token. Never changes once written.
export const mailContents = pgTable('mail_contents', {
  id: text('id').primaryKey(),
  streamId: text('stream_id').notNull(),
  template: text('template').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  // Values the send records with each recipient (e.g. the invitation's expiry shown in it).
  meta: jsonb('meta').$type<Record<string, string>>().notNull().default({}),
});

// Every email the product sends: one row per message, one recipient each (SPEC P5).
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: text('id').primaryKey(),
    lane: text('lane', { enum: mailLanes }).notNull().default('interactive'),
    kind: text('kind', { enum: mailKinds }).notNull().default('rendered'),
    streamId: text('stream_id'),
    eventId: text('event_id'),
    // Exactly one recipient — a single address, not a list. Bulk kinds resolve it when the
    // message's batch is frozen (so a member who deleted their account before is skipped).
    toAddress: text('to_address'),
    fromAddress: text('from_address'),
    replyTo: text('reply_to'),
    subject: text('subject'),
    html: text('html'),
    text: text('text'),
    headers: jsonb('headers').$type<MailHeaders>().notNull().default({}),
    template: text('template').notNull(),
    contentId: text('content_id'),
    deliveryId: bigint('delivery_id', { mode: 'number' }),
    invitationId: text('invitation_id'),
    status: text('status', { enum: outboundStatuses }).notNull().default('queued'),
    skipReason: text('skip_reason'),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    batchId: text('batch_id'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    // The recipient erased their account while this message was in a batch being sent: the
    // retry must send the identical bytes, so the row goes when its batch is done.
    eraseAfterSend: boolean('erase_after_send').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    // Every update of a message changes an indexed column (its status), so each writes a new
    // entry into every index whose condition the row meets: indexes are partial where a
    // condition keeps rows out that the queries never look for (decision 080, fan-out cost).
    index('outbound_emails_to_idx')
      .on(t.toAddress)
      .where(sql`${t.toAddress} IS NOT NULL`),
    index('outbound_emails_due_idx')
      .on(t.lane, t.notBefore)
      .where(sql`${t.status} = 'queued'`),
    index('outbound_emails_stream_idx').on(t.streamId, t.status),
    // A claim takes the oldest queued messages of a stream (bulk) or of a lane (interactive)
    // in order: without an index in that order every claim sorted the stream's whole queue,
    // 34 ms and a 7 MB sort on disk per batch at the start of a 60,000-row wave, for 100 rows.
    // Queued rows only, so a message's later updates never write to them.
    index('outbound_emails_queued_stream_idx')
      .on(t.streamId, t.createdAt, t.id)
      .where(sql`${t.status} = 'queued'`),
    index('outbound_emails_queued_lane_idx')
      .on(t.lane, t.createdAt, t.id)
      .where(sql`${t.status} = 'queued'`),
    // Retention (one-to-one mail is purged by age) and erasure (staff notifications are found
    // by the thread's reply address): both only ever look at interactive rows.
    index('outbound_emails_interactive_created_idx')
      .on(t.createdAt)
      .where(sql`${t.lane} = 'interactive'`),
    index('outbound_emails_reply_to_idx')
      .on(t.replyTo)
      .where(sql`${t.replyTo} IS NOT NULL`),
    index('outbound_emails_batch_idx')
      .on(t.batchId)
      .where(sql`${t.batchId} IS NOT NULL`),
    index('outbound_emails_provider_idx')
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} IS NOT NULL`),
    // One invitation (or reminder) email per invitation, however often a wave is started.
    // Staff resends are deliberate repeats, so they are left out.
    uniqueIndex('outbound_emails_invitation_uq')
      .on(t.invitationId, t.kind)
      .where(sql`${t.invitationId} IS NOT NULL AND ${t.kind} <> 'invitation_resend'`),
    index('outbound_emails_invitation_idx')
      .on(t.invitationId)
      .where(sql`${t.invitationId} IS NOT NULL`),
    uniqueIndex('outbound_emails_delivery_uq')
      .on(t.deliveryId)
      .where(sql`${t.deliveryId} IS NOT NULL`),
  ],
);

// One provider request: up to 100 messages of one lane (and one stream, for bulk), frozen at
// the first claim. Every retry sends the identical payload under the identical
// Idempotency-Key; the lease lets a surviving process take over a dead one's batch.
export const mailBatches = pgTable(
  'mail_batches',
  {
    id: text('id').primaryKey(),
    lane: text('lane', { enum: mailLanes }).notNull(),
    streamId: text('stream_id'),
    status: text('status', { enum: ['sending', 'sent', 'failed'] })
      .notNull()
      .default('sending'),
    // The frozen recipients: message id, address, reply-to and locale, in payload order.
    recipients: jsonb('recipients').$type<FrozenRecipient[]>().notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('mail_batches_due_idx').on(t.status, t.lane, t.nextAttemptAt)],
);

export interface FrozenRecipient {
  /** outbound_emails.id */
  m: string;
  to: string;
  replyTo?: string | null;
  locale?: 'ja' | 'en';
  /** The invitee's name for the invitation's greeting (invitation kinds only). */
  name?: string;
}

// The local mailbox used when no RESEND_API_KEY is configured (development and tests).
export const capturedMail = pgTable(
  'captured_mail',
  {
    id: text('id').primaryKey(),
    outboundEmailId: text('outbound_email_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<MailHeaders>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('captured_mail_created_idx').on(t.createdAt)],
);
