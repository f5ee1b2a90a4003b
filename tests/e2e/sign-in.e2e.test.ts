import { describe, expect, it } from 'vitest';
import { newPage, screenshot, sharedBrowser, signInAs, type Locale } from './support/browser';
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
