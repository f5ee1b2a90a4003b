import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  newPage,
  screenshot,
  sharedBrowser,
  signInAs,
  type Locale,
} from './support/browser';
import { seriousA11yViolations } from './support/page-checks';

const MEMBER = 'runner1@example.com';
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';

const text = {
  ja: {
    list: '参加者限定動画',
    sample: 'コース紹介(サンプル動画)',
    alias: 'ランナー #4821',
    staffTitle: '動画',
    upload: '動画をアップロード',
    notVideo: 'MP4 または WebM の動画ではありません',
  },
  en: {
    list: 'Members-only videos',
    sample: 'Course preview (sample video)',
    alias: 'Runner #4821',
    staffTitle: 'Videos',
    upload: 'Upload a video',
    notVideo: 'This file is not an MP4 or WebM video',
  },
} as const;

const watermarkPosition = (page: Page) =>
  page
    .getByTestId('video-watermark')
    .evaluate((el) => `${(el as HTMLElement).style.top} ${(el as HTMLElement).style.left}`);

const browser = sharedBrowser();

describe.each<Locale>(['ja', 'en'])('members-only video (%s)', (locale) => {
  const t = text[locale];

  it('a member opens the sample video; it plays under a moving watermark with their alias', async () => {
    const page = await newPage(browser(), locale);
    await signInAs(page, MEMBER);

    await page.goto(`/e/${SLUG}/videos`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.list);
    const card = page.getByRole('link', { name: t.sample });
    await card.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `video-list-${locale}`);

    const firstMedia = page.waitForResponse(
      (r) => new URL(r.url()).pathname.startsWith('/media/') && !r.url().includes('/poster'),
    );
    await card.click();
    await page.waitForURL(new RegExp(`/e/${SLUG}/videos/[\\w-]+$`));
    const video = page.locator('video');
    await video.waitFor();

    // No way to save it: no download control or link, no picture-in-picture, no context menu.
    expect(await video.getAttribute('controlslist')).toContain('nodownload');
    expect(await video.evaluate((v) => (v as HTMLVideoElement).disablePictureInPicture)).toBe(true);
    expect(await page.locator('a[download], a[href^="/media/"]').count()).toBe(0);
    const menuBlocked = await video.evaluate((v) => {
      const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      v.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(menuBlocked).toBe(true);

    // The media answer: a Range response that no cache may keep.
    const media = await firstMedia;
    expect([200, 206]).toContain(media.status());
    const headers = await media.allHeaders();
    expect(headers['cache-control']).toBe('private, no-store');
    expect(headers['content-disposition']).toBe('inline');
    expect(headers['accept-ranges']).toBe('bytes');
    expect(headers['content-type']).toBe('video/webm');

    // It plays: currentTime advances.
    await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      el.muted = true; // autoplay policy: a muted video may start without a gesture
      return el.play();
    });
    await expect
      .poll(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime), { timeout: 20_000 })
      .toBeGreaterThan(1);

    // The watermark shows the member's alias, on top of the picture, and moves.
    const watermark = page.getByTestId('video-watermark');
    expect(await watermark.textContent()).toBe(t.alias);
    expect(await watermark.isVisible()).toBe(true);
    const before = await watermarkPosition(page);
    await expect.poll(() => watermarkPosition(page), { timeout: 15_000 }).not.toBe(before);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `video-page-${locale}`);

    // The media URL is useless outside this session: a fresh browser without the cookie gets 403.
    const src = await video.evaluate((v) => (v as HTMLVideoElement).currentSrc);
    const stranger = await newPage(browser(), locale);
    const copied = await stranger.request.get(src, { headers: { Range: 'bytes=0-99' } });
    expect(copied.status()).toBe(403);
    expect((await copied.body()).byteLength).toBe(0);
    await stranger.context().close();

    await page.context().close();
  });

  it('the owner sees aggregate viewing numbers and gets a clear error for a renamed non-video', async () => {
    const page = await newPage(browser(), locale);
    await signInAs(page, OWNER);

    await page.goto(`/staff/${SLUG}/videos`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.staffTitle);
    const sample = page.getByRole('region', { name: t.sample });
    await sample.waitFor();
    // The demo has three runners: every count is below the threshold and shows as "<5".
    expect(await sample.locator('.stat-grid strong').allTextContents()).toEqual(['<5', '<5']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `video-staff-${locale}`);

    await page.getByRole('link', { name: t.upload }).click();
    await page.waitForURL(`${baseUrl()}/staff/${SLUG}/videos/new`);
    await page.locator('#field-titleJa').fill('テスト');
    await page.locator('#field-titleEn').fill('Test');
    await page.locator('#field-video').setInputFiles({
      name: 'highlights.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096)]),
    });
    await page.locator('main form button[type="submit"]').click();
    const error = page.locator('#field-video-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(t.notVideo);
    expect(await page.locator('#field-titleJa').inputValue()).toBe('テスト');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `video-upload-error-${locale}`);

    await page.context().close();
  });
});

describe('media URL refresh', () => {
  it('swaps in a fresh media URL before the token expires, at the same position, while playing', async () => {
    const page = await newPage(browser(), 'ja');
    await signInAs(page, MEMBER);
    // The page's clock runs in real time but can be moved ahead (media playback is unaffected).
    await page.clock.install();
    await page.goto(`/e/${SLUG}/videos`);
    await page.getByRole('link', { name: text.ja.sample }).click();
    const video = page.locator('video');
    await video.waitFor();
    await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      el.muted = true;
      return el.play();
    });
    const position = () => video.evaluate((v) => (v as HTMLVideoElement).currentTime);
    const source = () => video.evaluate((v) => (v as HTMLVideoElement).currentSrc);
    await expect.poll(position, { timeout: 20_000 }).toBeGreaterThan(1.5);
    const firstSource = await source();

    // Nine of the token's ten minutes pass: the player asks for a new URL and swaps it in.
    const refreshed = page.waitForResponse(
      (r) => r.url().endsWith('/playback') && r.request().method() === 'GET',
    );
    await page.clock.fastForward('09:00');
    expect((await refreshed).status()).toBe(200);
    await expect.poll(source, { timeout: 15_000 }).not.toBe(firstSource);
    expect(new URL(await source()).searchParams.get('token')).not.toBe(
      new URL(firstSource).searchParams.get('token'),
    );

    // …and playback carries on from where it was, not from the start.
    await expect
      .poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const resumedAt = await position();
    expect(resumedAt).toBeGreaterThan(1.5);
    await expect.poll(position, { timeout: 15_000 }).toBeGreaterThan(resumedAt + 0.5);
    expect(await video.evaluate((v) => (v as HTMLVideoElement).paused)).toBe(false);

    await page.context().close();
  });
});
