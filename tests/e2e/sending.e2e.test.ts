/**
 * Sending as a race office sees it (issue: race-scale outbound mail): an import's invitation
 * wave shows its progress on the import report and the dashboard by itself, and an owner
 * schedules an announcement in Japan time (予約配信), sees it waiting, and cancels it. Screenshots
 * in ja and en, at 1280 px and on a 390×844 phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, sharedBrowser, signInAs } from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';
const stamp = Date.now().toString(36);
const browser = sharedBrowser();

/** The next whole hour in Japan, two days ahead, as a datetime-local value. */
function japanTimeInTwoDays() {
  const jst = new Date(Date.now() + 2 * 86_400_000 + 9 * 3_600_000);
  return `${jst.toISOString().slice(0, 13)}:00`;
}

async function importEntrants(page: Page, count: number) {
  await page.goto(`/staff/${SLUG}/import`);
  const lines = ['email,name,bib'];
  // Bibs of this run only: a bib another address of the event holds is rejected.
  const firstBib = 1_000_000 + (Date.now() % 1_000_000) * 1_000;
  for (let i = 0; i < count; i += 1)
    lines.push(`wave-${stamp}-${i}@example.com,走者 ${i},${firstBib + i}`);
  await page.locator('input[name="file"]').setInputFiles({
    name: 'entrants.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await Promise.all([
    page.waitForURL(/upload=/),
    page.locator('main form button[type="submit"]').click(),
  ]);
  // The column check: the guess is right for these headers; confirm it.
  await Promise.all([
    page.waitForURL(/result=/),
    page.locator('main form button[name="intent"][value="confirm"]').click(),
  ]);
}

describe('sending progress and scheduled sends', () => {
  it('follows an invitation wave to the end without a reload, on the report and the dashboard', async () => {
    const page = await newPage(browser(), 'ja');
    const problems = watchConsole(page);
    await signInAs(page, OWNER);
    await importEntrants(page, 120);
    // The wave appears and finishes while the page stays open.
    const wave = page.locator('.send-progress__stream[data-stream-kind="invitation_wave"]');
    await wave.first().waitFor({ timeout: 30_000 });
    await page
      .locator('.send-progress__stream[data-stream-kind="invitation_wave"][data-status="done"]')
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await wave.first().locator('progress').getAttribute('value')).toBe(
      await wave.first().locator('progress').getAttribute('max'),
    );
    await screenshot(page, 'sending-import-report-ja-1280');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/staff/${SLUG}`);
    await page.locator('.send-progress__stream').first().waitFor();
    await screenshot(page, 'sending-dashboard-ja-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sending-dashboard-ja-390');

    const en = await newPage(browser(), 'en');
    await signInAs(en, OWNER);
    await en.goto(`/staff/${SLUG}`);
    await en.locator('.send-progress__stream').first().waitFor();
    await screenshot(en, 'sending-dashboard-en-1280');
    // A funnel stat is a link: its number stands above its label, as on a phone (they ran
    // together as "126Invited" on a desktop).
    const stat = en.locator('.stat-grid li > a').first();
    const numberBox = await stat.locator('strong').boundingBox();
    const labelBox = await stat.locator('span').boundingBox();
    expect(labelBox!.y).toBeGreaterThanOrEqual(numberBox!.y + numberBox!.height - 1);
    await en.setViewportSize({ width: 390, height: 844 });
    await screenshot(en, 'sending-dashboard-en-390');
    expect(problems).toEqual([]);
  });

  it('schedules an announcement in Japan time, shows it waiting, and cancels it back to a draft', async () => {
    for (const [locale, width] of [
      ['ja', 1280],
      ['en', 390],
    ] as const) {
      const page = await newPage(browser(), locale);
      if (width === 390) await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, OWNER);
      await page.goto(`/staff/${SLUG}/announcements/new`);
      await page.locator('#field-titleJa').fill(`大会前日のご案内 ${stamp}`);
      await page.locator('#field-bodyJa').fill('受付は前日15時からです。');
      await page.locator('#field-titleEn').fill(`The day before the race ${stamp}`);
      await page.locator('#field-bodyEn').fill('Check-in opens at 15:00 the day before.');
      await page.locator('input[name="audienceMode"][value="everyone_on_channel"]').check();
      await Promise.all([
        page.waitForURL(/\/announcements\/[\w-]+$/),
        page.locator('form.draft-form button[type="submit"]').click(),
      ]);
      await Promise.all([
        page.waitForURL(/\/preview\//),
        page.locator('form.preview-form button[type="submit"]').click(),
      ]);
      await page.locator('input[name="when"][value="schedule"]').check();
      await page.locator('#send-scheduled-at').fill(japanTimeInTwoDays());
      await page.locator('input[name="urgent"]').check();
      await screenshot(page, `sending-schedule-form-${locale}-${width}`);
      await Promise.all([
        page.waitForURL(/\/announcements\/[\w-]+(\?.*)?$/),
        page.locator('form.send-form button[type="submit"]').click(),
      ]);
      await page
        .locator('.send-progress__stream[data-status="scheduled"]')
        .first()
        .waitFor({ timeout: 15_000 });
      await screenshot(page, `sending-scheduled-${locale}-${width}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await Promise.all([
        page.waitForURL(/cancelled=1/),
        page.locator('form:has(input[value="cancel_schedule"]) button[type="submit"]').click(),
      ]);
      await screenshot(page, `sending-cancelled-${locale}-${width}`);
      expect(await page.locator('input[value="cancel_schedule"]').count()).toBe(0);
    }
  });
});
