import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { suppressions } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { recordsHmac } from '~/modules/security/tokens.server';
import { normalizeEmail } from '~/utils/normalize';

/**
 * "Don't invite me again" is kept as a keyed hash of the address, so the promise outlives
 * the invitation row (whose address is erased on decline) and an account deletion, without
 * keeping the address. Keyed (HMAC), not a plain SHA-256: a plain hash of an email address
 * is reversed by hashing a list of candidate addresses.
 */
export function suppressionHash(email: string): string {
  return recordsHmac('suppression', normalizeEmail(email));
}

export async function isSuppressed(
  eventId: string,
  email: string,
  tx: DbOrTx = db,
): Promise<boolean> {
  const [row] = await tx
    .select({ eventId: suppressions.eventId })
    .from(suppressions)
    .where(
      and(eq(suppressions.eventId, eventId), eq(suppressions.emailHash, suppressionHash(email))),
    );
  return Boolean(row);
}

export async function suppressAddress(
  input: { eventId: string; email: string; reason: 'declined' | 'bounced' | 'complained' },
  tx: DbOrTx = db,
) {
  await tx
    .insert(suppressions)
    .values({
      eventId: input.eventId,
      emailHash: suppressionHash(input.email),
      reason: input.reason,
    })
    .onConflictDoNothing();
}
