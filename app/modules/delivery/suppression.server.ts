import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { db } from '~/modules/database/database.server';
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
  await tx.execute(sql`
    INSERT INTO suppressions (event_id, email_hash, reason)
    SELECT DISTINCT e.event_id, ${hash}, ${input.reason} FROM (
      SELECT m.event_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ${email}
      UNION SELECT id FROM events WHERE id = ${input.eventId ?? null}
    ) e
    ON CONFLICT (event_id, email_hash) DO NOTHING`);
}
