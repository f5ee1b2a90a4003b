import { date, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export const staffRoles = ['owner', 'editor', 'viewer'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const events = pgTable('events', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  eventDate: date('event_date').notNull(),
  organizerNameJa: text('organizer_name_ja').notNull(),
  organizerNameEn: text('organizer_name_en').notNull(),
  // The race office's public contact (printed in emails); never a member's address.
  contactEmail: text('contact_email').notNull(),
  descriptionJa: text('description_ja').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const eventStaff = pgTable(
  'event_staff',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: staffRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('event_staff_user_idx').on(t.userId),
  ],
);

// An owner adds a colleague by address; the colleague becomes staff only by signing in
// themselves (their own act), never by the owner's action alone.
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Written from roleInvitationExpiry() when the invitation is made, as sponsor_invitations.
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('staff_invitations_email_idx').on(t.email)],
);
