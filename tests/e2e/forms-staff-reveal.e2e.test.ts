/**
 * Revealing a member's address needs a reason (decision 104): the browser checks it with the
 * action's own schema — a reason of spaces only is no reason — and says so in the page's
 * language without asking the server. Without JavaScript the server refuses the same input
 * with 400, shows the same localized error, keeps what was typed, and reveals nothing.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { baseUrl, newPage, sharedBrowser, signInAs, type Locale } from './support/browser';
import { watchConsole } from './support/page-checks';

const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';

const browser = sharedBrowser();

/** Hydrated: Remix's context is there and the route modules have loaded. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown };
    return Boolean(w.__remixContext) && document.readyState === 'complete';
  });
  await page.waitForLoadState('networkidle');
}

/** Every request that is not a page or asset read: a form post or a data request. */
function countRequests(page: Page) {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() !== 'GET' || url.searchParams.has('_data')) seen.push(request.url());
  });
  return seen;
}

async function errorOf(page: Page, name: string) {
  const error = page.locator(`#field-${name}-error`);
  // Generous: the shared test machine can be very slow.
  await error.waitFor({ timeout: 60_000 });
  return (await error.textContent())?.trim();
}

describe.each<Locale>(['ja', 'en'])('the reveal form (%s)', (locale) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);

  it('refuses a blank reason in the browser with no round trip; without JavaScript the server refuses it with 400', async () => {
    const page = await newPage(browser(), locale);
    await signInAs(page, OWNER);
    const consoleErrors = watchConsole(page);
    await page.goto(`/staff/${SLUG}/members`);
    const link = page.getByRole('link', { name: t('staff.members.reveal'), exact: true }).first();
    const revealPath = await link.getAttribute('href');
    expect(revealPath).toMatch(/\/reveal$/);
    await page.goto(revealPath!);
    await hydrated(page);
    const requests = countRequests(page);

    // The limit is the schema's, written once.
    const reason = page.locator('textarea[name="reason"]');
    expect(await reason.getAttribute('maxlength')).toBe('500');
    expect(await reason.getAttribute('required')).not.toBeNull();

    // Spaces pass the browser's own `required`, not the schema (it trims first).
    await reason.fill('   ');
    await page.getByRole('button', { name: t('staff.reveal.submit'), exact: true }).click();
    expect(await errorOf(page, 'reason'), consoleErrors.join('\n')).toBe(
      t('staff.reveal.reason.required'),
    );
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    // Corrected as it is typed, still without asking the server.
    await reason.fill('確認のため');
    await page.locator('#field-reason-error').waitFor({ state: 'detached' });
    expect(requests).toEqual([]);
    expect(await page.locator('.revealed-email').count()).toBe(0);

    // The same input with JavaScript off: the server's 400 page, error localized, input kept.
    const context = await browser().newContext({
      baseURL: baseUrl(),
      javaScriptEnabled: false,
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      extraHTTPHeaders: {
        'Accept-Language': locale === 'ja' ? 'ja,en;q=0.5' : 'en,ja;q=0.5',
        'X-Forwarded-For': '198.19.8.9',
      },
    });
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto(revealPath!);
    await plain.locator('textarea[name="reason"]').fill('   ');
    const [response] = await Promise.all([
      plain.waitForResponse((r) => r.request().method() === 'POST'),
      plain.getByRole('button', { name: t('staff.reveal.submit'), exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await plain.waitForLoadState('domcontentloaded');
    expect(await errorOf(plain, 'reason')).toBe(t('staff.reveal.reason.required'));
    expect(await plain.locator('textarea[name="reason"]').inputValue()).toBe('   ');
    expect(await plain.locator('.revealed-email').count()).toBe(0);
    await context.close();
    await page.context().close();
  });
});
