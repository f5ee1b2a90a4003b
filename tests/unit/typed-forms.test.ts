import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { draftSchema } from '~/modules/announcements/draft-form';
import { videoDetailsSchema } from '~/modules/video/video-details-form';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { formConstraints, parseFormValues } from '~/utils/forms';
import { displayName, optionalDisplayName } from '~/utils/normalize';
import { translator } from '~/i18n/translate';

const t = translator('en');
const schema = z.object({ nameJa: displayName(60), nameEn: optionalDisplayName(60) });

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe('typed forms (Conform + zod)', () => {
  it('takes its HTML limits from the schema: required only when empty is refused', () => {
    const constraints = formConstraints(schema);
    expect(constraints.nameJa).toMatchObject({ required: true, maxLength: 60 });
    expect(constraints.nameEn).toMatchObject({ required: false, maxLength: 60 });
    const draft = formConstraints(draftSchema);
    expect(draft.titleJa).toMatchObject({ required: false, maxLength: 200 });
    expect(draft.channelId.required).toBe(true);
    // A limit on either side of a pipe counts: text(120).pipe(min(1)).
    expect(formConstraints(videoDetailsSchema).titleJa).toMatchObject({
      required: true,
      minLength: 1,
      maxLength: 120,
    });
    expect(formConstraints(videoDetailsSchema).titleEn).toMatchObject({
      required: false,
      maxLength: 120,
    });
    // The bib pattern sits behind an NFKC fold: the browser must not refuse full-width digits.
    expect(draft.bibFrom.pattern).toBeUndefined();
  });

  it('parses raw strings as the schemas expect ("" stays "") and reports message keys', () => {
    const refused = parseFormValues(
      form([
        ['nameJa', '  '],
        ['nameEn', 'x'.repeat(61)],
      ]),
      schema,
    );
    expect(refused.status).toBe('error');
    expect(refused.status === 'error' && refused.error).toEqual({
      nameJa: ['form.required'],
      nameEn: ['form.tooLong'],
    });
    const missing = parseFormValues(form([]), schema);
    expect(missing.status === 'error' && missing.error?.nameJa).toEqual(['form.required']);
    const ok = parseFormValues(
      form([
        ['nameJa', ' 東京マラソン '],
        ['nameEn', ''],
      ]),
      schema,
    );
    expect(ok.status).toBe('success');
    expect(ok.status === 'success' && ok.value).toEqual({ nameJa: '東京マラソン', nameEn: '' });
  });

  it('reads one ticked checkbox as a list', () => {
    const submission = parseFormValues(
      form([
        ['channelId', 'c'],
        ['titleJa', 't'],
        ['bodyJa', 'b'],
        ['audienceMode', 'filter'],
        ['category', 'フル'],
      ]),
      draftSchema,
    );
    expect(submission.status === 'success' && submission.value.category).toEqual(['フル']);
  });

  it('tells an empty draft everything it lacks at once: channel, content and audience', () => {
    const refused = parseFormValues(form([['titleJa', '']]), draftSchema);
    expect(refused.status).toBe('error');
    expect(refused.status === 'error' && refused.error).toMatchObject({
      channelId: ['announcements.form.channelRequired'],
      titleJa: ['announcements.form.contentRequired'],
      audienceMode: ['announcements.form.audienceRequired'],
    });
    // A filter with nothing in it is reported while the content is still missing.
    const emptyFilter = parseFormValues(form([['audienceMode', 'filter']]), draftSchema);
    expect(emptyFilter.status === 'error' && emptyFilter.error).toMatchObject({
      titleJa: ['announcements.form.contentRequired'],
      audienceMode: ['announcements.form.filterEmpty'],
    });
  });

  it('refuses with 400, the user’s values and the errors as keys', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ nameJa: '', nameEn: 'Tokyo' }),
    });
    const submission = await parseSubmission(request, schema, t);
    expect(submission.status).toBe('error');
    const response = refuseSubmission(submission);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.submission.initialValue).toMatchObject({ nameEn: 'Tokyo' });
    expect(body.submission.error).toMatchObject({ nameJa: ['form.required'] });
  });

  it('adds the action’s own refusal to a valid submission', async () => {
    const submission = await parseSubmission(form([['nameJa', 'あ']]), schema, t);
    const response = refuseSubmission(
      submission,
      { fieldErrors: { nameJa: 'form.tooLong' }, formError: 'form.errorSummary' },
      409,
    );
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.submission.error).toMatchObject({
      nameJa: ['form.tooLong'],
      '': ['form.errorSummary'],
    });
    expect(body.submission.initialValue).toMatchObject({ nameJa: 'あ' });
  });
});
