import { z } from 'zod';
import { normalizeText } from '~/utils/normalize';

/**
 * The draft form. Messages are i18n keys. The audience mode has no default on purpose: the
 * person picks "everyone on the channel" or a filter, and a filter with no criterion is an
 * error, never read as everyone (SPEC P4).
 */
const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(z.string().max(max, 'form.tooLong'));

const bib = z
  .string()
  .optional()
  .transform((v) => normalizeText(v ?? ''))
  .pipe(z.string().regex(/^\d{0,9}$/, 'announcements.form.bibInvalid'))
  .transform((v) => (v === '' ? null : Number(v)));

export const draftSchema = z
  .object({
    channelId: z
      .string({ error: 'announcements.form.channelRequired' })
      .min(1, 'announcements.form.channelRequired'),
    titleJa: text(200),
    bodyJa: text(20_000),
    titleEn: text(200),
    bodyEn: text(20_000),
    audienceMode: z.enum(['everyone_on_channel', 'filter'], {
      error: 'announcements.form.audienceRequired',
    }),
    bibFrom: bib,
    bibTo: bib,
    category: z
      .string()
      .optional()
      .transform((v) => normalizeText(v ?? ''))
      .pipe(z.string().max(100, 'form.tooLong')),
  })
  .superRefine((d, ctx) => {
    const ja = d.titleJa || d.bodyJa;
    const en = d.titleEn || d.bodyEn;
    if (!ja && !en)
      ctx.addIssue({
        code: 'custom',
        path: ['titleJa'],
        message: 'announcements.form.contentRequired',
      });
    if (ja && !d.titleJa)
      ctx.addIssue({
        code: 'custom',
        path: ['titleJa'],
        message: 'announcements.form.titleRequired',
      });
    if (ja && !d.bodyJa)
      ctx.addIssue({
        code: 'custom',
        path: ['bodyJa'],
        message: 'announcements.form.bodyRequired',
      });
    if (en && !d.titleEn)
      ctx.addIssue({
        code: 'custom',
        path: ['titleEn'],
        message: 'announcements.form.titleRequired',
      });
    if (en && !d.bodyEn)
      ctx.addIssue({
        code: 'custom',
        path: ['bodyEn'],
        message: 'announcements.form.bodyRequired',
      });
    if (d.audienceMode === 'filter') {
      if (d.bibFrom === null && d.bibTo === null && !d.category) {
        ctx.addIssue({
          code: 'custom',
          path: ['audienceMode'],
          message: 'announcements.form.filterEmpty',
        });
      }
      if (d.bibFrom !== null && d.bibTo !== null && d.bibFrom > d.bibTo) {
        ctx.addIssue({ code: 'custom', path: ['bibTo'], message: 'announcements.form.bibOrder' });
      }
    }
  });

export type DraftInput = z.infer<typeof draftSchema>;
