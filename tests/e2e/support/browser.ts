/**
 * What every browser test uses: a Chromium, a page in Japanese or English, the server's
 * URL, the captured mailbox, signing in through the real UI, and screenshots.
 *
 *   const browser = await launchBrowser();
 *   const page = await newPage(browser, 'ja');
 *   await signInAs(page, 'owner@sakura-marathon.example');
 *   await screenshot(page, 'home-ja');
 *   await browser.close();
 */
import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Cookie, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { CHROMIUM_PATH } from './chromium-path';

export type Locale = 'ja' | 'en';

export interface MailboxMessage {
  id: string;
  to: string;
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  createdAt: string;
}

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One Chromium for the test file, launched before its tests and closed after them:
 *
 *   const browser = sharedBrowser();
 *   it('…', async () => { const page = await newPage(browser(), 'ja'); … });
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('sharedBrowser(): use the browser inside a test or hook');
    return browser;
  };
}

/**
 * A page in a fresh browser context (no cookies) that asks for `locale` first, on the shared
 * server or on `options.baseURL` (a test's own server).
 */
export async function newPage(
  browser: Browser,
  locale: Locale,
  options: { baseURL?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? baseUrl(),
    locale: locale === 'ja' ? 'ja-JP' : 'en-US',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: {
      'Accept-Language': locale === 'ja' ? 'ja,en;q=0.5' : 'en,ja;q=0.5',
      // Each context is "another person": its own client IP for the server's rate limits
      // (the e2e server runs with TRUST_PROXY=true). 198.18.0.0/15 is reserved for testing.
      'X-Forwarded-For': `198.18.${randomInt(256)}.${randomInt(1, 255)}`,
    },
  });
  return context.newPage();
}

/** The URL of the server under test, without a trailing slash. */
export function baseUrl(): string {
  let url: string | undefined;
  try {
    url = inject('e2eBaseUrl');
  } catch {
    url = undefined;
  }
  url ??= process.env.E2E_BASE_URL;
  if (!url) throw new Error('No server URL: run the browser tests with `npm run test:e2e`.');
  return url.replace(/\/$/, '');
}

// "New" mail means: created since the current test started, and not returned before.
let testStartedAt = new Date();
beforeEach(() => {
  testStartedAt = new Date();
});
const alreadyReturned = new Set<string>();

/**
 * Waits for a new message to `to` in the captured mailbox (/dev/mailbox.json) and returns
 * it: one created since the current test began (or since `after`) that no earlier call
 * returned. Mail is delivered by the server's job worker, so it can take a second or two.
 */
export async function latestMail(
  to: string,
  options: { after?: Date; timeoutMs?: number; subject?: RegExp } = {},
): Promise<MailboxMessage> {
  const after = options.after ?? testStartedAt;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(
      `${baseUrl()}/dev/mailbox.json?to=${encodeURIComponent(to)}&limit=50`,
    );
    if (!response.ok) throw new Error(`/dev/mailbox.json answered ${response.status}`);
    const { messages } = (await response.json()) as { messages: MailboxMessage[] };
    const fresh = messages
      .filter(
        (m) => !alreadyReturned.has(m.id) && new Date(m.createdAt).getTime() >= after.getTime() - 5,
      )
      .filter((m) => !options.subject || options.subject.test(m.subject))
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
    if (fresh[0]) {
      alreadyReturned.add(fresh[0].id);
      return fresh[0];
    }
    if (Date.now() > deadline) {
      throw new Error(
        `no new email to ${to} within ${timeoutMs} ms (${messages.length} older ones in the mailbox)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every http(s) link in a message (HTML and text). */
export function linksInMail(message: Pick<MailboxMessage, 'html' | 'text'>): string[] {
  const found = new Set<string>();
  for (const match of `${message.html}\n${message.text}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) {
    found.add(match[0].replace(/&amp;/g, '&'));
  }
  return [...found];
}

function sessionCacheFile(email: string): string | null {
  let dir: string | undefined;
  try {
    dir = inject('e2eStateDir');
  } catch {
    dir = undefined;
  }
  if (!dir) return null;
  return path.join(
    dir,
    `session-${createHash('sha256').update(email).digest('hex').slice(0, 16)}.json`,
  );
}

async function isSignedIn(page: Page) {
  return (await page.locator('form[action="/sign-out"]').count()) > 0;
}

/**
 * Signs `page` in as `email` through the real UI: types the address on /sign-in, reads the
 * code from the mailbox, opens the emailed link, checks the code is filled in and presses
 * the button. Ends on the signed-in home page.
 *
 * The sign-in code request is rate limited per address (5 per 15 minutes), and many test
 * files sign in as the same demo accounts; so after the first real sign-in of an address in
 * a run, its session cookie is reused while it is still valid. Pass `{ fresh: true }` to go
 * through the UI regardless (tests of sign-in itself do).
 */
export async function signInAs(
  page: Page,
  email: string,
  options: { fresh?: boolean } = {},
): Promise<void> {
  const cacheFile = sessionCacheFile(email);
  if (!options.fresh && cacheFile && existsSync(cacheFile)) {
    const cookies = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cookie[];
    await page.context().addCookies(cookies);
    await page.goto('/');
    if (await isSignedIn(page)) return;
    await page.context().clearCookies({ name: cookies[0]?.name });
  }

  await page.goto('/sign-in');
  if (await isSignedIn(page)) {
    // Signed in as someone (/sign-in redirected): sign out first, through the header button.
    await page.locator('form[action="/sign-out"] button').click();
    await page.locator('form[action="/sign-out"]').waitFor({ state: 'detached' });
    await page.goto('/sign-in');
  }
  await page.locator('main input[name="email"]').fill(email);
  await Promise.all([
    page.waitForURL(/\/sign-in\/code\//),
    page.locator('main form button[type="submit"]').click(),
  ]);
  // The code's own email: another one to the same address (the welcome after joining, sent
  // by the worker a moment later) may arrive in between.
  const message = await latestMail(email, { subject: /ログイン確認コード|sign-in code/ });
  const code = /\b(\d{8})\b/.exec(message.text)?.[1];
  const link = linksInMail(message).find((l) => l.includes('/sign-in/code/'));
  if (!code || !link)
    throw new Error(`the sign-in email to ${email} has no code or link:\n${message.text}`);

  await page.goto(link);
  const codeField = page.locator('main input[name="code"]');
  const prefilled = await codeField.inputValue();
  if (prefilled !== code)
    throw new Error(`the emailed link filled in "${prefilled}", the email says ${code}`);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.locator('main form button[type="submit"]').click(),
  ]);
  // The URL changes before React has rendered the signed-in page: wait for the header's
  // sign-out button rather than checking at once.
  await page
    .locator('form[action="/sign-out"]')
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error(`signing in as ${email} did not end signed in (at ${page.url()})`);
    });

  if (cacheFile) {
    const session = (await page.context().cookies()).filter((c) =>
      c.name.endsWith('startline_session'),
    );
    writeFileSync(cacheFile, JSON.stringify(session));
  }
}

/** Saves a full-page PNG to tests/e2e/screenshots/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
