import { z } from 'zod';
import { displayName, emailField, normalizeText, optionalDisplayName } from '~/utils/normalize';

// The settings form, client-safe: the settings page checks it in the browser with this same
// schema, and event-settings.server.ts stores what it parses.

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
