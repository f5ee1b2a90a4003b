import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { events } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import {
  displayName,
  emailField,
  englishOrJapanese,
  normalizeText,
  optionalDisplayName,
} from '~/utils/normalize';

/**
 * What an owner may change after creating the event. The slug is not here on purpose: it is
 * in every link already mailed (invitations, announcements, unsubscribe pages), so changing
 * it would break them.
 */
export const EVENT_SETTING_FIELDS = [
  'nameJa',
  'nameEn',
  'eventDate',
  'organizerNameJa',
  'organizerNameEn',
  'contactEmail',
  'descriptionJa',
  'descriptionEn',
] as const;
export type EventSettingField = (typeof EVENT_SETTING_FIELDS)[number];
export type EventSettings = Record<EventSettingField, string>;

// Messages are i18n keys, translated by parseForm. Names are display text (NFC, not NFKC);
// English is optional: left empty, readers see the Japanese (see toStored).
// Prose keeps its own characters (NFKC would fold the full-width （） and ！ of Japanese text);
// only line endings and the outer white space are tidied.
const prose = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, 'form.tooLong'));

export const eventSettingsSchema = z.object({
  nameJa: displayName(120),
  nameEn: optionalDisplayName(120),
  eventDate: z
    .string({ error: 'form.required' })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, 'form.required')
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'staff.event.date.invalid')
        .refine((value) => {
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        }, 'staff.event.date.invalid'),
    ),
  organizerNameJa: displayName(120),
  organizerNameEn: optionalDisplayName(120),
  contactEmail: emailField,
  descriptionJa: prose(2000),
  descriptionEn: prose(2000),
});

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
