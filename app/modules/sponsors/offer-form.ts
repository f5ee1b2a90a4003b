import { z } from 'zod';
import { normalizeText } from '~/utils/normalize';

// Messages are i18n keys (translated by parseForm).
const text = (max: number, required = true) =>
  z
    .string({ error: 'form.required' })
    .optional()
    .transform((value) => (value ?? '').normalize('NFC').trim())
    .pipe(
      required
        ? z.string().min(1, 'form.required').max(max, 'form.tooLong')
        : z.string().max(max, 'form.tooLong'),
    );

const day = z
  .string({ error: 'form.required' })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'sponsors.form.date')
      .refine((v) => !Number.isNaN(Date.parse(v)), 'sponsors.form.date'),
  );

/**
 * Each language is all or nothing: whichever the sponsor writes in (Japanese, English or
 * both) needs its required fields — a local shop with no English copy leaves English empty
 * (stored as ''), and readers of English then see the Japanese, marked (content-language.ts).
 * Something typed in one language's field without that language's required partners is
 * asked for, never silently dropped.
 */
function requireLanguages<D extends Record<string, unknown>>(
  required: readonly string[],
  optional: readonly string[],
) {
  // Also run when another field (a date) failed, so an empty form lists every missing field
  // at once; the values may then be raw input, hence the trim.
  const filled = (d: D, field: string) => String(d[field] ?? '').trim() !== '';
  const check = (d: D, ctx: z.RefinementCtx) => {
    const started = { Ja: false, En: false };
    for (const lang of ['Ja', 'En'] as const) {
      started[lang] = [...required, ...optional].some((f) => filled(d, `${f}${lang}`));
    }
    if (!started.Ja && !started.En) {
      // Nothing written yet: ask for the Japanese (English stays optional).
      required.forEach((field, i) =>
        ctx.addIssue({
          code: 'custom',
          path: [`${field}Ja`],
          message: i === 0 ? 'sponsors.form.oneLanguage' : 'form.required',
        }),
      );
      return;
    }
    for (const lang of ['Ja', 'En'] as const) {
      if (!started[lang]) continue;
      for (const field of required) {
        if (!filled(d, `${field}${lang}`)) {
          ctx.addIssue({
            code: 'custom',
            path: [`${field}${lang}`],
            message: lang === 'Ja' ? 'sponsors.form.requiredJa' : 'sponsors.form.requiredEn',
          });
        }
      }
    }
  };
  return [
    check,
    {
      when: (payload: { value: unknown }) =>
        typeof payload.value === 'object' && payload.value !== null,
    },
  ] as const;
}

/** The offer editor's fields (the image travels separately as a file part). */
export const offerFormSchema = z
  .object({
    titleJa: text(80, false),
    titleEn: text(80, false),
    discountJa: text(60, false),
    discountEn: text(60, false),
    bodyJa: text(2000, false),
    bodyEn: text(2000, false),
    termsJa: text(1000, false),
    termsEn: text(1000, false),
    validFrom: day,
    validUntil: day,
    perMemberLimit: z
      .string({ error: 'form.required' })
      .transform(normalizeText)

      .transform(Number)
      .pipe(
        z
          .number({ error: 'sponsors.form.limit' })
          .int('sponsors.form.limit')
          .min(1, 'sponsors.form.limit')
          .max(10, 'sponsors.form.limit'),
      ),
    removeImage: z.string().optional(),
  })
  .superRefine(...requireLanguages(['title', 'discount'], ['body', 'terms']))
  .refine((v) => v.validUntil >= v.validFrom, {
    path: ['validUntil'],
    message: 'sponsors.form.dateOrder',
  });

export type OfferFormData = z.infer<typeof offerFormSchema>;

export const noticeFormSchema = z
  .object({
    titleJa: text(80, false),
    titleEn: text(80, false),
    bodyJa: text(400, false),
    bodyEn: text(400, false),
  })
  .superRefine(...requireLanguages(['title', 'body'], []));

export type NoticeFormData = z.infer<typeof noticeFormSchema>;

export const reviewFormSchema = z
  .object({
    decision: z.enum(['approve', 'reject'], { error: 'form.required' }),
    comment: text(1000, false),
    version: z.coerce.number().int().min(1),
  })
  // Approval may be silent; a rejection always tells the sponsor why.
  .refine((v) => v.decision === 'approve' || v.comment.length > 0, {
    path: ['comment'],
    message: 'sponsors.review.commentRequired',
  });
