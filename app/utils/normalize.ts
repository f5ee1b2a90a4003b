import { z } from 'zod';

/**
 * NFKC folds full-width letters, digits and "@" (common when typing on Japanese keyboards)
 * into ASCII; addresses are compared trimmed and lowercased everywhere.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim();
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
