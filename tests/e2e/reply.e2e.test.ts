/**
 * Replies in the browser (SPEC P3, P6): a runner replies privately from an announcement page,
 * the owner answers in the inbox, the runner sees the answer — and nobody else sees any of it.
 *
 * The second part runs its own server wired to the fake Resend API, so that mail can arrive
 * at a relay address at all (signed `email.received` webhooks): it shows the inbox with a
 * message held for review because it came from an address that is not the runner's.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../http/support/app-server';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import {
  newWebhookSecret,
  PNG_BYTES,
  receive,
  signedWebhookRequest,
} from '../support/relay-webhooks';
import {
  baseUrl,
  latestMail,
  newPage,
  screenshot,
  sharedBrowser,
  signInAs,
  type Locale,
} from './support/browser';
import { seriousA11yViolations, watchConsole } from './support/page-checks';

const OWNER = 'owner@sakura-marathon.example';
const RUNNER = 'runner1@example.com';
const OTHER_RUNNERS = ['runner2@example.com', 'runner3@example.com'];
const SLUG = 'sakura-city-2027';
const RUNNER_ALIAS = { ja: 'ランナー #4821', en: 'Runner #4821' };

/** The owner writes and sends an announcement to everyone on the first channel, through the UI. */
async function sendAnnouncement(page: Page, title: string, body: string): Promise<string> {
  await page.goto(`/staff/${SLUG}/announcements/new`);
  await page.locator('#field-titleJa').fill(title);
  await page.locator('#field-bodyJa').fill(body);
  await page.locator('input[name="audienceMode"][value="everyone_on_channel"]').check();
  await Promise.all([
    page.waitForURL(
      (url) => /\/announcements\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'),
    ),
    page.locator('main form button[type="submit"]').first().click(),
  ]);
  const announcementId = new URL(page.url()).pathname.split('/').pop()!;
  await Promise.all([
    page.waitForURL(/\/preview\//),
    page.locator('form.preview-form button[type="submit"]').click(),
  ]);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('/preview/')),
    page.locator('button.button--send').click(),
  ]);
  return announcementId;
}

const browser = sharedBrowser();

