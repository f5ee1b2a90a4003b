/**
 * Runner-facing forms check what was typed in the browser from the action's schema's limits,
 * sent as HTML constraints (decision 104): the localized error shows without a request to the
 * server, and no zod is shipped to the phone. Without JavaScript the same input reaches the
 * server, which refuses it with 400, shows the same localized error and keeps what was typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { baseUrl, newPage, sharedBrowser, type Locale } from './support/browser';

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

/** The scripts the page loads, to look inside them. */
function collectScripts(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.text());
  });
  return () => Promise.all(bodies);
}

async function errorOf(page: Page, name: string) {
  const error = page.locator(`#field-${name}-error`);
  await error.waitFor();
  return (await error.textContent())?.trim();
}

describe.each<Locale>(['ja', 'en'])('runner forms (%s)', (locale) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);

  it('sign-in: the browser refuses a bad address in the page’s language with no round trip and no zod; without JavaScript the server answers 400 and keeps the address', async () => {
    const page = await newPage(browser(), locale);
    const scripts = collectScripts(page);
    await page.goto('/sign-in');
    await hydrated(page);
    const requests = countRequests(page);

    const email = page.locator('main input[name="email"]');
    expect(await email.getAttribute('required')).not.toBeNull();
    await email.fill('not-an-email');
    await page.locator('main form button[type="submit"]').click();
    expect(await errorOf(page, 'email')).toBe(t('form.email.invalid'));
    expect(await email.getAttribute('aria-invalid')).toBe('true');

    // Emptied, the message changes as it is typed; submitting does not reach the server.
    await email.fill('');
    await page.locator('main form button[type="submit"]').click();
    await expect.poll(() => errorOf(page, 'email')).toBe(t('form.required'));
    // Corrected, the error goes away, still without asking the server.
    await email.fill('runner@example.com');
    await page.locator('#field-email-error').waitFor({ state: 'detached' });
    expect(requests).toEqual([]);

    // Runner-facing pages are opened on phones: zod's code stays on the server.
    const loaded = await scripts();
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((body) => body.includes('$ZodType'))).toEqual([]);
    await page.context().close();

    const context = await browser().newContext({
      baseURL: baseUrl(),
      javaScriptEnabled: false,
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      extraHTTPHeaders: {
        'Accept-Language': locale === 'ja' ? 'ja,en;q=0.5' : 'en,ja;q=0.5',
        'X-Forwarded-For': locale === 'ja' ? '198.19.9.1' : '198.19.9.2',
      },
    });
    const plain = await context.newPage();
    await plain.goto('/sign-in');
    await plain.locator('main input[name="email"]').fill('not-an-email');
    const [response] = await Promise.all([
      plain.waitForResponse((r) => r.request().method() === 'POST'),
      plain.locator('main form button[type="submit"]').click(),
    ]);
    expect(response.status()).toBe(400);
    await plain.waitForLoadState('domcontentloaded');
    expect(await errorOf(plain, 'email')).toBe(t('form.email.invalid'));
    expect(await plain.locator('main input[name="email"]').inputValue()).toBe('not-an-email');
    await context.close();
  });

  it('sign-in code: an empty code is refused in the browser, in the page’s language', async () => {
    const page = await newPage(browser(), locale);
    // Any challenge id renders the form; nothing is checked until a code is posted.
    await page.goto('/sign-in/code/no-such-challenge');
    await hydrated(page);
    const requests = countRequests(page);
    await page.locator('main form button[type="submit"]').click();
    expect(await errorOf(page, 'code')).toBe(t('form.required'));
    expect(requests).toEqual([]);
    await page.context().close();
  });
});
