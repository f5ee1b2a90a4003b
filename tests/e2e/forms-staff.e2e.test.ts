/**
 * Staff forms check what was typed in the browser with the action's own schema (decision 104):
 * the localized error shows without a request to the server, and is corrected as you type.
 * Without JavaScript the same input reaches the server, which refuses it with 400 and shows
 * the same localized error, keeping what was typed.
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

describe.each<Locale>(['ja', 'en'])('staff forms (%s)', (locale) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);

  it('a new channel: the browser shows the schema’s errors with no round trip; without JavaScript the server refuses the same input with 400', async () => {
    const page = await newPage(browser(), locale);
    await signInAs(page, OWNER);
    const consoleErrors = watchConsole(page);
    await page.goto(`/staff/${SLUG}/channels`);
    await hydrated(page);
    const requests = countRequests(page);

    // The limit is the schema's (displayName(60)), written once.
    expect(await page.locator('input[name="nameJa"]').getAttribute('maxlength')).toBe('60');
    expect(await page.locator('input[name="nameJa"]').getAttribute('required')).not.toBeNull();
    expect(await page.locator('input[name="nameEn"]').getAttribute('required')).toBeNull();

    await page.locator('input[name="nameEn"]').fill('Relay');
    await page.locator('input[name="slug"]').fill('Bad Slug!');
    await page.getByRole('button', { name: t('channels.form.submit'), exact: true }).click();
    expect(await errorOf(page, 'nameJa'), consoleErrors.join('\n')).toBe(t('form.required'));
    expect(await errorOf(page, 'slug')).toBe(t('channels.form.slugInvalid'));
    expect(await page.locator('input[name="nameJa"]').getAttribute('aria-invalid')).toBe('true');

    // Corrected as it is typed, still without asking the server.
    await page.locator('input[name="nameJa"]').fill('リレー');
    await page.locator('#field-nameJa-error').waitFor({ state: 'detached' });
    expect(await page.locator('#field-slug-error').count()).toBe(1);
    expect(requests).toEqual([]);

    // The same input with JavaScript off: the server's 400 page, errors localized, input kept.
    const context = await browser().newContext({
      baseURL: baseUrl(),
      javaScriptEnabled: false,
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      extraHTTPHeaders: {
        'Accept-Language': locale === 'ja' ? 'ja,en;q=0.5' : 'en,ja;q=0.5',
        'X-Forwarded-For': '198.19.8.8',
      },
    });
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto(`/staff/${SLUG}/channels`);
    await plain.locator('input[name="nameEn"]').fill('Relay');
    await plain.locator('input[name="slug"]').fill('Bad Slug!');
    const [response] = await Promise.all([
      plain.waitForResponse((r) => r.request().method() === 'POST'),
      plain.getByRole('button', { name: t('channels.form.submit'), exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await plain.waitForLoadState('domcontentloaded');
    expect(await errorOf(plain, 'nameJa')).toBe(t('form.required'));
    expect(await errorOf(plain, 'slug')).toBe(t('channels.form.slugInvalid'));
    expect(await plain.locator('input[name="slug"]').inputValue()).toBe('Bad Slug!');
    expect(await plain.locator('input[name="nameEn"]').inputValue()).toBe('Relay');
    await context.close();
    await page.context().close();
  });

  it('a new announcement: an empty draft is refused in the browser, in the page’s language', async () => {
    const page = await newPage(browser(), locale);
    await signInAs(page, OWNER);
    await page.goto(`/staff/${SLUG}/announcements/new`);
    await hydrated(page);
    const requests = countRequests(page);
    await page.getByRole('button', { name: t('announcements.form.save'), exact: true }).click();
    expect(await errorOf(page, 'titleJa')).toBe(t('announcements.form.contentRequired'));
    expect(await errorOf(page, 'audienceMode')).toBe(t('announcements.form.audienceRequired'));
    expect(await page.locator('input[name="titleJa"]').getAttribute('maxlength')).toBe('200');
    expect(requests.filter((url) => !url.includes('audience-count'))).toEqual([]);
    await page.context().close();
  });
});
