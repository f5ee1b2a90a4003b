import { z } from 'zod';
import { emailField, normalizeText } from '~/utils/normalize';
import { SIGN_IN_CODE_DIGITS } from './sign-in.server';

/*
 * The sign-in forms' schemas. Server-only: the pages are opened on phones, so the browser gets
 * the limits as HTML constraints from the loader instead of zod
 * (docs/decisions/104-typed-forms-with-conform.md). Messages are i18n keys.
 */

export const signInSchema = z.object({ email: emailField, next: z.string().optional() });

// Room for the code typed with spaces or a hyphen ("1234 5678"), which are dropped.
const CODE_INPUT_MAX = 12;

export const signInCodeSchema = z.object({
  code: z
    .string({ error: 'auth.code.format' })
    .max(CODE_INPUT_MAX, 'auth.code.format')
    .transform((value) => normalizeText(value).replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${SIGN_IN_CODE_DIGITS}}$`), 'auth.code.format')),
  next: z.string().optional(),
});
