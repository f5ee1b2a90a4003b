import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { newPage, screenshot, sharedBrowser, signInAs, type Locale } from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

// Issue 15 on the sponsor side. A missing page under the sponsor console (an unknown path, an
// offer or notice that does not exist) shows the localized 404 page, and hydrating that page
// logs nothing: no React hydration mismatch (#418/#423), no uncaught error. A form submitted
// empty shows its field errors without a console error. A Japanese-only offer is accepted,
// its code pool is explained in words, and a runner reading English sees it marked.
const SPONSOR = 'sponsor@sakura-sports.example';
const OWNER = 'owner@sakura-marathon.example';
const RUNNER_EN = 'runner3@example.com';
const SLUG = 'sakura-city-2027';
const TITLE_JA = '商店街 おにぎり1個サービス';
const PHONE = { width: 390, height: 844 };

const notFound = (locale: Locale) => translate(locale, 'errors.notFound.title');

const NOT_FOUND_RESPONSE = /^Failed to load resource: the server responded with a status of 404/;

async function consoleHome(page: Page) {
  await page.goto('/sponsor');
  await page.waitForURL(/\/sponsor\/[\w-]{22}$/);
  return new URL(page.url()).pathname;
}

/** The page has hydrated once React has attached its handlers to the root (entry.client.tsx). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown };
    return Boolean(w.__remixContext) && document.readyState === 'complete';
  });
  // The language switch is a Remix <Form>: once hydrated, a click is handled by React. A
  // network-idle wait lets any route modules finish loading before we read the console.
  await page.waitForLoadState('networkidle');
}

const browser = sharedBrowser();

describe('a missing page under the sponsor console', () => {
  for (const locale of ['ja', 'en'] as const) {
    it(`shows the 404 page in ${locale} and logs no console error`, async () => {
      const page = await newPage(browser(), locale);
      await signInAs(page, SPONSOR);
      const home = await consoleHome(page);
      const errors = watchConsole(page);
      const missing = [
        `${home}/nope`,
        `${home}/offers/AAAAAAAAAAAAAAAAAAAAAA`,
        `${home}/offers/AAAAAAAAAAAAAAAAAAAAAA/codes`,
        `${home}/notices/AAAAAAAAAAAAAAAAAAAAAA`,
      ];
      for (const path of missing) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await hydrated(page);
        await expect.poll(() => page.locator('h1').first().textContent()).toBe(notFound(locale));
      }
      await screenshot(page, `sponsor-missing-page-${locale}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // A client-side navigation (Remix's router, as a <Link> would) to a missing offer
      // lands on the same page, without errors.
      await page.goto(home);
      await hydrated(page);
      await page.evaluate((href) => {
        const w = window as unknown as { __remixRouter: { navigate(to: string): unknown } };
        void w.__remixRouter.navigate(href);
      }, `${home}/offers/AAAAAAAAAAAAAAAAAAAAAA`);
      await expect.poll(() => page.locator('h1').first().textContent()).toBe(notFound(locale));
      await page.waitForLoadState('networkidle');
      // Chromium logs every 404 response (the document, a data request) as a console error;
      // that is the status we want. Anything else (a hydration mismatch, an exception) fails.
      expect(errors.filter((e) => !NOT_FOUND_RESPONSE.test(e))).toEqual([]);
    });
  }
});

/** Screenshots at 1280 px and at 390×844 (restoring the desktop width), with an axe check. */
async function lookAt(page: Page, name: string) {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-390`);
  expect(await seriousA11yViolations(page), name).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('a Japanese-only offer from a local shop', () => {
  it('is saved without English, explains its code pool, and reaches English readers marked', async () => {
    // Signed in first: the submission below mails the owner, and signInAs reads the newest mail.
    const owner = await newPage(browser(), 'ja');
    await signInAs(owner, OWNER);

    // 1. An empty form with JavaScript on: field errors, and nothing in the console.
    const sponsor = await newPage(browser(), 'ja');
    await signInAs(sponsor, SPONSOR);
    const home = await consoleHome(sponsor);
    const sponsorErrors = watchConsole(sponsor);
    await sponsor.goto(`${home}/offers/new`);
    await hydrated(sponsor);
    await sponsor
      .getByRole('button', { name: translate('ja', 'sponsors.editor.saveDraft') })
      .click();
    await expect
      .poll(() => sponsor.locator('#field-titleJa-error').textContent())
      .toContain(translate('ja', 'sponsors.form.oneLanguage'));
    expect(await sponsor.locator('#field-titleEn-error').count()).toBe(0);
    await lookAt(sponsor, 'sponsor-offer-empty-ja');

    // 2. Japanese only: saved, then 50 codes, explained in a sentence.
    await sponsor.fill('input[name="titleJa"]', TITLE_JA);
    await sponsor.fill('input[name="discountJa"]', 'おにぎり1個無料');
    await sponsor.fill('input[name="validFrom"]', new Date().toISOString().slice(0, 10));
    await sponsor.fill('input[name="validUntil"]', '2027-03-28');
    await Promise.all([
      sponsor.waitForURL(/\/codes$/),
      sponsor.getByRole('button', { name: translate('ja', 'sponsors.editor.saveDraft') }).click(),
    ]);
    await sponsor.fill('input[name="count"]', '50');
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.codes.generate') }).click();
    await expect
      .poll(() => sponsor.getByTestId('pool-sentence').textContent())
      .toContain(
        translate('ja', 'sponsors.codes.poolRange', { total: '50', from: '46', threshold: '5' }),
      );
    await lookAt(sponsor, 'sponsor-codes-ja');
    await sponsor
      .getByRole('link', { name: translate('ja', 'sponsors.codes.backToOffer') })
      .click();
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.editor.submit') }).click();
    await expect
      .poll(() => sponsor.locator('[role="status"]').textContent())
      .toContain(translate('ja', 'sponsors.editor.submitted'));
    await sponsor.goto(`${home}/stats`);
    await lookAt(sponsor, 'sponsor-stats-ja');

    // 3. The notice form submitted empty: errors, no console error either.
    await sponsor.goto(`${home}/notices`);
    await hydrated(sponsor);
    await sponsor
      .getByRole('button', { name: translate('ja', 'sponsors.editor.saveDraft') })
      .click();
    await expect
      .poll(() => sponsor.locator('#field-titleJa-error').textContent())
      .toContain(translate('ja', 'sponsors.form.oneLanguage'));
    await lookAt(sponsor, 'sponsor-notice-empty-ja');
    expect(sponsorErrors).toEqual([]);

    // 4. The owner sees there is no English, and approves.
    await owner.goto(`/staff/${SLUG}/sponsors`);
    await owner
      .locator('li', { hasText: TITLE_JA })
      .getByRole('link', { name: translate('ja', 'sponsors.staff.review') })
      .click();
    await expect
      .poll(() => owner.locator('main').textContent())
      .toContain(translate('ja', 'sponsors.content.noEnglish'));
    await lookAt(owner, 'staff-sponsor-review-japanese-only-ja');
    await Promise.all([
      owner.waitForURL(/\/sponsors$/),
      owner.getByRole('button', { name: translate('ja', 'sponsors.review.approve') }).click(),
    ]);

    // 5. A runner reading English sees the Japanese title, marked "Japanese only".
    const runner = await newPage(browser(), 'en');
    const runnerErrors = watchConsole(runner);
    await signInAs(runner, RUNNER_EN);
    await runner.goto(`/e/${SLUG}/offers`);
    const card = runner.locator('li', { hasText: TITLE_JA });
    await expect.poll(() => card.locator('.badge--lang').textContent()).toBe('Japanese only');
    await lookAt(runner, 'member-offers-japanese-only-en');
    await card.getByRole('link').click();
    await expect.poll(() => runner.locator('h1').textContent()).toContain('Japanese only');
    expect(await runner.locator('h1 [lang="ja"]').textContent()).toBe(TITLE_JA);
    await lookAt(runner, 'member-offer-japanese-only-en');
    expect(runnerErrors).toEqual([]);

    // 6. The same console pages in English.
    const sponsorEn = await newPage(browser(), 'en');
    await signInAs(sponsorEn, SPONSOR);
    await sponsorEn.goto(home);
    await expect
      .poll(() =>
        sponsorEn.locator('tr', { hasText: TITLE_JA }).locator('.badge--lang').textContent(),
      )
      .toBe('Japanese only');
    await lookAt(sponsorEn, 'sponsor-console-en');
    await sponsorEn.goto(`${home}/stats`);
    await lookAt(sponsorEn, 'sponsor-stats-en');
    await sponsorEn.goto(`${home}/offers/new`);
    await hydrated(sponsorEn);
    await sponsorEn.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(() => sponsorEn.locator('#field-titleJa-error').textContent())
      .toContain('Enter a title');
    await lookAt(sponsorEn, 'sponsor-offer-empty-en');
  }, 240_000);
});
