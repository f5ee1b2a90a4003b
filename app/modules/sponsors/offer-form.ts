import { z } from 'zod';
import { normalizeText } from '~/utils/normalize';

// Messages are i18n keys (translated by parseForm).
const text = (max: number, required = true) =>
  z
    .string({ error: 'form.required' })
    .transform((value) => value.normalize('NFC').trim())
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

/** The offer editor's fields (the image travels separately as a file part). */
export const offerFormSchema = z
  .object({
    titleJa: text(80),
    titleEn: text(80),
    discountJa: text(60),
    discountEn: text(60),
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
  .refine((v) => v.validUntil >= v.validFrom, {
    path: ['validUntil'],
    message: 'sponsors.form.dateOrder',
  });

export type OfferFormData = z.infer<typeof offerFormSchema>;

export const noticeFormSchema = z.object({
  titleJa: text(80),
  titleEn: text(80),
  bodyJa: text(400),
  bodyEn: text(400),
});

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
