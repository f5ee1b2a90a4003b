import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
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
import { memberships } from './membership';
import { users } from './users';

// A sponsor organization is bound to exactly one event: its staff see that event's sponsor
// console and nothing else (no member, staff, inbox, video or audit page).
export const sponsors = pgTable(
  'sponsors',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sponsors_event_idx').on(t.eventId)],
);

export const sponsorStaff = pgTable(
  'sponsor_staff',
  {
    sponsorId: text('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sponsorId, t.userId] }),
    index('sponsor_staff_user_idx').on(t.userId),
  ],
);

// Like staff invitations: the person becomes sponsor staff only by signing in themselves.
export const sponsorInvitations = pgTable(
  'sponsor_invitations',
  {
    id: text('id').primaryKey(),
    sponsorId: text('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('sponsor_invitations_email_idx').on(t.email)],
);

export const reviewStatuses = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** What members are shown of an offer: a copy taken when an owner approved it (SPEC P9). */
export interface PublishedOffer {
  version: number;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  discountJa: string;
  discountEn: string;
  termsJa: string;
  termsEn: string;
  validFrom: string;
  validUntil: string;
  imageFile: string | null;
  imageType: string | null;
}

export const offers = pgTable(
  'offers',
  {
    id: text('id').primaryKey(),
    sponsorId: text('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    // The sponsor's working copy. Members never read these columns, only `published`.
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyJa: text('body_ja').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    discountJa: text('discount_ja').notNull(),
    discountEn: text('discount_en').notNull(),
    termsJa: text('terms_ja').notNull().default(''),
    termsEn: text('terms_en').notNull().default(''),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    perMemberLimit: integer('per_member_limit').notNull().default(1),
    // Random file name under DATA_DIR/media/offers, never user input.
    imageFile: text('image_file'),
    imageType: text('image_type'),
    status: text('status', { enum: reviewStatuses }).notNull().default('draft'),
    // Bumped on every edit; an approval names the version the owner saw.
    version: integer('version').notNull().default(1),
    reviewComment: text('review_comment'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    published: jsonb('published').$type<PublishedOffer>(),
    // Copies of published.validFrom/validUntil, for the members' "current offers" query.
    publishedFrom: timestamp('published_from', { withTimezone: true }),
    publishedUntil: timestamp('published_until', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('offers_sponsor_idx').on(t.sponsorId),
    index('offers_event_status_idx').on(t.eventId, t.status),
    check('offers_limit_ck', sql`${t.perMemberLimit} between 1 and 10`),
  ],
);

export const offerCodeStatuses = ['available', 'claimed', 'redeemed'] as const;

// The pool. `claimedBy` is visible to nobody but that member: no sponsor or staff query
// selects it. Deleting a membership keeps the code claimed (the count) but forgets by whom.
export const offerCodes = pgTable(
  'offer_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    // Copied from the offer so a code is unique within its sponsor and the till finds it
    // without a join.
    sponsorId: text('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    status: text('status', { enum: offerCodeStatuses }).notNull().default('available'),
    claimedBy: text('claimed_by').references(() => memberships.id, { onDelete: 'set null' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedVia: text('redeemed_via', { enum: ['till', 'member'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('offer_codes_sponsor_code_uq').on(t.sponsorId, t.code),
    uniqueIndex('offer_codes_offer_code_uq').on(t.offerId, t.code),
    index('offer_codes_available_idx')
      .on(t.offerId, t.id)
      .where(sql`${t.status} = 'available'`),
    index('offer_codes_claimed_by_idx').on(t.claimedBy),
  ],
);

// One row per claim slot: (offer, member, n) is unique and n never exceeds the offer's
// per-member limit, so two concurrent claims by one member cannot both take slot n.
export const offerClaims = pgTable(
  'offer_claims',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    membershipId: text('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    slot: integer('slot').notNull(),
    codeId: bigint('code_id', { mode: 'number' })
      .notNull()
      .references(() => offerCodes.id, { onDelete: 'cascade' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('offer_claims_slot_uq').on(t.offerId, t.membershipId, t.slot),
    uniqueIndex('offer_claims_code_uq').on(t.codeId),
  ],
);

export const offerActivityKinds = ['view', 'claim', 'redeem'] as const;

// Anonymous activity for the sponsor's statistics: what happened to which offer and when,
// never who. Aggregated (and small counts suppressed) before anyone sees it.
export const offerActivity = pgTable(
  'offer_activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: offerActivityKinds }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offer_activity_offer_idx').on(t.offerId, t.kind, t.occurredAt)],
);

// Short one-way posts by a sponsor, shown to members only once an owner approved them.
export const sponsorNotices = pgTable(
  'sponsor_notices',
  {
    id: text('id').primaryKey(),
    sponsorId: text('sponsor_id')
      .notNull()
      .references(() => sponsors.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyJa: text('body_ja').notNull(),
    bodyEn: text('body_en').notNull(),
    status: text('status', { enum: reviewStatuses }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    reviewComment: text('review_comment'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sponsor_notices_sponsor_idx').on(t.sponsorId),
    index('sponsor_notices_event_status_idx').on(t.eventId, t.status),
  ],
);
