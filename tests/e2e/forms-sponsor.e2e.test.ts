/**
 * Sponsor forms check what was typed in the browser with the action's own schema (decision 104):
 * a notice written only in English asks for its English title without a request to the
 * server; with JavaScript off the server refuses the same input with 400, shows the same
 * localized error and keeps what was typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { baseUrl, newPage, sharedBrowser, signInAs } from './support/browser';
import { watchConsole } from './support/page-checks';

const SPONSOR = 'sponsor@sakura-sports.example';
const browser = sharedBrowser();
const t = (key: Parameters<typeof translate>[1]) => translate('en', key);

async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown };
    return Boolean(w.__remixContext) && document.readyState === 'complete';
  });
  await page.waitForLoadState('networkidle');
}

async function errorOf(page: Page, name: string) {
  const error = page.locator(`#field-${name}-error`);
  await error.waitFor({ timeout: 60_000 });
  return (await error.textContent())?.trim();
}

describe('sponsor forms', () => {
  it('a new notice: the browser asks for the English title with no round trip; without JavaScript the server answers 400 and keeps the input', async () => {
    const page = await newPage(browser(), 'en');
    const consoleErrors = watchConsole(page);
    await signInAs(page, SPONSOR);
    await page.goto('/sponsor');
    await page.waitForURL(/\/sponsor\/[\w-]{22}$/);
    const notices = `${new URL(page.url()).pathname}/notices`;
    await page.goto(notices);
    await hydrated(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() !== 'GET' || url.searchParams.has('_data')) posts.push(request.url());
    });

    // The limit is the schema's (text(80)), written once.
    expect(await page.locator('input[name="titleJa"]').getAttribute('maxlength')).toBe('80');
    await page.locator('textarea[name="bodyEn"]').fill('New gels are in.');
    await page.getByRole('button', { name: t('sponsors.editor.saveDraft'), exact: true }).click();
    expect(await errorOf(page, 'titleEn'), consoleErrors.join('\n')).toBe(
      t('sponsors.form.requiredEn'),
    );
    expect(await page.locator('#field-titleJa-error').count()).toBe(0);
    expect(posts).toEqual([]);

    const context = await browser().newContext({
      baseURL: baseUrl(),
      javaScriptEnabled: false,
      locale: 'en-US',
      extraHTTPHeaders: { 'Accept-Language': 'en,ja;q=0.5', 'X-Forwarded-For': '198.19.8.9' },
    });
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto(notices);
    await plain.locator('textarea[name="bodyEn"]').fill('New gels are in.');
    const [response] = await Promise.all([
      plain.waitForResponse((r) => r.request().method() === 'POST'),
      plain.getByRole('button', { name: t('sponsors.editor.saveDraft'), exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await plain.waitForLoadState('domcontentloaded');
    expect(await errorOf(plain, 'titleEn')).toBe(t('sponsors.form.requiredEn'));
    expect(await plain.locator('textarea[name="bodyEn"]').inputValue()).toBe('New gels are in.');
    await context.close();
    await page.context().close();
  });
});
