/**
 * The till's camera scanning (progressive enhancement). With a fake BarcodeDetector and a
 * fake camera (a canvas stream) injected before the page's scripts, a scanned code fills in
 * the field, is checked through the same form as a typed one, and the camera is turned off.
 * Without BarcodeDetector (iOS Safari; headless Chromium on Linux has none either) the till
 * loads the zxing-wasm polyfill from our own origin and decodes a real QR code filmed by the
 * fake camera; without a camera API there is no button at all.
 */
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  launchBrowser,
  newPage,
  screenshot,
  signInAs,
  type Locale,
} from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

const SPONSOR = 'sponsor@sakura-sports.example';
const RUNNER = 'runner2@example.com';
const SLUG = 'sakura-city-2027';
const DEMO_OFFER_JA = 'ランニングシューズ 20%オフ';

interface FakeCamera {
  /** What the fake detector reads (after a few empty frames); null reads nothing. */
  code: string | null;
  /** getUserMedia rejects with this DOMException name instead of opening the camera. */
  refuse?: string;
}

interface FakeState {
  detectCalls: number;
  formats: string[];
  constraints: MediaStreamConstraints[];
  tracks: MediaStreamTrack[];
}

/** Runs in the page before any of its scripts: a BarcodeDetector and a camera that are fakes. */
function installFakeCamera(options: FakeCamera) {
  const state: FakeState = { detectCalls: 0, formats: [], constraints: [], tracks: [] };
  (window as unknown as { __camera: FakeState }).__camera = state;
  class FakeBarcodeDetector {
    constructor(init: { formats: string[] }) {
      state.formats = init.formats;
    }
    static getSupportedFormats() {
      return Promise.resolve(['qr_code', 'ean_13']);
    }
    detect(source: unknown) {
      state.detectCalls += 1;
      if (!(source instanceof HTMLVideoElement) || !source.srcObject) {
        return Promise.reject(new TypeError('not the camera video'));
      }
      const found = options.code && state.detectCalls >= 3;
      return Promise.resolve(found ? [{ rawValue: options.code, format: 'qr_code' }] : []);
    }
  }
  (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = FakeBarcodeDetector;
  const getUserMedia = (constraints: MediaStreamConstraints) => {
    state.constraints.push(constraints);
    if (options.refuse) return Promise.reject(new DOMException('refused', options.refuse));
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d')!;
    let frame = 0;
    const draw = () => {
      context.fillStyle = frame++ % 2 ? '#333' : '#ccc';
      context.fillRect(0, 0, canvas.width, canvas.height);
    };
    draw();
    setInterval(draw, 100);
    const stream = canvas.captureStream(10);
    state.tracks.push(...stream.getTracks());
    return Promise.resolve(stream);
  };
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia },
  });
}

/**
 * Runs in the page before any of its scripts: a camera whose every frame shows `qrDataUrl`, a
 * real QR code image, on white. Nothing fakes the detector: the page must decode the pixels.
 */
function installQrCamera(qrDataUrl: string) {
  const state: FakeState = { detectCalls: 0, formats: [], constraints: [], tracks: [] };
  (window as unknown as { __camera: FakeState }).__camera = state;
  const getUserMedia = async (constraints: MediaStreamConstraints) => {
    state.constraints.push(constraints);
    const image = new Image();
    image.src = qrDataUrl;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 360;
    const context = canvas.getContext('2d')!;
    const draw = () => {
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 120, 60, 240, 240);
    };
    draw();
    setInterval(draw, 100);
    const stream = canvas.captureStream(10);
    state.tracks.push(...stream.getTracks());
    return stream;
  };
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia },
  });
}

const camera = (page: Page) =>
  page.evaluate(() => {
    const state = (window as unknown as { __camera: FakeState }).__camera;
    return {
      detectCalls: state.detectCalls,
      formats: state.formats,
      constraints: state.constraints,
      liveTracks: state.tracks.filter((track) => track.readyState === 'live').length,
      tracks: state.tracks.length,
    };
  });

let browser: Browser;
let tillPath: string;
let claimedCode: string;

