import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { newPage, sharedBrowser, signInAs, type Locale } from './support/browser';
import { watchConsole } from './support/page-checks';

// Issue 16: a 404 under /staff/:slug/… keeps the staff navigation, on the server's page and
// after hydration (no mismatch between the two trees), and on a client-side navigation.
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';
const NOT_FOUND_RESPONSE = /^Failed to load resource: the server responded with a status of 404/;

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown };
    return Boolean(w.__remixContext) && document.readyState === 'complete';
  });
  await page.waitForLoadState('networkidle');
}

const browser = sharedBrowser();

describe('a missing page under the staff area', () => {
  for (const locale of ['ja', 'en'] as Locale[]) {
    it(`keeps the staff navigation in ${locale}, with no console error`, async () => {
      const page = await newPage(browser(), locale);
      await signInAs(page, OWNER);
      const errors = watchConsole(page);
      const nav = page.getByRole('navigation', { name: translate(locale, 'staff.nav.label') });
      const heading = page.locator('h1').first();

      const response = await page.goto(`/staff/${SLUG}/nope`);
      expect(response?.status()).toBe(404);
      await hydrated(page);
      await nav.waitFor();
      await expect
        .poll(() => heading.textContent())
        .toBe(translate(locale, 'errors.notFound.title'));

      // From the dashboard, a client-side navigation to a missing page lands in the same frame.
      await page.goto(`/staff/${SLUG}`);
      await hydrated(page);
      await page.evaluate((href) => {
        const w = window as unknown as { __remixRouter: { navigate(to: string): unknown } };
        void w.__remixRouter.navigate(href);
      }, `/staff/${SLUG}/nope`);
      await expect
        .poll(() => heading.textContent())
        .toBe(translate(locale, 'errors.notFound.title'));
      await nav.waitFor();
      await page.waitForLoadState('networkidle');
      expect(errors.filter((e) => !NOT_FOUND_RESPONSE.test(e))).toEqual([]);
      await page.context().close();
    });
  }
});
