import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { events } from './events';
import { channels, memberships } from './membership';
import { sponsorNotices } from './sponsors';
import { users } from './users';

export const audienceModes = ['everyone_on_channel', 'filter'] as const;
export type AudienceMode = (typeof audienceModes)[number];

export interface AudienceFilter {
  bibFrom?: number | null;
  bibTo?: number | null;
  /** Several categories select members of any of them (OR); with a bib range, both apply. */
  categories?: string[];
  /**
   * The one free-text category that drafts and snapshots stored before categories became a
   * list. Still read (as [category]) so those rows keep their meaning; never written.
   */
  category?: string | null;
}

// One announcement from draft to sent. Members never write here (SPEC P3): only staff routes
// create or change rows. `revision` grows with every edit, so an approval or an audience
// snapshot taken of an older revision is recognisably stale.
export const announcements = pgTable(
  'announcements',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'restrict' }),
    titleJa: text('title_ja').notNull().default(''),
    bodyJa: text('body_ja').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    // The audience is always an explicit choice: "everyone on the channel" is a mode of its
    // own, never what an empty filter falls back to (GooPass 2020).
    audienceMode: text('audience_mode', { enum: audienceModes }).notNull(),
    audienceFilter: jsonb('audience_filter').$type<AudienceFilter>().notNull().default({}),
    revision: integer('revision').notNull().default(1),
    // `scheduled`: committed with its frozen audience, waiting for `scheduledAt` (予約配信);
    // it can be cancelled back to a draft until its first email is claimed.
    status: text('status', { enum: ['draft', 'scheduled', 'sending', 'sent'] })
      .notNull()
      .default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    // An urgent send (weather, cancellation) overtakes other bulk mail, e.g. an invitation wave.
    urgent: boolean('urgent').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    // Who wrote the current revision, and in which role: an editor's revision needs an owner.
    editedBy: text('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedByRole: text('edited_by_role', { enum: ['owner', 'editor'] }).notNull(),
    approvedBy: text('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedRevision: integer('approved_revision'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sentBy: text('sent_by').references(() => users.id, { onDelete: 'set null' }),
    sentSnapshotId: text('sent_snapshot_id'),
    // Set when the send commits: the in-app feed shows it from then on.
    publishedAt: timestamp('published_at', { withTimezone: true }),
    // The approved sponsor notice an owner drafted this from, if any. Unique: one notice
    // becomes at most one draft, so a repeated "draft" POST finds the first one.
    sourceSponsorNoticeId: text('source_sponsor_notice_id').references(() => sponsorNotices.id, {
      onDelete: 'set null',
    }),
    // The body's sanitized HTML and plain-text excerpt per language, rendered once when the
    // text is written or sent, so the feed never runs Markdown per view (issue #12). Stored
    // output is only trusted for `renderedRevision === revision`; older rows render on read.
    bodyHtmlJa: text('body_html_ja'),
    bodyHtmlEn: text('body_html_en'),
    excerptJa: text('excerpt_ja'),
    excerptEn: text('excerpt_en'),
    renderedRevision: integer('rendered_revision'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('announcements_event_idx').on(t.eventId, t.createdAt),
    // In the feed's order to the last key (published_at, then id: two published at one moment
    // keep their order across pages), so a page is read off the index without a sort of its own.
    index('announcements_feed_idx').on(t.eventId, t.publishedAt, t.id),
    uniqueIndex('announcements_source_sponsor_notice_uq').on(t.sourceSponsorNoticeId),
  ],
);

// The audience frozen when staff open the preview: exactly these members, this count, this
// hash. "Send" names the snapshot and the count the person saw; nothing else is trusted.
export const audienceSnapshots = pgTable(
  'audience_snapshots',
  {
    id: text('id').primaryKey(),
    announcementId: text('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    channelId: text('channel_id').notNull(),
    revision: integer('revision').notNull(),
    audienceMode: text('audience_mode', { enum: audienceModes }).notNull(),
    audienceFilter: jsonb('audience_filter').$type<AudienceFilter>().notNull().default({}),
    recipientCount: integer('recipient_count').notNull(),
    // sha256 of the sorted membership ids, recomputed at send to prove the set is unchanged.
    recipientHash: text('recipient_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Above the approval threshold a second owner approves this very snapshot.
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('audience_snapshots_announcement_idx').on(t.announcementId)],
);

// No foreign keys, on purpose: a preview writes one row per recipient (50,000 in race week),
// and checking two keys per row (each locking the parent row) tripled the time to open it.
// Rows are written in the transaction that creates the snapshot from memberships it has just
// read; they are removed explicitly with their snapshot (retention) and with the member's
// account (the personal-data registry). Decision 092.
export const audienceSnapshotMembers = pgTable(
  'audience_snapshot_members',
  {
    snapshotId: text('snapshot_id').notNull(),
    membershipId: text('membership_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.membershipId] }),
    index('audience_snapshot_members_member_idx').on(t.membershipId),
  ],
);

// The email as it was sent, rendered once per language when the send committed; each
// recipient's copy differs only in its unsubscribe token (substituted by the worker).
export const announcementEmails = pgTable(
  'announcement_emails',
  {
    announcementId: text('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.locale] })],
);

export const deliveryStatuses = ['queued', 'sent', 'skipped', 'failed'] as const;
export const deliveryOutcomes = ['delivered', 'bounced', 'complained'] as const;

// One row per recipient of a sent announcement. The unique (announcement, membership) pair is
// the database's own guarantee that nobody is queued twice. No address is stored: the worker
// looks it up at send time, so a member who deletes their account is simply skipped.
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    announcementId: text('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    membershipId: text('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
    skipReason: text('skip_reason'),
    outcome: text('outcome', { enum: deliveryOutcomes }),
    providerMessageId: text('provider_message_id'),
    unsubscribeTokenHash: text('unsubscribe_token_hash'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_announcement_member_uq').on(t.announcementId, t.membershipId),
    // Both are written only once a message is sent: queued rows stay out of them.
    index('deliveries_provider_idx')
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} IS NOT NULL`),
    uniqueIndex('deliveries_unsubscribe_uq')
      .on(t.unsubscribeTokenHash)
      .where(sql`${t.unsubscribeTokenHash} IS NOT NULL`),
  ],
);

// Shared pacing for the mail provider across every worker process: the requests taken in the
// last window (a sliding-window log), the time before which nobody sends (a 429's
// Retry-After), and until when an interactive email (a sign-in code) waiting for a slot holds
// the next one for itself. See app/modules/mail/mail-pacing.server.ts.
export const deliveryPacing = pgTable('delivery_pacing', {
  key: text('key').primaryKey(),
  nextSlotAt: timestamp('next_slot_at', { withTimezone: true }).notNull(),
  recentSlots: timestamp('recent_slots', { withTimezone: true })
    .array()
    .notNull()
    .default(sql`'{}'::timestamptz[]`),
  interactiveWaitingUntil: timestamp('interactive_waiting_until', { withTimezone: true }),
});

// A member's reply address, reply+<token>@RELAY_DOMAIN. The token is derived from the
// membership id and version with SESSION_SECRET, so it is reproducible for every email
// without being stored; only its hash is kept. Rotating means bumping the version.
export const relayAddresses = pgTable('relay_addresses', {
  membershipId: text('membership_id')
    .primaryKey()
    .references(() => memberships.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});

// Each provider webhook id once: a repeated delivery of the same event is acknowledged and
// ignored. Only the id, type and provider message id are kept, never the payload (which
// carries addresses).
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    providerMessageId: text('provider_message_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The daily retention job deletes by age (decision 084).
  (t) => [index('webhook_events_received_idx').on(t.receivedAt)],
);
