import { eq } from 'drizzle-orm';
import { events } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { englishOrJapanese } from '~/utils/normalize';
// The form and its schema are client-safe (the page validates in the browser): see there.
import {
  EVENT_SETTING_FIELDS,
  eventSettingsSchema,
  type EventSettingField,
  type EventSettings,
} from './event-settings-form';

export { EVENT_SETTING_FIELDS, eventSettingsSchema, type EventSettingField, type EventSettings };

/**
 * The English columns are NOT NULL and some 35 readers (pages, emails, the From name) pick a
 * column by language, so an English left empty is stored as the Japanese: every English
 * reader then sees the Japanese, as the owner was told. The form shows such a copy as empty
 * again (toFormValues), so "no English" and "English same as Japanese" mean the same thing.
 */
function toStored(input: EventSettings): EventSettings {
  return {
    ...input,
    nameEn: englishOrJapanese(input.nameEn, input.nameJa),
    organizerNameEn: englishOrJapanese(input.organizerNameEn, input.organizerNameJa),
    descriptionEn: englishOrJapanese(input.descriptionEn, input.descriptionJa),
  };
}

function toFormValues(row: EventSettings): EventSettings {
  const english = (en: string, ja: string) => (en === ja ? '' : en);
  return {
    ...row,
    nameEn: english(row.nameEn, row.nameJa),
    organizerNameEn: english(row.organizerNameEn, row.organizerNameJa),
    descriptionEn: english(row.descriptionEn, row.descriptionJa),
  };
}

const settingsColumns = {
  nameJa: events.nameJa,
  nameEn: events.nameEn,
  eventDate: events.eventDate,
  organizerNameJa: events.organizerNameJa,
  organizerNameEn: events.organizerNameEn,
  contactEmail: events.contactEmail,
  descriptionJa: events.descriptionJa,
  descriptionEn: events.descriptionEn,
};

/** The settings as the form shows them (an English that only copies the Japanese is empty). */
export async function getEventSettings(eventId: string): Promise<EventSettings | null> {
  const [row] = await db.select(settingsColumns).from(events).where(eq(events.id, eventId));
  return row ? toFormValues(row) : null;
}

/**
 * What the audit entry keeps: which fields changed, the new race date (public) and the new
 * contact address masked — the log is read by every owner and is never edited, so it holds
 * no address in full even though this one is the office's.
 */
function auditDetail(changed: EventSettingField[], next: EventSettings) {
  return {
    fields: changed,
    ...(changed.includes('eventDate') ? { eventDate: next.eventDate } : {}),
    ...(changed.includes('contactEmail') ? { contactEmail: maskEmail(next.contactEmail) } : {}),
  };
}

export type UpdateEventSettingsResult =
  { ok: true; changed: EventSettingField[] } | { ok: false; reason: 'not_found' };

/**
 * Saves the settings and records which fields changed, in one transaction (the row is
 * locked, so two owners saving at once each get an accurate entry). Saving without a change
 * writes nothing and records nothing.
 */
export async function updateEventSettings(input: {
  eventId: string;
  actorUserId: string;
  settings: EventSettings;
}): Promise<UpdateEventSettingsResult> {
  const next = toStored(input.settings);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select(settingsColumns)
      .from(events)
      .where(eq(events.id, input.eventId))
      .for('update');
    if (!current) return { ok: false as const, reason: 'not_found' as const };
    const changed = EVENT_SETTING_FIELDS.filter((field) => current[field] !== next[field]);
    if (changed.length === 0) return { ok: true as const, changed };
    await tx.update(events).set(next).where(eq(events.id, input.eventId));
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'event.update',
        target: `event:${input.eventId}`,
        detail: auditDetail(changed, next),
      },
      tx,
    );
    return { ok: true as const, changed };
  });
}
