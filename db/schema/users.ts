import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  // Always stored trimmed and lowercased (see normalizeEmail); unique per person.
  email: text('email').notNull().unique(),
  locale: text('locale', { enum: ['ja', 'en'] })
    .notNull()
    .default('ja'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Lucia's drizzle adapter needs exactly id / user_id / expires_at. The id is the SHA-256 of
// the cookie token (see session.server.ts), so a leaked table cannot be replayed as cookies.
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // The daily retention job deletes by expiry (decision 084).
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    // SHA-256 of the public challenge id carried in the sign-in link.
    idHash: text('id_hash').primaryKey(),
    email: text('email').notNull(),
    // HMAC of the one-time code; null when the address has no account (the challenge can
    // never succeed, but the flow looks the same so the response reveals nothing).
    codeHash: text('code_hash'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_challenges_email_idx').on(t.email)],
);