describe('a private reply from the announcement page', () => {
  it('reaches the inbox; the owner answers; the runner sees the answer; other runners see nothing', async () => {
    const owner = await newPage(browser(), 'ja');
    const ownerErrors = watchConsole(owner);
    await signInAs(owner, OWNER);
    const announcementId = await sendAnnouncement(
      owner,
      '【重要】手荷物預かりの受付時間',
      '手荷物預かりの受付は **8時30分** までです。',
    );

    // Every runner got the announcement by email (taken from the mailbox here, so that the
    // sign-in helper below reads the sign-in code and not this).
    for (const address of [RUNNER, ...OTHER_RUNNERS]) {
      const announcementMail = await latestMail(address, { subject: /手荷物預かり/ });
      expect(announcementMail.replyTo).toMatch(/^reply\+[a-z2-7]{32}@/);
    }

    // The runner replies from the announcement page.
    const runner = await newPage(browser(), 'ja');
    const runnerErrors = watchConsole(runner);
    await signInAs(runner, RUNNER);
    await runner.goto(`/e/${SLUG}/a/${announcementId}`);
    await runner.getByRole('heading', { name: '大会事務局に個別に問い合わせる' }).waitFor();
    expect(await seriousA11yViolations(runner)).toEqual([]);
    await screenshot(runner, 'relay-announcement-reply-ja');
    const question = '8時30分に間に合わない場合、どうすればよいですか?';
    await runner.locator('.private-reply textarea[name="body"]').fill(question);
    await Promise.all([
      runner.waitForURL(/\/messages\?sent=1$/),
      runner.locator('.private-reply button[type="submit"]').click(),
    ]);
    await runner.getByText(question).waitFor();
    await runner.getByText('大会事務局に送信しました。').waitFor();

    // Staff are told by email, by alias, with the thread's own relay Reply-To.
    const notice = await latestMail(OWNER, { subject: /ランナー #4821/ });
    expect(notice.text).toContain(question);
    expect(notice.replyTo).toMatch(/^reply\+s[a-z2-7]{32}@/);
    expect(JSON.stringify(notice)).not.toContain(RUNNER);

    // The owner finds it in the inbox by alias and answers.
    await owner.goto(`/staff/${SLUG}/inbox`);
    const row = owner.locator('table.inbox-table tbody tr', { hasText: RUNNER_ALIAS.ja });
    await row.waitFor();
    expect(await row.textContent()).toContain('未読');
    expect(await owner.content()).not.toContain(RUNNER);
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await screenshot(owner, 'relay-inbox-ja');
    await Promise.all([
      owner.waitForURL(/\/inbox\/[^/?]+$/),
      row.getByRole('link', { name: RUNNER_ALIAS.ja }).click(),
    ]);
    await owner.getByText(question).waitFor();
    await owner.getByText('お知らせ「【重要】手荷物預かりの受付時間」について').waitFor();
    const answer = '受付終了後は、スタート地点横の救護テントでお預かりします。';
    await owner.locator('textarea[name="body"]').fill(answer);
    await Promise.all([
      owner.waitForURL(/\?done=answered$/),
      owner.getByRole('button', { name: '返信を送る' }).click(),
    ]);
    await owner.getByText('返信を送りました。').waitFor();
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await screenshot(owner, 'relay-thread-ja');

    // The runner gets the answer by email from the organizer, and sees it on their page.
    const mail = await latestMail(RUNNER, { subject: /大会事務局からの返信/ });
    expect(mail.text).toContain(answer);
    expect(mail.from).toContain('さくらシティマラソン');
    expect(mail.replyTo).toMatch(/^reply\+[a-z2-7]{32}@/);
    expect(JSON.stringify(mail)).not.toContain(OWNER);
    await runner.goto(`/e/${SLUG}/messages`);
    await runner.getByText(answer).waitFor();
    await runner.getByText('大会事務局', { exact: true }).first().waitFor();
    expect(await runner.content()).not.toContain(OWNER);
    expect(await seriousA11yViolations(runner)).toEqual([]);
    await screenshot(runner, 'relay-member-thread-ja');

    // Another runner: no such email, nothing on their pages.
    for (const other of OTHER_RUNNERS) {
      const response = await fetch(
        `${baseUrl()}/dev/mailbox.json?to=${encodeURIComponent(other)}&limit=50`,
      );
      const { messages } = (await response.json()) as {
        messages: { subject: string; text: string }[];
      };
      for (const m of messages) {
        expect(m.text).not.toContain(question);
        expect(m.text).not.toContain(answer);
      }
    }
    const bystander = await newPage(browser(), 'ja');
    await signInAs(bystander, OTHER_RUNNERS[0]);
    for (const path of [`/e/${SLUG}/messages`, `/e/${SLUG}/a/${announcementId}`, `/e/${SLUG}`]) {
      await bystander.goto(path);
      const html = await bystander.content();
      expect(html).not.toContain(question);
      expect(html).not.toContain(answer);
    }

    // The same pages in English.
    const ownerEn = await newPage(browser(), 'en');
    await signInAs(ownerEn, OWNER);
    await ownerEn.goto(`/staff/${SLUG}/inbox?show=all`);
    await ownerEn.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(await seriousA11yViolations(ownerEn)).toEqual([]);
    await screenshot(ownerEn, 'relay-inbox-en');
    await ownerEn.getByRole('link', { name: RUNNER_ALIAS.en }).click();
    await ownerEn.getByText(answer).waitFor();
    await screenshot(ownerEn, 'relay-thread-en');
    const runnerEn = await newPage(browser(), 'en');
    await signInAs(runnerEn, RUNNER);
    await runnerEn.goto(`/e/${SLUG}/messages`);
    await runnerEn.getByRole('heading', { name: 'Your messages with the race office' }).waitFor();
    await runnerEn.getByText(answer).waitFor();
    expect(await seriousA11yViolations(runnerEn)).toEqual([]);
    await screenshot(runnerEn, 'relay-member-thread-en');

    expect(ownerErrors).toEqual([]);
    expect(runnerErrors).toEqual([]);
    for (const page of [owner, runner, bystander, ownerEn, runnerEn]) await page.context().close();
  });
});

describe('mail from an address that is not the runner’s (own server, fake Resend)', () => {
  let fake: FakeResend;
  let server: AppServer;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    fake = await startFakeResend();
    server = await startAppServer({
      env: {
        TRUST_PROXY: 'true',
        RESEND_API_KEY: 're_e2e_fake',
        RESEND_BASE_URL: fake.url,
        RESEND_WEBHOOK_SECRET: secret,
      },
      timeoutMs: 240_000,
    });
  }, 300_000);
  afterAll(async () => {
    await server?.dispose();
    await fake?.close();
  });

  const pageOn = (locale: Locale) => newPage(browser(), locale, { baseURL: server.url });

  async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Signs in through the UI, reading the code from the mail the server sent to the fake API. */
  async function signIn(page: Page, email: string) {
    const before = fake.received.length;
    await page.goto('/sign-in');
    await page.locator('main input[name="email"]').fill(email);
    await Promise.all([
      page.waitForURL(/\/sign-in\/code\//),
      page.locator('main form button[type="submit"]').click(),
    ]);
    const mail = await waitFor(
      () => fake.received.slice(before).find((m) => m.to === email),
      `sign-in mail to ${email}`,
    );
    const link = /https?:\/\/[^\s"'<>]+\/sign-in\/code\/[^\s"'<>]+/
      .exec(mail.text ?? '')![0]
      .replace(/&amp;/g, '&');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
      page.locator('main form button[type="submit"]').click(),
    ]);
  }

  async function postWebhook(mail: Parameters<typeof receive>[1]) {
    const { event } = receive(fake, mail);
    const request = signedWebhookRequest(event, { secret });
    const response = await fetch(`${server.url}/webhooks/resend`, {
      method: 'POST',
      headers: Object.fromEntries(request.headers.entries()),
      body: await request.text(),
    });
    expect(response.status).toBe(200);
  }

  it('is held for review in the thread, with a masked sender, and never reaches the runner’s page', async () => {
    const owner = await pageOn('ja');
    await signIn(owner, OWNER);
    const before = fake.received.length;
    await sendAnnouncement(owner, 'コース変更のお知らせ', '5km地点の給水所が移動します。');
    const announcementMail = await waitFor(
      () =>
        fake.received
          .slice(before)
          .find((m) => m.to === RUNNER && m.subject.includes('コース変更')),
      'the announcement to runner1',
    );
    const relay = announcementMail.replyTo as string;
    expect(relay).toMatch(/^reply\+[a-z2-7]{32}@/);

    await postWebhook({
      from: `山田 花子 <${RUNNER}>`,
      to: relay,
      subject: 'Re: 【さくらシティマラソン】コース変更のお知らせ',
      text: [
        '給水所の移動、承知しました。ゼッケンの写真を念のため送ります。',
        '',
        `2027年3月1日(月) 10:00 さくらシティマラソン実行委員会 <${relay}>:`,
        '> 5km地点の給水所が移動します。',
      ].join('\n'),
      attachments: [
        { filename: 'bib-1024.png', content_type: 'image/png', bytes: PNG_BYTES },
        {
          filename: 'setup.exe',
          content_type: 'application/octet-stream',
          bytes: new Uint8Array([0x4d, 0x5a]),
        },
      ],
    });
    await postWebhook({
      from: 'Forwarder <kazoku.yamada@forward.example>',
      to: relay,
      subject: 'Fwd: コース変更のお知らせ',
      text: '家族のアドレスから失礼します。当日の応援場所を教えてください。',
    });

    for (const locale of ['ja', 'en'] as const) {
      const page = locale === 'ja' ? owner : await pageOn('en');
      if (locale === 'en') await signIn(page, OWNER);
      const errors = watchConsole(page);
      const row = page.locator('table.inbox-table tbody tr', { hasText: RUNNER_ALIAS[locale] });
      // The webhooks' jobs run on the server's worker: reload until the thread is there.
      await expect
        .poll(
          async () => {
            await page.goto(`/staff/${SLUG}/inbox?show=held`);
            return row.count();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBeGreaterThan(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `relay-inbox-held-${locale}`);
      await row.getByRole('link', { name: RUNNER_ALIAS[locale] }).click();
      await page.locator('.relay-message--held').waitFor();
      expect(
        await page.locator('.relay-message--held .relay-message__meta strong').textContent(),
      ).toBe(locale === 'ja' ? '送信者未確認' : 'Unverified sender');
      const html = await page.content();
      expect(html).toContain('k***@f***.example');
      expect(html).not.toContain('kazoku.yamada@forward.example');
      expect(html).not.toContain(RUNNER);
      expect(html).not.toContain('5km地点の給水所が移動します。');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `relay-thread-held-${locale}`);
      expect(errors).toEqual([]);
    }

    // The runner sees their own message, not the held one.
    const runner = await pageOn('ja');
    await signIn(runner, RUNNER);
    await runner.goto(`/e/${SLUG}/messages`);
    await runner.getByText('給水所の移動、承知しました。', { exact: false }).waitFor();
    expect(await runner.content()).not.toContain('応援場所');
    await screenshot(runner, 'relay-member-thread-email-ja');
  });
});
