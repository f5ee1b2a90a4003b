import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { announcements } from './announcements';
import { events } from './events';
import { memberships } from './membership';
import { users } from './users';

// The organizer inbox (SPEC P3/P6). A reply reaches the organizers only: one thread per
// member per event, named by the member's alias, never by an address. No table here holds a
// member's or a staff member's address; senders are checked against the users table when the
// mail arrives and only the outcome is kept.

export const relayThreadStatuses = ['open', 'closed'] as const;

export const relayThreads = pgTable(
  'relay_threads',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    // One thread per membership; deleting the account erases the conversation with it (P11).
    membershipId: text('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    status: text('status', { enum: relayThreadStatuses }).notNull().default('open'),
    assignedUserId: text('assigned_user_id').references(() => users.id, { onDelete: 'set null' }),
    // A member message no staff member has opened yet / a staff answer the member has not seen.
    unreadByStaff: boolean('unread_by_staff').notNull().default(false),
    unreadByMember: boolean('unread_by_member').notNull().default(false),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('relay_threads_membership_uq').on(t.membershipId),
    index('relay_threads_event_idx').on(t.eventId, t.status, t.lastMessageAt),
  ],
);

export const relayDirections = ['member_to_staff', 'staff_to_member'] as const;
export type RelayDirection = (typeof relayDirections)[number];
export const relaySources = ['email', 'web'] as const;
export type RelaySource = (typeof relaySources)[number];

/** Why a message waits for staff instead of being delivered. */
export const relayHoldReasons = ['sender_mismatch', 'sender_not_staff', 'unauthenticated'] as const;
export type RelayHoldReason = (typeof relayHoldReasons)[number];

/** Facts about a message shown next to it, localized when read (e.g. a dropped attachment). */
export type RelayMessageNote =
  | {
      kind: 'attachment_dropped';
      fileName: string;
      // not_forwarded: a file on a staff answer by email (answers are relayed as text only).
      reason: 'type' | 'size' | 'count' | 'unavailable' | 'not_forwarded';
    }
  | { kind: 'addresses_removed'; count: number };

export const relayMessages = pgTable(
  'relay_messages',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => relayThreads.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: relayDirections }).notNull(),
    // Plain text, already cleaned: quoted history and signatures cut, foreign addresses removed.
    body: text('body').notNull(),
    source: text('source', { enum: relaySources }).notNull(),
    // The staff member who wrote an answer (shown to staff only; the member sees "the office").
    authorUserId: text('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    // The announcement a web reply was written under, for the staff's context.
    announcementId: text('announcement_id').references(() => announcements.id, {
      onDelete: 'set null',
    }),
    notes: jsonb('notes').$type<RelayMessageNote[]>().notNull().default([]),
    // Held: arrived for a live address but not from the address it belongs to. Nobody is
    // mailed until an editor or owner releases it; the member never sees it held.
    held: boolean('held').notNull().default(false),
    holdReason: text('hold_reason', { enum: relayHoldReasons }),
    // The unexpected sender, masked (y***@g***.com): enough to judge, not enough to write to.
    heldSenderMasked: text('held_sender_masked'),
    reviewedBy: text('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('relay_messages_thread_idx').on(t.threadId, t.createdAt),
    index('relay_messages_held_idx').on(t.held),
  ],
);

// Files kept from inbound mail: images and PDF up to RELAY_ATTACHMENT_MAX_BYTES, stored under
// DATA_DIR/media/attachments/<storageKey> (a random name, never the sender's file name).
export const relayAttachments = pgTable(
  'relay_attachments',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => relayMessages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    // Decided from the file's own signature, not from what the sender declared.
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('relay_attachments_message_idx').on(t.messageId)],
);

// The staff side of a thread: notifications to staff carry Reply-To reply+s<token>@RELAY_DOMAIN,
// so an answer by email finds its thread without revealing anyone. Like the member's address
// the token is derived (HMAC of thread id and version); only its hash is stored, and bumping
// the version revokes it.
export const relayStaffAddresses = pgTable('relay_staff_addresses', {
  threadId: text('thread_id')
    .primaryKey()
    .references(() => relayThreads.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});

export const relayInboundStatuses = ['queued', 'accepted', 'held', 'dropped', 'rejected'] as const;
export type RelayInboundStatus = (typeof relayInboundStatuses)[number];

// Each received email once, whatever webhook delivered it: the provider's email id is the key.
// Only the outcome is kept (no sender, no recipient, no content), so a rejected or dropped
// message leaves nothing personal behind.
export const relayInbound = pgTable(
  'relay_inbound',
  {
    providerEmailId: text('provider_email_id').primaryKey(),
    webhookId: text('webhook_id').notNull(),
    status: text('status', { enum: relayInboundStatuses }).notNull().default('queued'),
    // e.g. unknown_token, auto_submitted, bounce, rate_limited, empty.
    reason: text('reason'),
    messageId: text('message_id').references(() => relayMessages.id, { onDelete: 'set null' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('relay_inbound_status_idx').on(t.status, t.receivedAt)],
);
