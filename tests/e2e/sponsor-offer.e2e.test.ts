import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { newPage, screenshot, sharedBrowser, signInAs, type Locale } from './support/browser';
import { watchConsole } from './support/page-checks';

// The demo event: its owner, a runner, and the demo sponsor さくらスポーツ / Sakura Sports.
const OWNER = 'owner@sakura-marathon.example';
const RUNNER = 'runner1@example.com';
const RUNNER_EN = 'runner3@example.com';
const SPONSOR = 'sponsor@sakura-sports.example';
const SLUG = 'sakura-city-2027';
const TITLE_JA = '完走祈願 ソックス半額';
const TITLE_EN = 'Half-price running socks';

async function sponsorConsole(page: Page) {
  await page.goto('/sponsor');
  await page.waitForURL(/\/sponsor\/[\w-]{22}$/);
  return new URL(page.url()).pathname;
}

const browser = sharedBrowser();

describe('a sponsor offer from draft to the till', () => {
  it('is drafted by the sponsor, approved by the owner, claimed by a runner and redeemed at the till', async () => {
    // 1. The sponsor drafts an offer and gives it a pool of generated codes.
    const sponsor = await newPage(browser(), 'ja');
    const sponsorErrors = watchConsole(sponsor);
    await signInAs(sponsor, SPONSOR);
    const consoleHome = await sponsorConsole(sponsor);
    await expect
      .poll(() => sponsor.locator('h1').first().textContent())
      .toBe(translate('ja', 'sponsors.offers.title'));
    await sponsor.getByRole('link', { name: translate('ja', 'sponsors.offers.new') }).click();
    await sponsor.waitForURL(/\/offers\/new$/);
    await sponsor.fill('input[name="titleJa"]', TITLE_JA);
    await sponsor.fill('input[name="titleEn"]', TITLE_EN);
    await sponsor.fill('input[name="discountJa"]', 'ランニングソックス 半額');
    await sponsor.fill('input[name="discountEn"]', 'Running socks at half price');
    await sponsor.fill(
      'textarea[name="bodyJa"]',
      '大会にエントリーされた皆さまへ。さくらスポーツ全店で、ランニングソックスを半額でご提供します。',
    );
    await sponsor.fill(
      'textarea[name="bodyEn"]',
      'For everyone entered in the race: running socks at half price in every Sakura Sports store.',
    );
    await sponsor.fill('textarea[name="termsJa"]', 'お一人様1足限り。大会当日まで有効です。');
    await sponsor.fill('textarea[name="termsEn"]', 'One pair per runner. Valid until race day.');
    const today = new Date().toISOString().slice(0, 10);
    await sponsor.fill('input[name="validFrom"]', today);
    await sponsor.fill('input[name="validUntil"]', '2027-03-28');
    await screenshot(sponsor, 'sponsor-offer-editor-ja');
    await Promise.all([
      sponsor.waitForURL(/\/codes$/),
      sponsor.getByRole('button', { name: translate('ja', 'sponsors.editor.saveDraft') }).click(),
    ]);
    await sponsor.fill('input[name="count"]', '50');
    await sponsor.fill('input[name="prefix"]', 'SOCKS');
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.codes.generate') }).click();
    await expect
      .poll(() => sponsor.locator('[role="status"]').textContent())
      .toContain(translate('ja', 'sponsors.codes.added', { count: 50 }));
    await sponsor
      .getByRole('link', { name: translate('ja', 'sponsors.codes.backToOffer') })
      .click();
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.editor.submit') }).click();
    await expect
      .poll(() => sponsor.locator('[role="status"]').textContent())
      .toContain(translate('ja', 'sponsors.editor.submitted'));
    await sponsor.goto(consoleHome);
    await screenshot(sponsor, 'sponsor-console-ja');

    // 2. The owner approves it.
    const owner = await newPage(browser(), 'ja');
    await signInAs(owner, OWNER);
    await owner.goto(`/staff/${SLUG}/sponsors`);
    await owner
      .locator('li', { hasText: TITLE_JA })
      .getByRole('link', { name: translate('ja', 'sponsors.staff.review') })
      .click();
    await expect.poll(() => owner.locator('h2', { hasText: TITLE_JA }).count()).toBe(1);
    await screenshot(owner, 'staff-sponsor-review-ja');
    await owner.fill(
      'textarea[name="comment"]',
      '内容を確認しました。ご協賛ありがとうございます。',
    );
    await Promise.all([
      owner.waitForURL(/\/sponsors$/),
      owner.getByRole('button', { name: translate('ja', 'sponsors.review.approve') }).click(),
    ]);

    // 3. A runner claims it and sees the code with a QR code.
    const runner = await newPage(browser(), 'ja');
    const runnerErrors = watchConsole(runner);
    await signInAs(runner, RUNNER);
    await runner.goto(`/e/${SLUG}/offers`);
    await runner.locator('li', { hasText: TITLE_JA }).getByRole('link').click();
    await runner.getByRole('button', { name: translate('ja', 'sponsors.member.claim') }).click();
    const codeText = runner.getByTestId('my-code');
    await expect.poll(() => codeText.textContent()).toMatch(/^SOCKS-[2-9A-HJ-NP-Z]{10}$/);
    const code = (await codeText.textContent())!.trim();
    expect(await runner.locator('.qr svg').count()).toBe(1);
    await screenshot(runner, 'member-offer-code-ja');
    await runner.goto(`/e/${SLUG}/offers`);
    await screenshot(runner, 'member-offers-ja');

    // 4. The sponsor redeems that code at the till (typed in lower case, as a clerk might).
    await sponsor.goto(`${consoleHome}/till`);
    await sponsor.fill('input[name="code"]', code.toLowerCase());
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.till.check') }).click();
    await expect
      .poll(() => sponsor.locator('.till-result__status').textContent())
      .toBe(translate('ja', 'sponsors.till.status.valid'));
    await screenshot(sponsor, 'sponsor-till-ja');
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.till.redeem') }).click();
    await expect
      .poll(() => sponsor.locator('.till-result__status').textContent())
      .toContain(translate('ja', 'sponsors.till.redeemedNow'));
    // The same code again is refused.
    await sponsor.fill('input[name="code"]', code);
    await sponsor.getByRole('button', { name: translate('ja', 'sponsors.till.check') }).click();
    await expect
      .poll(() => sponsor.locator('.till-result__status').textContent())
      .toContain(translate('ja', 'sponsors.till.status.redeemed'));
    // Nothing about the runner anywhere on the till.
    const tillText = (await sponsor.locator('main').textContent()) ?? '';
    for (const secret of [RUNNER, '山田', '1024', '4821']) expect(tillText).not.toContain(secret);
    await sponsor.goto(`${consoleHome}/stats`);
    await screenshot(sponsor, 'sponsor-stats-ja');

    expect(sponsorErrors).toEqual([]);
    expect(runnerErrors).toEqual([]);
  }, 180_000);

  it('reads naturally in English as well (console, editor, member page, till, stats)', async () => {
    const sponsor = await newPage(browser(), 'en');
    await signInAs(sponsor, SPONSOR);
    const consoleHome = await sponsorConsole(sponsor);
    await screenshot(sponsor, 'sponsor-console-en');
    await sponsor.locator('a', { hasText: TITLE_EN }).click();
    await sponsor.locator('form[enctype="multipart/form-data"]').waitFor();
    await screenshot(sponsor, 'sponsor-offer-editor-en');

    const runner = await newPage(browser(), 'en');
    await signInAs(runner, RUNNER_EN);
    await runner.goto(`/e/${SLUG}/offers`);
    await runner.locator('li', { hasText: TITLE_EN }).getByRole('link').click();
    await runner.getByRole('button', { name: 'Claim' }).click();
    await runner.getByTestId('my-code').waitFor();
    const code = (await runner.getByTestId('my-code').textContent())!.trim();
    await screenshot(runner, 'member-offer-code-en');
    await runner.goto(`/e/${SLUG}/offers`);
    await screenshot(runner, 'member-offers-en');

    await sponsor.goto(`${consoleHome}/till`);
    await sponsor.fill('input[name="code"]', code);
    await sponsor.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => sponsor.locator('.till-result__status').textContent())
      .toBe('Valid code.');
    await screenshot(sponsor, 'sponsor-till-en');
    await sponsor.goto(`${consoleHome}/stats`);
    await screenshot(sponsor, 'sponsor-stats-en');
  }, 180_000);
});
