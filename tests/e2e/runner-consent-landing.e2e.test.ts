import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  latestMail,
  linksInMail,
  newPage,
  screenshot,
  sharedBrowser,
  signInAs,
  type Locale,
} from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

// The demo event (seeded by the server) and its owner.
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';

/** The text of the first match, once it is there (playwright-core has no locator assertions). */
async function textOf(locator: Locator) {
  await locator.first().waitFor();
  return ((await locator.first().textContent()) ?? '').trim();
}

/** Nothing wider than the window: no sideways scrolling on a phone. */
async function overflowsSideways(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  );
}

const browser = sharedBrowser();

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const expected = {
  ja: {
    heading: '外国にある第三者への提供（メール配信）',
    open: 'さくらシティマラソン 2027を開く',
  },
  en: {
    heading: 'Transfer to a third party abroad (email delivery)',
    open: 'Open Sakura City Marathon 2027',
  },
} as const;

describe('the runner’s way in (issue 15)', () => {
  it('reads the email-provider notice on the join page, joins, and after signing in again lands on the event', async () => {
    // 1. The owner invites one runner (a one-line entrant list).
    const run = Date.now().toString(36);
    const invitee = `consent.${run}@example.com`;
    const bib = 900_000 + (Date.now() % 90_000);
    const owner = await newPage(browser(), 'ja');
    await signInAs(owner, OWNER);
    await owner.goto(`/staff/${SLUG}/import`);
    await owner.locator('input[type="file"][name="file"]').setInputFiles({
      name: 'entrants.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `メールアドレス,氏名,ゼッケン\r\n${invitee},同意 花子,${bib}\r\n`,
        'utf8',
      ),
    });
    await Promise.all([
      owner.waitForURL(/\/import\?upload=/),
      owner.locator('main form button[type="submit"]').click(),
    ]);
    await Promise.all([
      owner.waitForURL(/\/import\?result=/),
      owner
        .locator(
          'section[aria-labelledby="mapping-heading"] button[name="intent"][value="confirm"]',
        )
        .click(),
    ]);
    await owner.context().close();
    const invitation = await latestMail(invitee, { subject: /ご案内/, timeoutMs: 60_000 });
    const joinLink = linksInMail(invitation).find((l) => /\/join\/[\w-]+$/.test(l))!;
    expect(joinLink).toBeTruthy();

    // 2. The join page in both languages, on a desktop and on a phone: the notice is a short
    //    summary with its details folded; opened, it names the provider, the country and links.
    for (const locale of ['ja', 'en'] as Locale[]) {
      for (const viewport of viewports) {
        const page = await newPage(browser(), locale);
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const errors = watchConsole(page);
        await page.goto(joinLink);
        const notice = page.locator('.consent-transfer');
        expect(await textOf(notice.locator('h3'))).toBe(expected[locale].heading);
        expect(await textOf(notice.locator('p'))).toContain('Resend, Inc.');
        expect(await notice.locator('details').getAttribute('open')).toBeNull();
        await screenshot(page, `join-consent-${locale}-${viewport.name}`);
        await notice.locator('summary').click();
        const link = notice.locator('a[href*="offshore_report_america"]');
        await link.waitFor();
        expect(await link.isVisible()).toBe(true);
        expect(await overflowsSideways(page)).toBe(false);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, `join-consent-${locale}-${viewport.name}-details`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }

    // 3. The invitee joins (in Japanese, on a phone) and signs out.
    const runner = await newPage(browser(), 'ja');
    await runner.setViewportSize({ width: 390, height: 844 });
    const errors = watchConsole(runner);
    await runner.goto(joinLink);
    await runner.locator('input[type="checkbox"][name="consent"]').check();
    await Promise.all([
      runner.waitForURL((url) => url.pathname === `/e/${SLUG}`),
      runner.locator('main form button[type="submit"]').click(),
    ]);
    await runner.locator('form[action="/sign-out"] button').click();
    await runner.locator('form[action="/sign-out"]').waitFor({ state: 'detached' });

    // 4. Signing in again lands on the event itself: one community, no staff or sponsor role.
    await signInAs(runner, invitee, { fresh: true });
    expect(new URL(runner.url()).pathname).toBe(`/e/${SLUG}`);
    await screenshot(runner, 'sign-in-lands-on-event-ja-phone');

    // 5. The hub, if they open it, names the event on its button — in both languages.
    for (const locale of ['ja', 'en'] as Locale[]) {
      await runner
        .context()
        .addCookies([{ name: 'startline_lang', value: locale, url: new URL(joinLink).origin }]);
      await runner.goto('/');
      const open = runner.getByRole('link', { name: expected[locale].open });
      await open.waitFor();
      expect(await open.getAttribute('href')).toBe(`/e/${SLUG}`);
      expect(await overflowsSideways(runner)).toBe(false);
      expect(await seriousA11yViolations(runner)).toEqual([]);
      await screenshot(runner, `home-runner-${locale}-phone`);
    }
    expect(errors).toEqual([]);
    await runner.context().close();
  });
});