async function sponsorTill(
  locale: Locale,
  fake?: FakeCamera,
  setUp?: (page: Page) => Promise<unknown>,
) {
  const page = await newPage(browser, locale);
  const errors = watchConsole(page);
  if (fake) await page.addInitScript(installFakeCamera, fake);
  await setUp?.(page);
  await signInAs(page, SPONSOR);
  await page.goto(tillPath);
  await page.locator('input[name="code"]').waitFor();
  return { page, errors };
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The sponsor's till, reached through the console's tab (which loads a fresh document).
  const sponsor = await newPage(browser, 'ja');
  await signInAs(sponsor, SPONSOR);
  await sponsor.goto('/sponsor');
  await sponsor.waitForURL(/\/sponsor\/[\w-]{22}$/);
  await sponsor.getByRole('link', { name: 'レジでのコード確認' }).click();
  await sponsor.waitForURL(/\/till$/);
  tillPath = new URL(sponsor.url()).pathname;
  // Chromium reports the document's Permissions-Policy: the tab loaded the till's own
  // document, which allows the camera (a client-side navigation would keep camera=()).
  const cameraAllowed = () =>
    sponsor.evaluate(() => {
      const policy = (document as { featurePolicy?: { allowsFeature(f: string): boolean } })
        .featurePolicy;
      return policy ? policy.allowsFeature('camera') : 'no document.featurePolicy';
    });
  expect(await cameraAllowed()).toBe(true);
  await sponsor.getByRole('link', { name: '集計' }).click();
  await sponsor.waitForURL(/\/stats$/);
  await sponsor.goto(`${new URL(sponsor.url()).pathname}`);
  expect(await cameraAllowed()).toBe(false);
  await sponsor.context().close();

  // A runner claims the demo sponsor's offer: the code its QR code stands for.
  const runner = await newPage(browser, 'ja');
  await signInAs(runner, RUNNER);
  await runner.goto(`/e/${SLUG}/offers`);
  await runner.locator('li', { hasText: DEMO_OFFER_JA }).getByRole('link').first().click();
  const claim = runner.getByRole('button', { name: '取得する' });
  await claim.or(runner.getByTestId('my-code')).first().waitFor();
  if (await claim.count()) await claim.click();
  await runner.getByTestId('my-code').waitFor();
  claimedCode = (await runner.getByTestId('my-code').textContent())!.trim();
  await runner.context().close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('scanning a code with the camera at the till', () => {
  it('offers no camera button where the browser has no camera API, without console errors', async () => {
    // As on a page served over plain HTTP to another device: navigator.mediaDevices is absent.
    const { page, errors } = await sponsorTill('ja', undefined, (p) =>
      p.addInitScript(() => {
        Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
      }),
    );
    expect(await page.evaluate(() => navigator.mediaDevices)).toBeUndefined();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'カメラで読み取る' }).count()).toBe(0);
    expect(await page.locator('video').count()).toBe(0);
    // Typing still works.
    await page.fill('input[name="code"]', claimedCode);
    await page.getByRole('button', { name: '確認する' }).click();
    await expect
      .poll(() => page.locator('.till-result__status').textContent())
      .toBe('有効なコードです。');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads a QR code, fills in the field, checks it through the same form and turns the camera off', async () => {
    const { page, errors } = await sponsorTill('ja', { code: claimedCode.toLowerCase() });
    const posts: string[] = [];
    const fetched: string[] = [];
    page.on('request', (request) => {
      fetched.push(request.url());
      if (request.method() === 'POST') posts.push(request.postData() ?? '');
    });
    await page.getByRole('button', { name: 'カメラで読み取る' }).click();
    await expect
      .poll(() => page.locator('.till-result__status').textContent())
      .toBe('有効なコードです。');
    expect(await page.locator('.till-result__code').textContent()).toBe(claimedCode);
    expect(await page.inputValue('input[name="code"]')).toBe(claimedCode.toLowerCase());
    expect(posts).toHaveLength(1);
    expect(new URLSearchParams(posts[0]).get('intent')).toBe('check');
    expect(new URLSearchParams(posts[0]).get('code')).toBe(claimedCode.toLowerCase());

    const state = await camera(page);
    expect(state.formats).toEqual(['qr_code']);
    expect(state.constraints[0]).toMatchObject({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
    expect(state.tracks).toBeGreaterThan(0);
    expect(state.liveTracks).toBe(0);
    expect(await page.locator('video').isVisible()).toBe(false);
    // The code stays unredeemed until the clerk presses the button, as with a typed code.
    expect(await page.getByRole('button', { name: '使用済みにする' }).count()).toBe(1);
    // The browser's own detector did the work: the polyfill's WebAssembly was never fetched.
    expect(fetched.filter((url) => url.endsWith('.wasm'))).toEqual([]);
    await screenshot(page, 'sponsor-till-camera-ja');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads a real QR code with the self-hosted WebAssembly polyfill where BarcodeDetector is missing (iPhone)', async () => {
    const qrDataUrl = await QRCode.toDataURL(claimedCode, { margin: 4, width: 240 });
    const origin = new URL(baseUrl()).origin;
    const fetched: string[] = [];
    const scripts: { url: string; body: Promise<string> }[] = [];
    const wasm: { url: string; status: number; type: string | undefined }[] = [];
    const posts: string[] = [];
    const { page, errors } = await sponsorTill('en', undefined, async (p) => {
      await p.setViewportSize({ width: 390, height: 844 });
      await p.addInitScript(() => {
        delete (window as { BarcodeDetector?: unknown }).BarcodeDetector;
      });
      await p.addInitScript(installQrCamera, qrDataUrl);
      p.on('request', (request) => {
        fetched.push(request.url());
        if (request.method() === 'POST') posts.push(request.postData() ?? '');
      });
      p.on('response', (response) => {
        const url = response.url();
        if (url.endsWith('.js')) scripts.push({ url, body: response.text() });
        if (url.endsWith('.wasm')) {
          wasm.push({ url, status: response.status(), type: response.headers()['content-type'] });
        }
      });
    });
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    await page.waitForLoadState('networkidle');

    // Until the clerk asks for the camera, the page has loaded nothing of the decoder.
    const zxingScripts = async () => {
      const found: string[] = [];
      for (const script of scripts)
        if ((await script.body).includes('zxing')) found.push(script.url);
      return found;
    };
    expect(await zxingScripts()).toEqual([]);
    expect(wasm).toEqual([]);

    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect
      .poll(() => page.locator('.till-result__status').textContent(), { timeout: 30_000 })
      .toBe('Valid code.');
    expect(await page.locator('.till-result__code').textContent()).toBe(claimedCode);
    expect(await page.inputValue('input[name="code"]')).toBe(claimedCode);
    expect(posts).toHaveLength(1);
    expect(new URLSearchParams(posts[0]).get('intent')).toBe('check');

    // The decoder came from our own origin — its script chunk and its WebAssembly — and the
    // polyfill stayed a ponyfill (no global BarcodeDetector).
    expect(await zxingScripts()).toHaveLength(1);
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatchObject({ status: 200, type: 'application/wasm' });
    expect(new URL(wasm[0].url).origin).toBe(origin);
    expect(new URL(wasm[0].url).pathname).toMatch(/^\/assets\/zxing_reader-[\w-]+\.wasm$/);
    expect(fetched.filter((url) => /^https?:/.test(url) && new URL(url).origin !== origin)).toEqual(
      [],
    );
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);

    // The camera is off once the code is read.
    const state = await camera(page);
    expect(state.constraints[0]).toMatchObject({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
    expect(state.tracks).toBeGreaterThan(0);
    expect(state.liveTracks).toBe(0);
    expect(await page.locator('video').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Redeem' }).count()).toBe(1);
    await screenshot(page, 'sponsor-till-camera-polyfill-en-390');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('stops the camera on "stop" and when leaving the page', async () => {
    const { page, errors } = await sponsorTill('en', { code: null });
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await page.locator('video').waitFor({ state: 'visible' });
    await expect.poll(async () => (await camera(page)).detectCalls).toBeGreaterThan(2);
    expect((await camera(page)).liveTracks).toBeGreaterThan(0);
    await screenshot(page, 'sponsor-till-camera-scanning-en');
    await page.getByRole('button', { name: 'Stop the camera' }).click();
    await expect.poll(async () => (await camera(page)).liveTracks).toBe(0);
    expect(await page.locator('video').isVisible()).toBe(false);
    const calls = (await camera(page)).detectCalls;
    await page.waitForTimeout(800);
    expect((await camera(page)).detectCalls).toBe(calls);

    // Scanning again, then going to another page of the console (a client-side navigation).
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect.poll(async () => (await camera(page)).liveTracks).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.waitForURL(/\/stats$/);
    // The URL changes before the till unmounts (the stats loader is still running), so wait
    // for the page to change rather than only the address.
    await expect.poll(async () => (await camera(page)).liveTracks, { timeout: 10_000 }).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('explains a refused camera in the page language instead of failing', async () => {
    for (const [locale, refuse, button, message] of [
      ['ja', 'NotAllowedError', 'カメラで読み取る', 'カメラの使用が許可されていません'],
      ['en', 'NotFoundError', 'Scan with the camera', 'No camera was found'],
    ] as const) {
      const { page, errors } = await sponsorTill(locale, { code: 'NEVER', refuse });
      await page.getByRole('button', { name: button }).click();
      await expect
        .poll(() => page.locator('.qr-camera [role="alert"]').textContent())
        .toContain(message);
      expect(await page.locator('.qr-camera .alert--error').count()).toBe(1);
      // The button is back for another try, and typing still works.
      expect(await page.getByRole('button', { name: button }).count()).toBe(1);
      expect(await page.locator('.till-result').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
