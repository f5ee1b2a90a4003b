import { z } from 'zod';
import { CODE_MAX_LENGTH, normalizeCode } from './code-forms';

/*
 * The till's form. Server-only like the runner pages' schemas: the till runs on a phone at the
 * counter, so the browser checks the HTML constraints the loader hands it and loads no zod
 * (docs/decisions/104-typed-forms-with-conform.md). Messages are i18n keys.
 *
 * A hand scanner types the QR code's content and presses Enter, so "scan" is the same field;
 * the phone camera (QrCameraScanner) fills in the same field and submits the same "check".
 */
export const tillSchema = z.object({
  code: z
    .string({ error: 'form.required' })
    .transform((value) => normalizeCode(value).replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'form.required').max(CODE_MAX_LENGTH, 'sponsors.till.codeTooLong')),
  intent: z.enum(['check', 'redeem']).default('check'),
});
