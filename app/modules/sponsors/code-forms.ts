import { z } from 'zod';
import { normalizeText } from '~/utils/normalize';

/*
 * The code pool's forms and code rules: the schemas are used by the actions and, on the
 * sponsor's pages, in the browser (docs/decisions/104-typed-forms-with-conform.md), so it
 * lives outside code-pool.server. Messages are i18n keys.
 */

export const CODE_MAX_LENGTH = 40;

/** How every code is compared: NFKC (full-width input from a Japanese keyboard), trimmed, upper case. */
export function normalizeCode(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

/** How many codes one "generate" may add. */
export const MAX_GENERATED_PER_REQUEST = 10_000;

export const generateCodesSchema = z.object({
  count: z
    .string({ error: 'form.required' })
    .transform(normalizeText)
    .transform(Number)
    .pipe(
      z
        .number({ error: 'sponsors.codes.countInvalid' })
        .int('sponsors.codes.countInvalid')
        .min(1, 'sponsors.codes.countInvalid')
        .max(MAX_GENERATED_PER_REQUEST, 'sponsors.codes.countInvalid'),
    ),
  prefix: z
    .string()
    .optional()
    .transform((v) => normalizeText(v ?? '').toUpperCase())
    .pipe(
      z
        .string()
        .max(8, 'sponsors.codes.prefixInvalid')
        .regex(/^[A-Z0-9]*$/, 'sponsors.codes.prefixInvalid'),
    ),
});
