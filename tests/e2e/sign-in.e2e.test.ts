import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  latestMail,
  linksInMail,
  newPage,
  screenshot,
  sharedBrowser,
  signInAs,
  type Locale,
} from './support/browser';
import { seriousA11yViolations } from './support/page-checks';

const OWNER = 'owner@sakura-marathon.example';

const expected = {
  ja: {
    signIn: 'ログイン',
    managed: '運営している大会',
    event: 'さくらシティマラソン 2027',
    role: '管理者',
  },
  en: {
    signIn: 'Sign in',
    managed: 'Events you manage',
    event: 'Sakura City Marathon 2027',
    role: 'Owner',
  },
} as const;

/** axe-core on the page as it is now; returns the serious and critical violations. */

const browser = sharedBrowser();

describe.each<Locale>(['ja', 'en'])('signing in (%s)', (locale) => {
  const text = expected[locale];

  it('the demo owner signs in through the emailed code and sees the event they manage', async () => {
    const page = await newPage(browser(), locale);
    // A CSP block, a hydration mismatch or a failed request shows up as a console error.
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${page.url()})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${error.message} (${page.url()})`));

    await page.goto('/sign-in');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(text.signIn);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `sign-in-${locale}`);

    await signInAs(page, OWNER, { fresh: true });

    expect(new URL(page.url()).pathname).toBe('/');
    const managed = page.getByRole('region', { name: text.managed });
    await managed.waitFor();
    expect(await managed.textContent()).toContain(text.event);
    expect(await managed.textContent()).toContain(text.role);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `home-${locale}`);
    expect(consoleErrors).toEqual([]);

    await page.context().close();
  });
});

describe('before the page’s JavaScript has loaded', () => {
  it('a runner signs in with plain HTML forms (the browser’s own Origin passes the origin check)', async () => {
    // A phone on a slow network may submit before hydration; the forms must work as HTML.
    // Under `Referrer-Policy: no-referrer` the browser sent `Origin: null` and got 403 here.
    const context = await browser().newContext({
      baseURL: baseUrl(),
      javaScriptEnabled: false,
      locale: 'ja-JP',
      extraHTTPHeaders: { 'X-Forwarded-For': '198.19.7.7' },
    });
    const page = await context.newPage();
    const runner = 'runner3@example.com';
    const startedAt = new Date();
    await page.goto('/sign-in');
    await page.locator('main input[name="email"]').fill(runner);
    await Promise.all([
      page.waitForURL(/\/sign-in\/code\//),
      page.locator('main form button[type="submit"]').click(),
    ]);
    const message = await latestMail(runner, { after: startedAt });
    const link = linksInMail(message).find((l) => l.includes('/sign-in/code/'));
    expect(link).toBeDefined();
    await page.goto(link!);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
      page.locator('main form button[type="submit"]').click(),
    ]);
    expect(await page.locator('form[action="/sign-out"]').count()).toBe(1);
    await context.close();
  });
});
