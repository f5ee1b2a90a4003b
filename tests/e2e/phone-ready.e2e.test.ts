import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { newPage, screenshot, sharedBrowser, signInAs } from './support/browser';
import { watchConsole } from './support/page-checks';

// Issue 15 on a phone (390×844): the runner's coupon at the till, the staff dashboard at the
// venue, and a preview that cannot send to nobody. The demo event, its owner, a runner and
// the demo sponsor's live offer.
const OWNER = 'owner@sakura-marathon.example';
const RUNNER = 'runner3@example.com';
const SLUG = 'sakura-city-2027';
const DEMO_OFFER_JA = 'ランニングシューズ 20%オフ';
const PHONE = { width: 390, height: 844 };
const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('ja', key, params);

const browser = sharedBrowser();

async function onPhone(email: string): Promise<Page> {
  const page = await newPage(browser(), 'ja');
  await signInAs(page, email);
  await page.setViewportSize(PHONE);
  return page;
}

describe('the claimed coupon on a phone', () => {
  it('shows the QR code without scrolling and the whole code on one line; marking it used asks first', async () => {
    const page = await onPhone(RUNNER);
    const errors = watchConsole(page);
    await page.goto(`/e/${SLUG}/offers`);
    await page.locator('li', { hasText: DEMO_OFFER_JA }).getByRole('link').first().click();
    const claim = page.getByRole('button', { name: t('sponsors.member.claim') });
    const code = page.getByTestId('my-code');
    await claim.or(code).first().waitFor();
    if (await claim.count()) {
      await Promise.all([page.waitForURL(/\?claimed=1$/), claim.click()]);
    }
    await code.waitFor();
    await screenshot(page, 'coupon-claimed-phone-ja');

    // As the page opens after claiming, unscrolled: the QR code lies wholly in the viewport.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const qr = await page.getByTestId('my-code-qr').boundingBox();
    expect(qr).not.toBeNull();
    expect(qr!.y).toBeGreaterThanOrEqual(0);
    expect(qr!.x).toBeGreaterThanOrEqual(0);
    expect(qr!.y + qr!.height).toBeLessThanOrEqual(PHONE.height);
    expect(qr!.x + qr!.width).toBeLessThanOrEqual(PHONE.width);

    // One line: the code's box is one line-height tall, and nothing of it is cut off.
    const box = await code.boundingBox();
    const metrics = await code.evaluate((el) => ({
      lineHeight: parseFloat(getComputedStyle(el).lineHeight),
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(box!.height).toBeLessThan(metrics.lineHeight * 1.5);
    expect(metrics.scrollWidth).toBeLessThanOrEqual(metrics.clientWidth);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);

    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    // "Mark used" is folded away and needs a tick: a bare tap on the button does nothing.
    const markUsed = page.getByTestId('mark-used');
    const submit = markUsed.getByRole('button', { name: t('sponsors.member.markUsedSubmit') });
    expect(await submit.isVisible()).toBe(false);
    await markUsed.locator('summary').click();
    await submit.click();
    expect(page.url()).not.toContain('used');
    expect(await page.getByText(t('sponsors.member.used'), { exact: true }).count()).toBe(0);
    expect(
      await markUsed
        .locator('input[name="confirm"]')
        .evaluate((el) => (el as HTMLInputElement).validity.valueMissing),
    ).toBe(true);
    await screenshot(page, 'coupon-mark-used-confirm-phone-ja');
    // Ticked and confirmed: now it is used.
    await markUsed.getByLabel(t('sponsors.member.markUsedConfirm')).check();
    await submit.click();
    await expect
      .poll(() => page.getByText(t('sponsors.member.used'), { exact: true }).count())
      .toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the staff dashboard on a phone', () => {
  it('keeps the facts readable: the event date on one line, as 2027年3月28日', async () => {
    const page = await onPhone(OWNER);
    await page.goto(`/staff/${SLUG}`);
    const date = page.locator('.facts time').first();
    await date.waitFor();
    expect((await date.textContent())?.trim()).toBe('2027年3月28日');
    const box = await date.boundingBox();
    const lineHeight = await date.evaluate(
      (el) => parseFloat(getComputedStyle(el).lineHeight) || 24,
    );
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    // The page does not scroll sideways.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(page, 'staff-dashboard-phone-ja');
    await page.context().close();
  });
});

describe('the preview of an announcement for nobody', () => {
  it('disables the send button at 0 recipients and says why', async () => {
    const page = await onPhone(OWNER);
    await page.goto(`/staff/${SLUG}/announcements/new`);
    await page.locator('#field-titleJa').fill('該当者なしのテスト');
    await page.locator('#field-bodyJa').fill('この条件に当てはまるランナーはいません。');
    await page.locator('input[name="audienceMode"][value="filter"]').check();
    await page.locator('#field-bibFrom').fill('99990');
    await page.locator('#field-bibTo').fill('99999');
    await Promise.all([
      page.waitForURL(/\/announcements\/[\w-]+$/),
      page.locator('form.draft-form button[type="submit"]').click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/preview\//),
      page.getByRole('button', { name: t('announcements.overview.preview') }).click(),
    ]);
    expect(await page.locator('.preview-count').getAttribute('data-count')).toBe('0');
    const send = page.getByRole('button', {
      name: t('announcements.preview.send', { count: '0' }),
    });
    await send.waitFor();
    expect(await send.isDisabled()).toBe(true);
    expect(await page.locator('[data-reason="empty_audience"]').textContent()).toBe(
      t('announcements.preview.emptyAudience'),
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(page, 'announce-preview-empty-phone-ja');
    await page.context().close();
  });
});
