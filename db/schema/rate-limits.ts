import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Fixed-window counters kept in PostgreSQL so every app process shares them.
export const rateLimits = pgTable('rate_limits', {
  // "<bucket>:<sha256 of the subject>" — never a raw address or IP.
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});
