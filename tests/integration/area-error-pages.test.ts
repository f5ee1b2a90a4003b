/**
 * Issue 16: an error inside the staff area, the member area or a sponsor console is shown
 * inside that area — the staff keep their tabs, the sponsor their console, the runner a way
 * back to the event — in the reader's language, and the document title says where they are.
 * Someone who may not enter the area gets the plain page, which names nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '~/i18n/messages';
import { translate, type TranslateParams } from '~/i18n/translate';
import { signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { createDocumentHandler } from '../support/remix-document';
import { createTestSponsor } from '../support/sponsors';
import { formRequest, getRequest } from '../support/requests';

type Locale = 'ja' | 'en';
const LOCALES: Locale[] = ['ja', 'en'];

let render: Awaited<ReturnType<typeof createDocumentHandler>>;
let slug: string;
let owner: string;
let viewer: string;
let outsider: string;
let member: string;
let sponsorId: string;
let sponsorCookie: string;

beforeAll(async () => {
  render = await createDocumentHandler([
    'staff.$slug.$.tsx',
    'staff.$slug.members._index.tsx',
    'staff.$slug.team.tsx',
    'staff.$slug.audit.tsx',
    'e.$slug.$.tsx',
    'e.$slug.settings.tsx',
    'sponsor.$sponsorId.$.tsx',
    'sponsor.$sponsorId.stats.tsx',
  ]);
  const event = await createTestEvent('area-errors-2027');
  slug = event.slug;
  owner = event.owner.cookie;
  viewer = (await addStaff(event.eventId, 'viewer@area-errors.example', 'viewer')).cookie;
  outsider = (await signedInUser('someone@elsewhere.example')).cookie;
  member = (await addMember(event.eventId, 'runner@area-errors.example')).cookie;
  const sponsor = await createTestSponsor(event.eventId, 'shop@area-errors.example', 'Area Shoes');
  sponsorId = sponsor.sponsorId;
  sponsorCookie = sponsor.cookie;
});

const t = (locale: Locale, key: MessageKey, params?: TranslateParams) =>
  translate(locale, key, params);
const eventName = (locale: Locale) =>
  locale === 'ja' ? `テスト大会 ${slug}` : `Test race ${slug}`;
const withLang = (cookie: string, locale: Locale) => `${cookie}; startline_lang=${locale}`;

async function page(path: string, cookie: string, locale: Locale) {
  const response = await render(getRequest(path, { cookie: withLang(cookie, locale) }));
  return { status: response.status, html: await response.text() };
}

function titleOf(html: string) {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

function staffNavIn(html: string, locale: Locale) {
  return (
    html.includes(`aria-label="${t(locale, 'staff.nav.label')}"`) &&
    html.includes(`href="/staff/${slug}/members"`)
  );
}

describe('a missing page under /staff/:slug', () => {
  it.each(LOCALES)(
    'answers 404 inside the staff navigation, naming the event (%s)',
    async (locale) => {
      const { status, html } = await page(`/staff/${slug}/nope`, owner, locale);
      expect(status).toBe(404);
      expect(staffNavIn(html, locale)).toBe(true);
      // The owner's tabs, with the active page's header above them.
      expect(html).toContain(`href="/staff/${slug}/audit"`);
      expect(html).toContain(t(locale, 'errors.notFound.title'));
      expect(html).toContain(t(locale, 'errors.notFound.inPlace', { place: eventName(locale) }));
      expect(titleOf(html)).toBe(
        `${t(locale, 'errors.notFound.title')} – ${eventName(locale)} | Startline`,
      );
    },
  );

  it.each(LOCALES)(
    'shows a signed-in stranger the plain 404, without the event (%s)',
    async (locale) => {
      const { status, html } = await page(`/staff/${slug}/nope`, outsider, locale);
      expect(status).toBe(404);
      expect(staffNavIn(html, locale)).toBe(false);
      expect(html).not.toContain(eventName('ja'));
      expect(html).not.toContain(eventName('en'));
      expect(html).toContain(t(locale, 'errors.notFound.body'));
    },
  );
});

describe('a 403 inside the staff area', () => {
  it.each(LOCALES)(
    'keeps the navigation when a viewer opens an owner page (%s)',
    async (locale) => {
      const { status, html } = await page(`/staff/${slug}/audit`, viewer, locale);
      expect(status).toBe(403);
      expect(staffNavIn(html, locale)).toBe(true);
      // A viewer's tabs: no audit tab.
      expect(html).not.toContain(`href="/staff/${slug}/audit"`);
      expect(html).toContain(
        t(locale, 'errors.forbidden.needsOwner', { role: t(locale, 'home.role.owner') }),
      );
    },
  );

  it.each(LOCALES)(
    'keeps the navigation when a viewer posts an owner-only form (%s)',
    async (locale) => {
      const response = await render(
        formRequest(
          `/staff/${slug}/team`,
          { intent: 'invite', email: 'new@area-errors.example', role: 'editor' },
          // Remix compares a document POST's Origin with its Host, as a browser would send it.
          { cookie: withLang(viewer, locale), headers: { Host: 'localhost:3000' } },
        ),
      );
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(staffNavIn(html, locale)).toBe(true);
      expect(html).toContain(
        t(locale, 'errors.forbidden.needsOwner', { role: t(locale, 'home.role.owner') }),
      );
    },
  );
});

describe('a page of the staff area', () => {
  it('has the page and the event in its title, in the reader’s language', async () => {
    const titles = [];
    for (const locale of LOCALES) {
      const { status, html } = await page(`/staff/${slug}/members`, owner, locale);
      expect(status).toBe(200);
      expect(staffNavIn(html, locale)).toBe(true);
      // The tabs are rendered once, by the layout.
      expect(html.split(`aria-label="${t(locale, 'staff.nav.label')}"`)).toHaveLength(2);
      titles.push(titleOf(html));
      expect(titleOf(html)).toBe(
        `${t(locale, 'staff.members.title')} – ${eventName(locale)} | Startline`,
      );
    }
    expect(titles[0]).not.toBe(titles[1]);
  });
});

describe('a missing page under /e/:slug', () => {
  it.each(LOCALES)('names the event and links back to it (%s)', async (locale) => {
    const { status, html } = await page(`/e/${slug}/nope`, member, locale);
    expect(status).toBe(404);
    expect(html).toContain(t(locale, 'errors.notFound.inPlace', { place: eventName(locale) }));
    expect(html).toContain(`href="/e/${slug}"`);
  });

  it('links home when there is no such event', async () => {
    const { status, html } = await page('/e/no-such-race/nope', member, 'en');
    expect(status).toBe(404);
    expect(html).toContain(t('en', 'errors.notFound.body'));
    expect(html).not.toContain('href="/e/no-such-race"');
  });

  it('titles a member page with the event’s name in each language', async () => {
    for (const locale of LOCALES) {
      const { status, html } = await page(`/e/${slug}/settings`, member, locale);
      expect(status).toBe(200);
      expect(titleOf(html)).toBe(
        `${t(locale, 'members.settings.title')} – ${eventName(locale)} | Startline`,
      );
    }
  });
});

describe('a missing page under a sponsor console', () => {
  it.each(LOCALES)('keeps the console’s tabs (%s)', async (locale) => {
    const { status, html } = await page(`/sponsor/${sponsorId}/nope`, sponsorCookie, locale);
    expect(status).toBe(404);
    expect(html).toContain(`aria-label="${t(locale, 'sponsors.console.navLabel')}"`);
    expect(html).toContain(`href="/sponsor/${sponsorId}/stats"`);
    expect(html).toContain(t(locale, 'errors.notFound.title'));
  });

  it('shows someone else the plain 404, without the sponsor', async () => {
    const { status, html } = await page(`/sponsor/${sponsorId}/nope`, outsider, 'en');
    expect(status).toBe(404);
    expect(html).not.toContain('Area Shoes');
    expect(html).not.toContain(`aria-label="${t('en', 'sponsors.console.navLabel')}"`);
  });

  it('titles a console page with the sponsor’s name in each language', async () => {
    const { html: ja } = await page(`/sponsor/${sponsorId}/stats`, sponsorCookie, 'ja');
    const { html: en } = await page(`/sponsor/${sponsorId}/stats`, sponsorCookie, 'en');
    expect(titleOf(ja)).toBe(`${t('ja', 'sponsors.stats.title')} – Area Shoes(日本語) | Startline`);
    expect(titleOf(en)).toBe(`${t('en', 'sponsors.stats.title')} – Area Shoes | Startline`);
  });
});
