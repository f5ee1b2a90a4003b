import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import { events, memberships, suppressions, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { columnName } from '~/modules/database/sql-names.server';
import { suppressionHash } from '~/modules/invitations/suppression.server';
import { normalizeEmail } from '~/utils/normalize';

export type SuppressionReason = 'declined' | 'bounced' | 'complained';

// One suppression list for bounces, complaints and "don't invite me again": the same keyed
// hash (HMAC of the normalized address) as the invitations module, never the address.
export { suppressionHash };

/**
 * Suppresses an address in the given event and in every other event where it is a member: a
 * hard bounce or a complaint is about the mailbox, not about one race.
 */
export async function suppressAddress(
  input: { email: string; reason: SuppressionReason; eventId?: string | null },
  tx: DbOrTx = db,
) {
  const hash = suppressionHash(input.email);
  const email = normalizeEmail(input.email);
  const m = alias(memberships, 'm');
  const u = alias(users, 'u');
  const s = suppressions;
  await tx.execute(sql`
    INSERT INTO ${s} (${columnName(s.eventId)}, ${columnName(s.emailHash)}, ${columnName(s.reason)})
    SELECT DISTINCT e.event_id, ${hash}, ${input.reason} FROM (
      SELECT ${m.eventId} AS event_id FROM ${memberships} AS ${m} JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
      WHERE ${u.email} = ${email}
      UNION SELECT ${events.id} FROM ${events} WHERE ${events.id} = ${input.eventId ?? null}
    ) e
    ON CONFLICT (${columnName(s.eventId)}, ${columnName(s.emailHash)}) DO NOTHING`);
}
