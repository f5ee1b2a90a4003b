/**
 * Staff forms on Conform (decision 104) as a browser without JavaScript sees them: a refused
 * post is a 400 page that shows the schema's errors translated from their keys, keeps what
 * was typed, and writes nothing; the limits on the inputs come from the same schema.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { createTestEvent } from '../support/events';
import { createDocumentHandler } from '../support/remix-document';
import { formRequest, getRequest } from '../support/requests';

let handle: Awaited<ReturnType<typeof createDocumentHandler>>;
let event: Awaited<ReturnType<typeof createTestEvent>>;

beforeAll(async () => {
  handle = await createDocumentHandler(['staff.$slug.channels.tsx', 'staff.$slug.settings.tsx']);
  event = await createTestEvent('forms-staff-2027');
});

const post = (path: string, fields: Record<string, string>, locale: 'ja' | 'en') =>
  handle(
    formRequest(path, fields, {
      cookie: event.owner.cookie,
      headers: { Host: 'localhost:3000', 'Accept-Language': locale },
    }),
  );

/** The opening tag of the control named `name`. */
function tagOf(html: string, element: 'input' | 'textarea', name: string) {
  const tag = new RegExp(`<${element}\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`no <${element} name="${name}">`);
  return tag;
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#x27;');

describe.each(['ja', 'en'] as const)('a refused staff form without JavaScript (%s)', (locale) => {
  it('a channel: 400, the errors in the page’s language, the input kept, nothing written', async () => {
    const before = await db.select().from(channels).where(eq(channels.eventId, event.eventId));
    const response = await post(
      `/staff/${event.slug}/channels`,
      { nameJa: ' ', nameEn: 'Relay <b>', slug: 'Bad Slug!' },
      locale,
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(escapeHtml(translate(locale, 'form.required')));
    expect(html).toContain(escapeHtml(translate(locale, 'channels.form.slugInvalid')));
    expect(tagOf(html, 'input', 'slug')).toContain('value="Bad Slug!"');
    expect(tagOf(html, 'input', 'nameEn')).toContain('value="Relay &lt;b&gt;"');
    expect(tagOf(html, 'input', 'nameJa')).toContain('aria-invalid="true"');
    const after = await db.select().from(channels).where(eq(channels.eventId, event.eventId));
    expect(after).toHaveLength(before.length);
  });

  it('the settings form carries the schema’s limits and shows the stored values', async () => {
    const response = await handle(
      getRequest(`/staff/${event.slug}/settings`, {
        cookie: event.owner.cookie,
        headers: { 'Accept-Language': locale },
      }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(tagOf(html, 'input', 'nameJa')).toMatch(/ maxLength="120"/);
    expect(tagOf(html, 'input', 'nameJa')).toMatch(/ required=""/);
    expect(tagOf(html, 'input', 'nameJa')).toContain(`value="テスト大会 ${event.slug}"`);
    // English is optional: not marked required.
    expect(tagOf(html, 'input', 'nameEn')).not.toMatch(/ required/);
    expect(tagOf(html, 'textarea', 'descriptionJa')).toMatch(/ maxLength="2000"/);
    expect(tagOf(html, 'input', 'contactEmail')).toMatch(/ required=""/);
  });
});
