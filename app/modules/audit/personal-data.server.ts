import { eq, inArray, or, sql } from 'drizzle-orm';
import { auditLog } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

/** The append-only audit log (SPEC P10). */
export const auditPersonalData: DomainPersonalData = {
  domain: 'audit',
  declarations: [
    {
      table: 'audit_log',
      what: 'what the person did, or what was done to their membership',
      columns: {
        actor_user_id: 'who acted',
        target: 'what was acted on, e.g. membership:<id>',
        detail: 'ids, the member alias, a reveal’s stated reason (addresses masked)',
      },
      export: {
        key: 'activity',
        // The action and time only: details and other actors belong to other people.
        read: ({ userId, memberships: mine }) =>
          db
            .select({
              action: auditLog.action,
              byMe: sql<boolean>`${auditLog.actorUserId} = ${userId}`,
              createdAt: auditLog.createdAt,
            })
            .from(auditLog)
            .where(
              or(
                eq(auditLog.actorUserId, userId),
                mine.length === 0
                  ? undefined
                  : inArray(
                      auditLog.target,
                      mine.map((m) => `membership:${m.id}`),
                    ),
              ),
            )
            .orderBy(auditLog.id),
      },
      erase: {
        kind: 'keep',
        why:
          'append-only (a trigger refuses UPDATE and DELETE); entries never held an address, ' +
          'and their ids and aliases resolve to nobody once the account is gone (031, 032)',
      },
    },
  ],
  notPersonal: {},
};
