import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { consentRecords } from '~db/schema';

/**
 * The consent version and language a person last granted for an event. A withdrawal (leaving,
 * or deleting the account) names the same version, so the log reads as one story per event.
 */
export async function lastGrantedConsent(tx: DbOrTx, userId: string, eventId: string) {
  const [row] = await tx
    .select({ version: consentRecords.consentVersion, locale: consentRecords.consentLocale })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.userId, userId),
        eq(consentRecords.eventId, eventId),
        eq(consentRecords.action, 'granted'),
      ),
    )
    .orderBy(desc(consentRecords.createdAt))
    .limit(1);
  return row ?? null;
}
