import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Append-only: a trigger in the migrations rejects UPDATE and DELETE (SPEC P10). No foreign
// keys on purpose — a cascading delete of a user must not be able to rewrite history, and
// the entries hold ids and aliases only, never an email address.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id'),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_event_idx').on(t.eventId, t.createdAt)],
);
