import { randomBytes } from 'node:crypto';
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
import { seriousA11yViolations, watchConsole } from './support/page-checks';

const MEMBER = 'runner1@example.com';
const OWNER = 'owner@sakura-marathon.example';
const SLUG = 'sakura-city-2027';

const text = {
  ja: {
    list: '参加者限定動画',
    sample: 'コース紹介（サンプル動画）',
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

/** A WebM by its signature (EBML header, DocType "webm"), `size` bytes in all. */
function webmFile(size: number) {
  const header = Buffer.from(
    '1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853',
    'hex',
  );
  return Buffer.concat([header, randomBytes(size - header.length)]);
}

const manageText = {
  ja: {
    submit: 'アップロードする',
    uploading: /アップロード中… \d+%/,
    onlyJa: '日本語のみ',
    manage: '編集・管理',
    unpublish: '非公開にする',
    publish: 'もう一度公開する',
    unpublished: '非公開',
    replaceOpen: 'ファイルを差し替える',
    deleteOpen: '削除する…',
    deleteSubmit: '削除する',
  },
  en: {
    submit: 'Upload',
    uploading: /Uploading… \d+%/,
    onlyJa: 'Japanese only',
    manage: 'Edit and manage',
    unpublish: 'Unpublish',
    publish: 'Publish again',
    unpublished: 'Unpublished',
    replaceOpen: 'Replace the file',
    deleteOpen: 'Delete…',
    deleteSubmit: 'Delete',
  },
} as const;

/** Screenshots at desktop width and on a 390×844 phone, each checked with axe first. */
async function lookAt(page: Page, name: string) {
  for (const [size, viewport] of [
    ['1280', { width: 1280, height: 800 }],
    ['390', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    expect(await seriousA11yViolations(page), `${name} at ${size}`).toEqual([]);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.each<Locale>(['ja', 'en'])('managing a video (%s)', (locale) => {
  const t = manageText[locale];

  it('uploads with a progress bar, then edits, unpublishes, republishes, replaces and deletes it', async () => {
    const page = await newPage(browser(), locale);
    const errors = watchConsole(page);
    await signInAs(page, OWNER);
    const title = `走路案内 ${locale} ${Date.now()}`;

    await page.goto(`/staff/${SLUG}/videos/new`);
    await page.locator('#field-titleJa').fill(title);
    // English left empty: it is optional.
    await page.locator('#field-video').setInputFiles({
      name: 'course.webm',
      mimeType: 'video/webm',
      buffer: webmFile(6 * 1024 * 1024),
    });
    // A slow uplink, so that the bar is there to be seen (about 3 s for 6 MB).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    await page.getByRole('button', { name: t.submit }).click();
    const progress = page.getByTestId('upload-progress');
    await progress.locator('progress').waitFor();
    expect(await progress.locator('label').textContent()).toMatch(t.uploading);
    await screenshot(page, `video-upload-progress-${locale}`);
    await page.waitForURL(/\/videos\?uploaded=1$/, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // The staff list labels it; an English reader sees the Japanese title, marked.
    const card = page.getByRole('region', { name: title });
    await card.waitFor();
    if (locale === 'en') expect(await card.textContent()).toContain(t.onlyJa);
    await lookAt(page, `video-staff-list-${locale}`);

    await card.getByRole('link', { name: t.manage }).click();
    await page.waitForURL(/\/staff\/[\w-]+\/videos\/[\w-]+$/);
    await page.locator('#video-state').waitFor();
    const manageUrl = page.url();
    await lookAt(page, `video-manage-${locale}`);

    // Edit: a description is added.
    await page.locator('#field-descriptionJa').fill('スタート地点からゴールまでの案内です。');
    await page.locator('form:has(#field-titleJa) button[type="submit"]').click();
    await page.waitForURL(/done=saved/);

    // Unpublish: the member no longer sees it.
    await page.getByRole('button', { name: t.unpublish }).click();
    await page.waitForURL(/done=unpublished/);
    // The URL changes before React has rendered the new state: wait for the label itself.
    await expect.poll(() => page.locator('#video-state').textContent()).toContain(t.unpublished);
    await lookAt(page, `video-manage-unpublished-${locale}`);
    const memberPage = await newPage(browser(), locale);
    await signInAs(memberPage, MEMBER);
    await memberPage.goto(`/e/${SLUG}/videos`);
    await memberPage.getByRole('link', { name: text[locale].sample }).waitFor();
    expect(await memberPage.getByRole('link', { name: title }).count()).toBe(0);

    // Publish again: back on the member list, marked for English readers.
    await page.getByRole('button', { name: t.publish }).click();
    await page.waitForURL(/done=published/);
    await memberPage.reload();
    const memberCard = memberPage.getByRole('listitem').filter({ hasText: title });
    await memberCard.waitFor();
    if (locale === 'en') expect(await memberCard.textContent()).toContain(t.onlyJa);
    await lookAt(memberPage, `video-member-list-fallback-${locale}`);
    await memberCard.getByRole('link', { name: title }).click();
    await memberPage.locator('video').waitFor();
    await lookAt(memberPage, `video-member-page-fallback-${locale}`);
    await memberPage.context().close();

    // Replace, with the same progress bar.
    await page.getByRole('link', { name: t.replaceOpen }).click();
    await page.waitForURL(/\/replace$/);
    await page.locator('#field-video').waitFor();
    await lookAt(page, `video-replace-${locale}`);
    await page.locator('#field-video').setInputFiles({
      name: 'course-v2.webm',
      mimeType: 'video/webm',
      buffer: webmFile(512 * 1024),
    });
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL(/done=replaced/);

    // Delete, after a confirmation page.
    await page.goto(manageUrl);
    await page.getByRole('link', { name: t.deleteOpen }).click();
    await page.waitForURL(/\/delete$/);
    await page.getByRole('button', { name: t.deleteSubmit, exact: true }).waitFor();
    await lookAt(page, `video-delete-confirm-${locale}`);
    await page.getByRole('button', { name: t.deleteSubmit, exact: true }).click();
    await page.waitForURL(/\/videos\?deleted=1$/);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('region', { name: title }).count()).toBe(0);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
