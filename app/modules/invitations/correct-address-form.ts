import { z } from 'zod';
import { normalizeEmail, normalizeText } from '~/utils/normalize';
import { MAX_CORRECTION_REASON_LENGTH } from './invitee-status';

// The staff's "correct the address" form, client-safe: the invitee page checks it in the
// browser with this same schema (decision 104); invitee-actions.server.ts re-exports it.

// As the importer accepts addresses (NFKC, trimmed, lowercased, the sign-in form's pattern),
// so a corrected address can sign in like any imported one. Messages are i18n keys.
export const correctAddressSchema = z.object({
  email: z
    .string({ error: 'invitees.correct.email.required' })
    .transform(normalizeEmail)
    .pipe(
      z
        .string()
        .min(1, 'invitees.correct.email.required')
        .max(254, 'invitees.correct.email.invalid')
        .regex(z.regexes.email, 'invitees.correct.email.invalid'),
    ),
  reason: z
    .string({ error: 'invitees.correct.reason.required' })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, 'invitees.correct.reason.required')
        .max(MAX_CORRECTION_REASON_LENGTH, 'invitees.correct.reason.tooLong'),
    ),
});
