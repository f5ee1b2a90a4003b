import { z } from 'zod';

/**
 * NFKC folds full-width letters, digits and "@" (common when typing on Japanese keyboards)
 * into ASCII; addresses are compared trimmed and lowercased everywhere.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim();
}

/**
 * Names and titles people read (events, organizers, channels, sponsors): NFC and trimmed, never
 * NFKC, which would turn the full-width （）！？： of Japanese text into ASCII (issue 15).
 */
export function normalizeDisplayText(value: string): string {
  return value.normalize('NFC').trim();
}

/** A required display name; messages are i18n keys. */
export const displayName = (max: number) =>
  z
    .string({ error: 'form.required' })
    .transform(normalizeDisplayText)
    .pipe(z.string().min(1, 'form.required').max(max, 'form.tooLong'));

/**
 * The English twin of a display name: optional, since a local race office or shop may have no
 * English; the caller stores the Japanese in its place (`englishOrJapanese`).
 */
export const optionalDisplayName = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => normalizeDisplayText(value ?? ''))
    .pipe(z.string().max(max, 'form.tooLong'));

/** What to store as the English name: the English given, else the Japanese for English readers. */
export function englishOrJapanese(english: string, japanese: string): string {
  return english === '' ? japanese : english;
}

export function normalizeEmail(value: string): string {
  return normalizeText(value).toLowerCase();
}

// Messages are i18n keys, translated by parseForm.
export const emailField = z
  .string({ error: 'form.required' })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, 'form.required')
      .max(254, 'form.tooLong')
      .pipe(z.email({ error: 'form.email.invalid' })),
  );
