import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { addStaff, createTestEvent } from '../support/events';
import { createDocumentHandler } from '../support/remix-document';
import { getRequest } from '../support/requests';

const render = await createDocumentHandler([
  'staff.$slug.audit.tsx',
  'staff.$slug.announcements.new.tsx',
]);

async function forbiddenPage(path: string, cookie: string, locale: 'ja' | 'en') {
  const response = await render(
    getRequest(path, { cookie: `${cookie}; startline_lang=${locale}` }),
  );
  expect(response.status).toBe(403);
  return response.text();
}

describe('the 403 page says which role is needed', () => {
  it('names the owner role for owner pages and "editor or higher" for editor pages, in both languages', async () => {
    const { eventId, slug } = await createTestEvent('forbidden-role');
    const viewer = await addStaff(eventId, 'viewer@forbidden-role.example', 'viewer');
    for (const locale of ['ja', 'en'] as const) {
      const ownerOnly = await forbiddenPage(`/staff/${slug}/audit`, viewer.cookie, locale);
      expect(ownerOnly).toContain(
        translate(locale, 'errors.forbidden.needsOwner', {
          role: translate(locale, 'home.role.owner'),
        }),
      );
      const editorPage = await forbiddenPage(
        `/staff/${slug}/announcements/new`,
        viewer.cookie,
        locale,
      );
      expect(editorPage).toContain(
        translate(locale, 'errors.forbidden.needsRole', {
          role: translate(locale, 'home.role.editor'),
        }),
      );
      // Every page's strings travel in the root loader's data (decision 105): look at what shows.
      const shown = editorPage.replace(/<script[\s\S]*?<\/script>/g, '');
      expect(shown).not.toContain(translate(locale, 'errors.forbidden.body'));
    }
  });
});
