import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  customType,
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
import { users } from './users';

// ァ (U+30A1) … ヶ (U+30F6) and ヽヾ sit exactly 0x60 above their hiragana.
const KATAKANA = String.fromCodePoint(
  ...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x30a1 + i),
  0x30fd,
  0x30fe,
);
const HIRAGANA = String.fromCodePoint(...[...KATAKANA].map((c) => c.codePointAt(0)! - 0x60));

/**
 * A name folded for search, in SQL, so the stored key and the typed query are folded by the
 * same code: NFKC (full-width letters and digits, half-width kana), no spaces or 「・」,
 * lower case, katakana as hiragana. Each character is then written three times: pg_trgm
 * indexes runs of three characters, and a tripled query of one or two characters (「林」,
 * 「山田」) still has whole trigrams to look up; a tripled query only matches a tripled name
 * at a character boundary, so LIKE stays exact.
 */
export function nameSearchKeySql(value: SQL): SQL {
  const folded = sql`translate(lower(regexp_replace(normalize(${value}, NFKC), '[[:space:]・]+', '', 'g')), ${sql.raw(`'${KATAKANA}'`)}, ${sql.raw(`'${HIRAGANA}'`)})`;
  return sql`regexp_replace(${folded}, '(.)', '\\1\\1\\1', 'g')`;
}

// One upload of the entrant list. Counts only; the rejected lines' report is kept so the
// result page can be reopened, and holds line numbers and reasons, never addresses.
export const entrantImports = pgTable('entrant_imports', {
  id: text('id').primaryKey(),
  eventId: text('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  importedBy: text('imported_by'),
  fileName: text('file_name').notNull(),
  encoding: text('encoding').notNull(),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// bytea as a Uint8Array on both drivers (postgres.js returns a Buffer, which is one).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

// An uploaded entrant list between the upload and the confirmed column mapping: nothing is
// imported until the uploader confirms which column is which. Removed when the import is
// confirmed, and by the retention job after a day (an abandoned upload holds addresses).
export const entrantUploads = pgTable(
  'entrant_uploads',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('entrant_uploads_created_idx').on(t.createdAt)],
);

// The column mapping an event's uploader last confirmed, by header text, offered first on the
// next upload (entry systems export the same headers every time).
export const entrantColumnMappings = pgTable('entrant_column_mappings', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// The categories (種目) of an event's entrant lists, as data: the announcement audience offers
// exactly these instead of a free-text field.
export const eventCategories = pgTable(
  'event_categories',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.name] })],
);

export const invitationStatuses = ['pending', 'joined', 'declined', 'revoked'] as const;

// An invitation is never a membership (SPEC P2): it only lets the person reach the join page.
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    // Reading of the name (セイ メイ / フリガナ) when the entrant list has one; '' otherwise.
    nameKana: text('name_kana').notNull().default(''),
    bib: text('bib').notNull(),
    category: text('category'),
    // Set by the send job together with the email (the raw token exists only in that email);
    // null until then, so an invitation that was never sent has no working link.
    tokenHash: text('token_hash').unique(),
    // The reminder carries a token of its own, so the first email's link keeps working.
    reminderTokenHash: text('reminder_token_hash').unique(),
    status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
    importId: text('import_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    // Staff resends from the invitations page (capped), and when it was revoked.
    resendCount: integer('resend_count').notNull().default(0),
    resentAt: timestamp('resent_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Name and reading folded for search, as the staff directory does (decision 092); the
    // "|" keeps a query from matching across the end of the name and the start of the kana.
    nameSearchKey: text('name_search_key')
      .notNull()
      .generatedAlwaysAs((): SQL => nameSearchKeySql(sql`"name" || '|' || "name_kana"`)),
  },
  (t) => [
    uniqueIndex('invitations_event_email_uq').on(t.eventId, t.email),
    index('invitations_status_idx').on(t.eventId, t.status),
    index('invitations_event_bib_idx').on(t.eventId, t.bib.op('text_pattern_ops')),
    index('invitations_name_search_idx').using('gin', t.nameSearchKey.op('gin_trgm_ops')),
  ],
);

// "Don't invite me again", bounces and complaints. Only a hash of the address is kept, so a
// suppression outlives an account deletion without keeping the address itself.
export const suppressions = pgTable(
  'suppressions',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    emailHash: text('email_hash').notNull(),
    reason: text('reason', { enum: ['declined', 'bounced', 'complained'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.emailHash] })],
);

export const memberships = pgTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // "Runner #4821": how staff and other pages refer to a member instead of an address.
    aliasNumber: integer('alias_number').notNull(),
    name: text('name').notNull().default(''),
    bib: text('bib'),
    category: text('category'),
    status: text('status', { enum: ['active', 'left'] })
      .notNull()
      .default('active'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    // The name as the staff directory searches it (decision 092). Kept by the database itself,
    // so every writer of `name` (join, demo seed, erasure, fixtures) keeps it right.
    nameSearchKey: text('name_search_key')
      .notNull()
      .generatedAlwaysAs((): SQL => nameSearchKeySql(sql`"name"`)),
  },
  (t) => [
    uniqueIndex('memberships_event_user_uq').on(t.eventId, t.userId),
    uniqueIndex('memberships_event_alias_uq').on(t.eventId, t.aliasNumber),
    index('memberships_event_status_idx').on(t.eventId, t.status),
    // Bib lookups at the expo: exact and prefix ("1024", "10…") as a byte-wise range.
    index('memberships_event_bib_idx').on(t.eventId, t.bib.op('text_pattern_ops')),
    index('memberships_name_search_idx').using('gin', t.nameSearchKey.op('gin_trgm_ops')),
  ],
);

// Active members per event, kept by statement triggers on memberships (migration 0013), so
// the staff directory shows an exact total without counting 60,000 rows on every view.
export const eventMemberCounts = pgTable('event_member_counts', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  activeMembers: integer('active_members').notNull().default(0),
});

// The consent text exactly as shown, per version and language.
export const consentTexts = pgTable(
  'consent_texts',
  {
    version: text('version').notNull(),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.version, t.locale] })],
);

// Append-only evidence of each person's own act (SPEC P2). After account deletion the user
// id is cleared and only the non-identifying fact of the grant/withdrawal remains.
export const consentRecords = pgTable(
  'consent_records',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: ['granted', 'withdrawn'] }).notNull(),
    method: text('method', {
      enum: ['invitation', 'event_code', 'left', 'account_deleted'],
    }).notNull(),
    consentVersion: text('consent_version').notNull(),
    consentLocale: text('consent_locale', { enum: ['ja', 'en'] }).notNull(),
    ipHash: text('ip_hash'),
    userAgentHash: text('user_agent_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_records_user_idx').on(t.userId)],
);

// Double opt-in for "join by event code": the emailed link leads to a page with a button.
export const joinConfirmations = pgTable('join_confirmations', {
  tokenHash: text('token_hash').primaryKey(),
  eventId: text('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const channels = pgTable(
  'channels',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    // Members are subscribed to default channels when they join.
    isDefault: boolean('is_default').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('channels_event_slug_uq').on(t.eventId, t.slug)],
);

// Email on/off per channel. The in-app feed always shows every channel's announcements.
export const channelPreferences = pgTable(
  'channel_preferences',
  {
    membershipId: text('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    emailEnabled: boolean('email_enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.channelId] })],
);
