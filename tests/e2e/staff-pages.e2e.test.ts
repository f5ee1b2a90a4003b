import { describe, expect, it } from 'vitest';
import { newPage, screenshot, sharedBrowser, signInAs, type Locale } from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

// The demo event (seeded by the server): an owner and three runners.
const OWNER = 'owner@sakura-marathon.example';
const RUNNER = 'runner1@example.com';
const RUNNER_EMAILS = ['runner1@example.com', 'runner2@example.com', 'runner3@example.com'];
const SLUG = 'sakura-city-2027';

const text = {
  ja: {
    members: '参加者一覧',
    masked: 'r***@e***.com',
    reveal: '表示する',
    reason: '落とし物の返却について、ご本人に連絡するため',
    revealSubmit: '理由を記録して表示する',
    team: 'スタッフ',
    audit: '監査ログ',
    revealedAction: 'のメールアドレスを表示',
    settings: '設定',
    saved: 'メールの設定を保存しました。',
    confirmRequired: '確認のチェックを入れてください。',
  },
  en: {
    members: 'Members',
    masked: 'r***@e***.com',
    reveal: 'Reveal',
    reason: 'To contact the runner about lost property',
    revealSubmit: 'Record the reason and reveal',
    team: 'Staff',
    audit: 'Audit log',
    revealedAction: 'revealed the email address of',
    settings: 'Settings',
    saved: 'Your email settings are saved.',
    confirmRequired: 'Please tick the box to confirm.',
  },
} as const;

const browser = sharedBrowser();

describe.each<Locale>(['ja', 'en'])('organizer pages (%s)', (locale) => {
  const t = text[locale];

  it('on a phone the tabs are one row that scrolls sideways, with the current tab in view', async () => {
    const page = await newPage(browser(), locale);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, OWNER);
    // The audit log is the owner's next-to-last tab: far outside a phone's width.
    await page.goto(`/staff/${SLUG}/audit`);
    const nav = page.getByRole('navigation', {
      name: locale === 'ja' ? '大会運営メニュー' : 'Event management',
    });
    const current = nav.getByRole('link', { name: t.audit });
    // Brought into view after hydration (StaffNav's effect): wait for it rather than a time.
    await page.waitForFunction(() => {
      const strip = document.querySelector('.staff-nav');
      const active = strip?.querySelector('a.active');
      if (!strip || !active) return false;
      const s = strip.getBoundingClientRect();
      const a = active.getBoundingClientRect();
      return a.left >= s.left && a.right <= s.right;
    });
    const strip = (await nav.boundingBox())!;
    const tab = (await current.boundingBox())!;
    // One row: no taller than two tabs' height would be if it wrapped.
    expect(strip.height).toBeLessThan(tab.height * 1.5);
    expect(tab.x).toBeGreaterThanOrEqual(strip.x);
    expect(tab.x + tab.width).toBeLessThanOrEqual(strip.x + strip.width);
    // The strip scrolls, the page does not.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    // The page's heading is on the first screen, not pushed down by rows of tabs.
    const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    expect(heading.y).toBeLessThan(300);
    await screenshot(page, `staff-audit-${locale}-390`);
    await page.context().close();
  });

  it('the owner sees the dashboard, a masked member list, reveals one address with a reason, and finds it in the audit log', async () => {
    const page = await newPage(browser(), locale);
    const errors = watchConsole(page);
    await signInAs(page, OWNER);

    await page.goto(`/staff/${SLUG}`);
    await page
      .getByRole('navigation', { name: locale === 'ja' ? '大会運営メニュー' : 'Event management' })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-dashboard-${locale}`);

    await page.goto(`/staff/${SLUG}/members`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.members);
    const html = await page.content();
    for (const email of RUNNER_EMAILS) expect(html).not.toContain(email);
    expect(html).toContain(t.masked);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-members-${locale}`);

    // Reveal a demo runner's address: the form first, then the reason, then the address.
    // (Other browser tests add members to this event, so pick a row by its masked address.)
    await Promise.all([
      page.waitForURL(/\/reveal$/),
      page
        .locator('tbody tr', { hasText: t.masked })
        .first()
        .getByRole('link', { name: t.reveal })
        .click(),
    ]);
    expect(await page.content()).not.toContain('@example.com<');
    await page.getByRole('textbox').fill(t.reason);
    await page.getByRole('button', { name: t.revealSubmit }).click();
    await page.locator('.revealed-email').waitFor();
    const revealed = (await page.locator('.revealed-email').textContent()) ?? '';
    expect(RUNNER_EMAILS).toContain(revealed);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-reveal-${locale}`);

    await page.goto(`/staff/${SLUG}/team`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.team);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-team-${locale}`);

    await page.goto(`/staff/${SLUG}/audit`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.audit);
    const firstRow = page.locator('table.data tbody tr').first();
    expect(await firstRow.textContent()).toContain(t.revealedAction);
    expect(await firstRow.textContent()).toContain(t.reason);
    expect(await page.content()).not.toContain(revealed);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-audit-${locale}`);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe.each<Locale>(['ja', 'en'])('member settings (%s)', (locale) => {
  const t = text[locale];

  it('a runner turns one channel’s email off and back on', async () => {
    const page = await newPage(browser(), locale);
    const errors = watchConsole(page);
    await signInAs(page, RUNNER);
    await page.goto(`/e/${SLUG}/settings`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.settings);
    const boxes = page.locator('input[type="checkbox"][name="email"]');
    expect(await boxes.count()).toBe(3);
    await boxes.nth(2).uncheck();
    await page.locator('form:has(input[name="email"]) button[type="submit"]').click();
    await page.getByText(t.saved).waitFor();
    await page.reload();
    expect(await page.locator('input[type="checkbox"][name="email"]').nth(2).isChecked()).toBe(
      false,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `member-settings-${locale}`);
    await page.locator('input[type="checkbox"][name="email"]').nth(2).check();
    await page.locator('form:has(input[name="email"]) button[type="submit"]').click();
    await page.getByText(t.saved).waitFor();

    // Leaving and deleting need their confirmation box: pressing without it changes nothing.
    await page.locator('form:has(input[value="leave"]) button[type="submit"]').click();
    await page.locator('form:has(input[value="leave"]) .field__error').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/e/${SLUG}/settings`);
    expect(await page.locator('form:has(input[value="leave"]) .field__error').textContent()).toBe(
      t.confirmRequired,
    );
    // The refusal reaches the page's own request as data (entry.server.tsx): no console error,
    // not even the browser's "failed to load resource" for a 400.
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
