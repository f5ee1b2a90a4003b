import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { consentRecords, consentTexts, events } from '~db/schema';
import { consentWording, flattenConsent } from './consent-text.server';

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

/**
 * The words a consent record refers to, with the event's organizer filled in: the text
 * stored for the record's version and language, or (for a database that never stored that
 * version) the same wording kept in code. A record made under an earlier version keeps
 * resolving to that version's text after the wording changes. Null for an unknown record.
 */
export async function consentTextOfRecord(tx: DbOrTx, recordId: string) {
  const [row] = await tx
    .select({
      version: consentRecords.consentVersion,
      locale: consentRecords.consentLocale,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
      stored: consentTexts.body,
    })
    .from(consentRecords)
    .innerJoin(events, eq(events.id, consentRecords.eventId))
    .leftJoin(
      consentTexts,
      and(
        eq(consentTexts.version, consentRecords.consentVersion),
        eq(consentTexts.locale, consentRecords.consentLocale),
      ),
    )
    .where(eq(consentRecords.id, recordId));
  if (!row) return null;
  const organizer = row.locale === 'ja' ? row.organizerNameJa : row.organizerNameEn;
  if (row.stored) {
    return {
      version: row.version,
      locale: row.locale,
      text: row.stored.replaceAll('{organizer}', organizer),
    };
  }
  const wording = consentWording(row.locale, organizer, row.version);
  if (!wording) return null;
  return { version: row.version, locale: row.locale, text: flattenConsent(row.locale, wording) };
}
