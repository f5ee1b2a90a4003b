import { z } from 'zod';
import { hasText, type Translate } from '~/i18n/translator';
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

/** More than any race has; a bound so a forged form cannot build a huge IN list. */
export const MAX_AUDIENCE_CATEGORIES = 50;

// One checkbox per category, all named `category`. The values are the event's own category
// names, compared exactly (not NFKC-folded) so they match what the import stored; whether
// each one is a category of the event is checked against the database by the caller.
const categories = z
  .array(z.string().max(100, 'form.tooLong'))
  .max(MAX_AUDIENCE_CATEGORIES, 'announcements.form.tooManyCategories')
  .optional()
  .transform((list) => [...new Set((list ?? []).filter((c) => c !== ''))]);

const audienceShape = {
  audienceMode: z.enum(['everyone_on_channel', 'filter'], {
    error: 'announcements.form.audienceRequired',
  }),
  bibFrom: bib,
  bibTo: bib,
  category: categories,
};

type AudienceFields = {
  audienceMode: 'everyone_on_channel' | 'filter';
  bibFrom: number | null;
  bibTo: number | null;
  category: string[];
};

function checkAudience(d: AudienceFields, ctx: z.RefinementCtx) {
  if (d.audienceMode !== 'filter') return;
  if (d.bibFrom === null && d.bibTo === null && d.category.length === 0) {
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

/** For a refinement's `when`: none of these fields has an issue of its own. */
function fieldsParsed(names: readonly string[]) {
  return (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    payload.issues.every((issue) => !names.includes(String(issue.path?.[0])));
}

/** The audience alone: what the live recipient count is asked for. */
export const audienceSchema = z.object(audienceShape).superRefine(checkAudience);

export type AudienceInput = z.infer<typeof audienceSchema>;

export const draftSchema = z
  .object({
    channelId: z
      .string({ error: 'announcements.form.channelRequired' })
      .min(1, 'announcements.form.channelRequired'),
    titleJa: text(200),
    bodyJa: text(20_000),
    titleEn: text(200),
    bodyEn: text(20_000),
    ...audienceShape,
  })
  // Each rule runs once its own fields have parsed, even when another field has not: an empty
  // draft is told at once that it needs content and an audience, not one after the other.
  .superRefine(
    (d, ctx) => {
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
    },
    { when: fieldsParsed(['titleJa', 'bodyJa', 'titleEn', 'bodyEn']) },
  )
  .superRefine(checkAudience, { when: fieldsParsed(Object.keys(audienceShape)) });

export type DraftInput = z.infer<typeof draftSchema>;

/** The submitted fields: every field once, except `category`, one entry per ticked box. */
export type SubmittedFields = { [field: string]: string | string[]; category: string[] };

/**
 * Reads form fields (a POST body or a query string) for these schemas. The shared parseForm
 * keeps one value per name, which would drop all but one ticked category.
 */
export function submittedFields(source: FormData | URLSearchParams): SubmittedFields {
  const fields: Record<string, string> = {};
  for (const [key, value] of source.entries()) {
    if (key !== 'category' && typeof value === 'string') fields[key] = value;
  }
  const category = source.getAll('category').filter((v): v is string => typeof v === 'string');
  return { ...fields, category };
}

export type ParsedFields<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string>; values: SubmittedFields };

/** Like parseForm: localized field errors (first per field) and the input, kept intact. */
export function parseFields<S extends z.ZodType>(
  fields: SubmittedFields,
  schema: S,
  t: Translate,
): ParsedFields<z.infer<S>> {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fieldErrors[field]) continue;
    fieldErrors[field] = hasText(t, issue.message) ? t(issue.message) : t('form.errorSummary');
  }
  return { ok: false, fieldErrors, values: fields };
}
