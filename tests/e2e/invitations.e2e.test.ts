import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { newPage, screenshot, sharedBrowser, signInAs, type Locale } from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

// The demo event's entrant list holds 高橋 大輔, bib 5120, invited and not joined yet.
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';
const INVITEE = { bib: '5120', email: 'runner5@example.com', masked: 'r***@e***.com' };

const browser = sharedBrowser();

describe.each<Locale>(['ja', 'en'])('the invitations page (%s)', (locale) => {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);

  it('staff find an invitee by bib on the phone, see the masked address, and send the invitation again', async () => {
    const page = await newPage(browser(), locale);
    const errors = watchConsole(page);
    await signInAs(page, OWNER);
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goto(`/staff/${SLUG}/invitations`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('invitees.title'));
    await page.getByLabel(t('invitees.search')).fill(INVITEE.bib);
    await Promise.all([
      page.waitForURL(/[?&]q=5120/),
      page.getByLabel(t('invitees.search')).press('Enter'),
    ]);
    // The URL changes when the search's data has arrived; the list is redrawn just after, and
    // the unfiltered list already holds this invitee's row: wait for the list to be the result.
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    const row = page.locator('tbody tr', { hasText: INVITEE.bib });
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await row.textContent()).toContain(INVITEE.masked);
    expect(await page.content()).not.toContain(INVITEE.email);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-invitations-phone-${locale}`);

    await Promise.all([
      page.waitForURL(/\/invitations\/[^/?]+$/),
      row.getByRole('link', { name: INVITEE.bib }).click(),
    ]);
    await page.getByRole('button', { name: t('invitees.resend.submit') }).click();
    await page.getByText(t('invitees.resend.done')).waitFor();
    expect(await page.content()).not.toContain(INVITEE.email);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `staff-invitee-phone-${locale}`);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/staff/${SLUG}/invitations`);
    await screenshot(page, `staff-invitations-${locale}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
