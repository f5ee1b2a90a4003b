import { index, jsonb, pgTable, text, timestamp, integer } from 'drizzle-orm/pg-core';

export type MailHeaders = Record<string, string>;

// Every message is rendered once, stored here, and handed to the send job by id. The job
// can then be retried without re-rendering and the provider sees one Idempotency-Key per
// message, so a retry never sends twice.
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: text('id').primaryKey(),
    // Exactly one recipient per message (SPEC P5) — a single address, not a list.
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<MailHeaders>().notNull().default({}),
    template: text('template').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbound_emails_to_idx').on(t.toAddress)],
);

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
