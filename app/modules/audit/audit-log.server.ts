import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { auditLog } from '~db/schema';
import { db } from '~/modules/database/database.server';

export type AuditAction =
  | 'auth.sign_in'
  | 'event.create'
  | 'staff.invite'
  | 'staff.role_change'
  | 'staff.remove'
  | 'entrants.import'
  | 'member.reveal_email'
  | 'member.export'
  | 'member.leave'
  | 'member.delete'
  | (string & {});

/**
 * Appends one entry (SPEC P10). Pass the surrounding transaction so the entry commits or
 * rolls back with the action it records. `detail` must hold ids, aliases and counts — never
 * an email address (the log is readable by all owners).
 */
export async function appendAudit(
  entry: {
    eventId?: string | null;
    actorUserId?: string | null;
    action: AuditAction;
    target?: string | null;
    detail?: Record<string, unknown>;
  },
  tx: DbOrTx = db,
) {
  await tx.insert(auditLog).values({
    eventId: entry.eventId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? {},
  });
}

export async function listAuditEntries(
  eventId: string,
  options: { before?: number; limit?: number } = {},
) {
  const limit = Math.min(options.limit ?? 50, 200);
  return db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      target: auditLog.target,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(
      options.before
        ? and(eq(auditLog.eventId, eventId), lt(auditLog.id, options.before))
        : eq(auditLog.eventId, eventId),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
