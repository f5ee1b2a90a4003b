/**
 * The organizer inbox both ways (SPEC P3, P6, P1): staff answer from the page or by email
 * through the staff relay; members write by email or from the app. Nobody's address reaches
 * the other side, and nothing a member writes reaches another member.
 *
 * Runs against the fake Resend API (inbound fetch and every outgoing email), so the fake must
 * be running before any app module loads: app modules are imported dynamically below.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { relayMessages, relayThreads } from '~db/schema';
import { ADDRESS_PLACEHOLDER } from '~/modules/relay/reply-cleaning.server';
import { translate } from '~/i18n/translate';
import { submissionErrors, submittedValues } from '../support/submission';
import { startFakeResend, type FakeResendEmail } from '../support/fake-resend';
import {
  newWebhookSecret,
  PNG_BYTES,
  receive,
  signedWebhookRequest,
} from '../support/relay-webhooks';

const fake = await startFakeResend();
const SECRET = newWebhookSecret();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;
process.env.RESEND_WEBHOOK_SECRET = SECRET;

const webhookRoute = await import('~/routes/webhooks.resend');
const inboxRoute = await import('~/routes/staff.$slug.inbox._index');
const threadRoute = await import('~/routes/staff.$slug.inbox.$threadId');
const fileRoute = await import('~/routes/staff.$slug.inbox.$threadId_.files.$attachmentId');
const messagesRoute = await import('~/routes/e.$slug.messages');
const announcementRoute = await import('~/routes/e.$slug.a.$announcementId');
const memberHomeRoute = await import('~/routes/e.$slug._index');
const dashboardRoute = await import('~/routes/staff.$slug._index');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { db } = await import('~/modules/database/database.server');
const { ensureRelayAddresses } = await import('~/modules/relay/relay-address.server');
const { seedEvent, addStaff, addMember } = await import('../support/announcement-fixtures');
const { createDraft, draftFields, freeze, sendAsShown } =
  await import('../support/announcement-flow');
const { callRoute, formRequest, getRequest, jsonOf } = await import('../support/requests');

afterAll(() => fake.close());

// Seeded while the file loads, so the app is started here, on the variables set above.
await (await import('../support/app')).startTestApp();

const event = await seedEvent('relay-inbox');
const owner = await addStaff(event, 'owner@relay-inbox.example', 'owner');
const editor = await addStaff(event, 'editor@relay-inbox.example', 'editor');
const viewer = await addStaff(event, 'viewer@relay-inbox.example', 'viewer');
const otherEvent = await seedEvent('relay-inbox-other');
const stranger = await addStaff(otherEvent, 'owner@other-race.example', 'owner');
const STAFF_ADDRESSES = [
  'owner@relay-inbox.example',
  'editor@relay-inbox.example',
  'viewer@relay-inbox.example',
];

async function member(email: string, locale: 'ja' | 'en' = 'ja') {
  const m = await addMember(event, {
    email,
    locale,
    bib: String(3000 + Math.floor(Math.random() * 1000)),
  });
  const relay = (await ensureRelayAddresses([m.membershipId])).get(m.membershipId)!;
  return { ...m, email, relay };
}

async function deliver(mail: Parameters<typeof receive>[1]) {
  const { event: webhook } = receive(fake, mail);
  const response = await callRoute(
    webhookRoute.action,
    signedWebhookRequest(webhook, { secret: SECRET }),
  );
  expect(response.status).toBe(200);
  await runPendingJobs();
}

async function threadOf(membershipId: string) {
  const [row] = await db
    .select()
    .from(relayThreads)
    .where(eq(relayThreads.membershipId, membershipId));
  return row;
}

async function messagesOf(membershipId: string) {
  const thread = await threadOf(membershipId);
  if (!thread) return [];
  return db
    .select()
    .from(relayMessages)
    .where(eq(relayMessages.threadId, thread.id))
    .orderBy(relayMessages.createdAt);
}

function threadPage(cookie: string, threadId: string) {
  return callRoute(
    threadRoute.loader,
    getRequest(`/staff/${event.slug}/inbox/${threadId}`, { cookie }),
    {
      slug: event.slug,
      threadId,
    },
  );
}

function threadAction(
  cookie: string,
  threadId: string,
  fields: Record<string, string>,
  slug = event.slug,
) {
  return callRoute(
    threadRoute.action,
    formRequest(`/staff/${slug}/inbox/${threadId}`, fields, { cookie }),
    { slug, threadId },
  );
}

function memberPage(cookie: string) {
  return callRoute(messagesRoute.loader, getRequest(`/e/${event.slug}/messages`, { cookie }), {
    slug: event.slug,
  });
}

function memberPost(cookie: string, fields: Record<string, string>) {
  return callRoute(
    messagesRoute.action,
    formRequest(`/e/${event.slug}/messages`, fields, { cookie }),
    { slug: event.slug },
  );
}

/** Everything in an email except its To: headers, Reply-To, From, subject, both bodies. */
function allButRecipient(email: FakeResendEmail) {
  const { to: _to, ...rest } = email;
  return JSON.stringify(rest);
}

/** The staff relay address from the notification a staff member got. */
function staffRelayFrom(sent: FakeResendEmail[], staffEmail: string) {
  const notice = sent.find((m) => m.to === staffEmail);
  expect(notice?.replyTo).toMatch(/^reply\+s[a-z2-7]{32}@/);
  return notice!.replyTo as string;
}

let sentBefore = 0;
beforeEach(async () => {
  await runPendingJobs();
  sentBefore = fake.received.length;
});
const sentSince = () => fake.received.slice(sentBefore);

describe('answering from the inbox page', () => {
  it('reaches the member from the organizer’s name, Reply-To their relay address, with no staff name or address anywhere', async () => {
    const runner = await member('answer-web@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: '荷物預かりは何時までですか?' });
    const thread = await threadOf(runner.membershipId);

    const list = await callRoute(
      inboxRoute.loader,
      getRequest(`/staff/${event.slug}/inbox`, { cookie: owner.cookie }),
      {
        slug: event.slug,
      },
    );
    const listText = await list.text();
    expect(listText).toContain(`"aliasNumber":${runner.aliasNumber}`);
    expect(listText).not.toContain(runner.email);
    expect(listText).not.toContain(runner.relay);

    sentBefore = fake.received.length;
    const answered = await threadAction(owner.cookie, thread.id, {
      intent: 'answer',
      body: '8時30分までにお預けください。',
    });
    expect(answered.status).toBe(302);
    await runPendingJobs();

    const sent = sentSince();
    expect(sent).toHaveLength(1);
    const [email] = sent;
    expect(email.to).toBe(runner.email);
    expect(email.from).toBe('"テストマラソン実行委員会" <no-reply@startline.local>');
    expect(email.replyTo).toBe(runner.relay);
    expect(email.headers['Auto-Submitted']).toBe('auto-replied');
    expect(email.text).toContain('8時30分までにお預けください。');
    expect(email.html).toContain('8時30分までにお預けください。');
    const whole = allButRecipient(email);
    for (const address of STAFF_ADDRESSES) expect(whole).not.toContain(address);
    expect(whole).not.toMatch(/reply\+s[a-z2-7]{32}/);
    expect(whole).not.toContain('owner@');

    const stored = await messagesOf(runner.membershipId);
    expect(stored.map((m) => [m.direction, m.source])).toEqual([
      ['member_to_staff', 'email'],
      ['staff_to_member', 'web'],
    ]);
  });

  it('is for editors and owners: viewers read (403 on every change), staff of other events and members get 404', async () => {
    const runner = await member('answer-roles@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: 'ゼッケンの引換えについて' });
    const thread = await threadOf(runner.membershipId);

    expect((await threadPage(viewer.cookie, thread.id)).status).toBe(200);
    const changes: Record<string, string>[] = [
      { intent: 'answer', body: '閲覧者の返信' },
      { intent: 'status', status: 'closed' },
      { intent: 'assign', userId: viewer.userId },
    ];
    for (const fields of changes) {
      expect((await threadAction(viewer.cookie, thread.id, fields)).status).toBe(403);
    }
    expect((await threadAction(viewer.cookie, thread.id, { intent: 'markRead' })).status).toBe(200);

    expect((await threadPage(stranger.cookie, thread.id)).status).toBe(404);
    expect(
      (await threadAction(stranger.cookie, thread.id, { intent: 'answer', body: 'x' })).status,
    ).toBe(404);
    // Another event's owner cannot reach this thread through their own event's inbox either.
    expect(
      (
        await threadAction(
          stranger.cookie,
          thread.id,
          { intent: 'answer', body: 'x' },
          otherEvent.slug,
        )
      ).status,
    ).toBe(404);
    expect((await threadPage(runner.cookie, thread.id)).status).toBe(404);

    expect(
      (
        await threadAction(editor.cookie, thread.id, {
          intent: 'answer',
          body: '編集者からの返信です',
        })
      ).status,
    ).toBe(302);
    expect(
      (await messagesOf(runner.membershipId)).filter((m) => m.direction === 'staff_to_member'),
    ).toHaveLength(1);
  });

  it('is refused once the member has left, and nothing is sent', async () => {
    const runner = await member('answer-left@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: '退会前の質問' });
    const thread = await threadOf(runner.membershipId);
    const { memberships } = await import('~db/schema');
    await db
      .update(memberships)
      .set({ status: 'left' })
      .where(eq(memberships.id, runner.membershipId));
    sentBefore = fake.received.length;
    const response = await threadAction(owner.cookie, thread.id, {
      intent: 'answer',
      body: '届かない返信',
    });
    expect(response.status).toBe(409);
    // Said plainly, and the answer stays in the box.
    expect((await submissionErrors(response))['']).toBe(translate('ja', 'relay.answer.memberLeft'));
    expect((await submittedValues(response)).body).toBe('届かない返信');
    await runPendingJobs();
    expect(sentSince()).toEqual([]);
  });
});

describe('answering by email through the staff relay', () => {
  it('reaches the member with no staff address anywhere; the member’s answer reaches staff with no member address anywhere', async () => {
    const runner = await member('both-ways@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: '雨天でも開催されますか?' });
    const staffRelay = staffRelayFrom(sentSince(), 'owner@relay-inbox.example');

    // The owner answers the notification from their mail client: quote, signature and all.
    sentBefore = fake.received.length;
    await deliver({
      from: '大会事務局 田中 <owner@relay-inbox.example>',
      to: staffRelay,
      text: [
        '小雨決行です。荒天の場合は前日17時までにお知らせします。',
        '',
        `2027年3月1日(月) 10:00 Startline <${staffRelay}>:`,
        `> ランナー #${runner.aliasNumber} さんから大会事務局あてにメッセージが届きました。`,
        '> 雨天でも開催されますか?',
        '',
        '-- ',
        '大会事務局 田中',
        'owner@relay-inbox.example',
      ].join('\n'),
    });
    const toMember = sentSince();
    expect(toMember).toHaveLength(1);
    const [relayed] = toMember;
    expect(relayed.to).toBe(runner.email);
    expect(relayed.replyTo).toBe(runner.relay);
    expect(relayed.headers['Auto-Submitted']).toBe('auto-replied');
    expect(relayed.text).toContain('小雨決行です。荒天の場合は前日17時までにお知らせします。');
    const whole = allButRecipient(relayed);
    for (const address of STAFF_ADDRESSES) expect(whole).not.toContain(address);
    expect(whole).not.toContain(staffRelay);
    expect(whole).not.toContain('田中');
    expect(whole).not.toContain('雨天でも開催されますか?');
    const answer = (await messagesOf(runner.membershipId)).at(-1)!;
    expect(answer).toMatchObject({
      direction: 'staff_to_member',
      source: 'email',
      body: '小雨決行です。荒天の場合は前日17時までにお知らせします。',
    });
    expect(answer.authorUserId).toBe(owner.userId);

    // The member answers the relayed email, quoting it.
    sentBefore = fake.received.length;
    await deliver({
      from: `Both Ways <${runner.email}>`,
      to: relayed.replyTo as string,
      text: [
        'ありがとうございます。安心しました。',
        '',
        `On Mon, Mar 1, 2027 at 11:00 AM テストマラソン実行委員会 <no-reply@startline.local> wrote:`,
        '> 小雨決行です。',
      ].join('\n'),
    });
    const toStaff = sentSince();
    expect(toStaff.map((m) => m.to).sort()).toEqual([
      'editor@relay-inbox.example',
      'owner@relay-inbox.example',
    ]);
    for (const notice of toStaff) {
      const all = allButRecipient(notice);
      expect(all).not.toContain(runner.email);
      expect(all).not.toContain(runner.relay);
      expect(all).not.toContain('Both Ways');
      expect(notice.text).toContain('ありがとうございます。安心しました。');
      expect(notice.text).not.toContain('小雨決行です。');
    }
  });

  it('from anyone but an editor or owner of this event is held, not sent, until an owner releases it', async () => {
    const runner = await member('held-answer@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: '参加賞はいつ届きますか?' });
    const staffRelay = staffRelayFrom(sentSince(), 'editor@relay-inbox.example');
    const thread = await threadOf(runner.membershipId);

    sentBefore = fake.received.length;
    for (const from of [
      'viewer@relay-inbox.example',
      'owner@other-race.example',
      'forwarded-to@somewhere.example',
    ]) {
      await deliver({ from, to: staffRelay, text: `${from.split('@')[0]} からの返信` });
    }
    expect(sentSince()).toEqual([]);
    const held = (await messagesOf(runner.membershipId)).filter((m) => m.held);
    expect(held.map((m) => m.holdReason)).toEqual([
      'sender_not_staff',
      'sender_not_staff',
      'sender_not_staff',
    ]);

    // The member sees none of it.
    const mine = await memberPage(runner.cookie);
    expect(await mine.text()).not.toContain('からの返信');

    // Staff see it with a masked sender; viewers cannot release it.
    const page = await jsonOf<{
      thread: { messages: { id: string; held: boolean; heldSenderMasked: string }[] };
    }>(await threadPage(owner.cookie, thread.id));
    const heldOnPage = page.thread.messages.filter((m) => m.held);
    expect(heldOnPage.map((m) => m.heldSenderMasked)).toEqual([
      'v***@r***.example',
      'o***@o***.example',
      'f***@s***.example',
    ]);
    expect(JSON.stringify(page)).not.toContain('forwarded-to@somewhere.example');
    expect(
      (
        await threadAction(viewer.cookie, thread.id, {
          intent: 'release',
          messageId: heldOnPage[0].id,
        })
      ).status,
    ).toBe(403);

    expect(
      (
        await threadAction(owner.cookie, thread.id, {
          intent: 'discard',
          messageId: heldOnPage[2].id,
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await threadAction(owner.cookie, thread.id, {
          intent: 'release',
          messageId: heldOnPage[0].id,
        })
      ).status,
    ).toBe(302);
    await runPendingJobs();
    const sent = sentSince();
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe(runner.email);
    expect(sent[0].text).toContain('viewer からの返信');
    expect(allButRecipient(sent[0])).not.toContain('viewer@relay-inbox.example');
    const after = await messagesOf(runner.membershipId);
    expect(after.map((m) => m.body)).not.toContain('forwarded-to からの返信');
    expect(after.filter((m) => m.held)).toHaveLength(1);
  });
});

describe('a reply is never redistributed', () => {
  it('produces no email to any other member and appears on no other member’s pages', async () => {
    const writer = await member('writer@example.com');
    const others = [
      await member('reader-1@example.com'),
      await member('reader-2@example.com', 'en'),
    ];
    // An announcement everyone can read, so its page and the feed exist for all of them.
    const announcementId = await createDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official),
    );
    const snapshotId = await freeze(owner.cookie, event.slug, announcementId);
    expect(
      (await sendAsShown(owner.cookie, event.slug, announcementId, snapshotId)).status,
    ).toBeLessThan(400);
    await runPendingJobs();

    sentBefore = fake.received.length;
    const SECRET_TEXT = '個人的な事情で、スタート位置を後方にしてほしいです。';
    await deliver({ from: writer.email, to: writer.relay, text: SECRET_TEXT });
    const posted = await memberPost(writer.cookie, {
      body: `${SECRET_TEXT}(アプリから)`,
      announcementId,
    });
    expect(posted.status).toBe(302);
    await runPendingJobs();
    const thread = await threadOf(writer.membershipId);
    expect(
      (
        await threadAction(owner.cookie, thread.id, {
          intent: 'answer',
          body: '承知しました。後方ブロックに変更します。',
        })
      ).status,
    ).toBe(302);
    await runPendingJobs();

    const sent = sentSince();
    const recipients = new Set(sent.map((m) => m.to));
    for (const other of others) expect(recipients.has(other.email)).toBe(false);
    expect([...recipients].sort()).toEqual([
      'editor@relay-inbox.example',
      'owner@relay-inbox.example',
      'writer@example.com',
    ]);

    for (const other of others) {
      const pages = [
        await memberPage(other.cookie),
        await callRoute(
          announcementRoute.loader,
          getRequest(`/e/${event.slug}/a/${announcementId}`, { cookie: other.cookie }),
          { slug: event.slug, announcementId },
        ),
        await callRoute(
          memberHomeRoute.loader,
          getRequest(`/e/${event.slug}`, { cookie: other.cookie }),
          { slug: event.slug },
        ),
      ];
      for (const page of pages) {
        expect(page.status).toBe(200);
        const text = await page.text();
        expect(text).not.toContain('スタート位置');
        expect(text).not.toContain('後方ブロック');
        expect(text).not.toContain('writer@example.com');
      }
      expect(await jsonOf(await memberPage(other.cookie))).toMatchObject({ messages: [] });
    }

    // The writer sees their own messages and the office's answer, and nothing of the staff.
    const own = await memberPage(writer.cookie);
    const ownData = await jsonOf<{
      messages: { fromMe: boolean; body: string; announcement: { title: string } | null }[];
    }>(own);
    expect(ownData.messages.map((m) => [m.fromMe, m.body])).toEqual([
      [true, SECRET_TEXT],
      [true, `${SECRET_TEXT}(アプリから)`],
      [false, '承知しました。後方ブロックに変更します。'],
    ]);
    expect(ownData.messages[1].announcement?.title).toBe('コース変更のお知らせ');
    const ownText = JSON.stringify(ownData);
    for (const address of STAFF_ADDRESSES) expect(ownText).not.toContain(address);
    expect(ownText).not.toContain(owner.userId);
  });
});

describe('writing from the app', () => {
  it('from the announcement page adds to the member’s one thread and tells staff by alias only', async () => {
    const runner = await member('in-app@example.com');
    const announcementId = await createDraft(
      owner.cookie,
      event.slug,
      draftFields(event.channelIds.official),
    );
    const snapshotId = await freeze(owner.cookie, event.slug, announcementId);
    await sendAsShown(owner.cookie, event.slug, announcementId, snapshotId);
    await runPendingJobs();

    sentBefore = fake.received.length;
    // The form on the announcement page posts without an intent.
    const posted = await memberPost(runner.cookie, {
      body: '給水所は何か所ありますか? 友人 pal@example.net も知りたいそうです。',
      announcementId,
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('Location')).toBe(`/e/${event.slug}/messages?sent=1`);
    await deliver({ from: runner.email, to: runner.relay, text: 'メールでも追加で質問します。' });

    const stored = await messagesOf(runner.membershipId);
    expect(stored.map((m) => [m.source, m.body])).toEqual([
      ['web', `給水所は何か所ありますか? 友人 ${ADDRESS_PLACEHOLDER.ja} も知りたいそうです。`],
      ['email', 'メールでも追加で質問します。'],
    ]);
    expect(stored[0].announcementId).toBe(announcementId);
    const notices = sentSince();
    expect(notices.map((m) => m.to).sort()).toEqual([
      'editor@relay-inbox.example',
      'editor@relay-inbox.example',
      'owner@relay-inbox.example',
      'owner@relay-inbox.example',
    ]);
    for (const notice of notices) {
      expect(allButRecipient(notice)).not.toContain(runner.email);
      expect(allButRecipient(notice)).not.toContain('pal@example.net');
    }
  });

  it('is refused for an empty message, and for anyone who is not an active member', async () => {
    const runner = await member('in-app-empty@example.com');
    expect((await memberPost(runner.cookie, { body: '   ' })).status).toBe(400);
    expect((await memberPost(viewer.cookie, { body: 'スタッフが会員ページに書く' })).status).toBe(
      404,
    );
    expect(await messagesOf(runner.membershipId)).toEqual([]);
  });
});

describe('thread handling', () => {
  it('tracks unread on both sides, assignment and open/closed; a new member message reopens a closed thread', async () => {
    const runner = await member('handling@example.com');
    await deliver({ from: runner.email, to: runner.relay, text: '最初の質問' });
    const thread = await threadOf(runner.membershipId);
    expect(thread.unreadByStaff).toBe(true);

    const dashboard = await jsonOf<{ inbox: { unread: number } }>(
      await callRoute(
        dashboardRoute.loader,
        getRequest(`/staff/${event.slug}`, { cookie: viewer.cookie }),
        { slug: event.slug },
      ),
    );
    expect(dashboard.inbox.unread).toBeGreaterThanOrEqual(1);

    // Opening the page (a GET) changes nothing; the page's own POST marks it read.
    await threadPage(owner.cookie, thread.id);
    expect((await threadOf(runner.membershipId)).unreadByStaff).toBe(true);
    await threadAction(owner.cookie, thread.id, { intent: 'markRead' });
    expect((await threadOf(runner.membershipId)).unreadByStaff).toBe(false);

    expect(
      (await threadAction(editor.cookie, thread.id, { intent: 'assign', userId: owner.userId }))
        .status,
    ).toBe(302);
    expect(
      (await threadAction(editor.cookie, thread.id, { intent: 'assign', userId: viewer.userId }))
        .status,
    ).toBe(404);
    const mine = await jsonOf<{ threads: { id: string }[] }>(
      await callRoute(
        inboxRoute.loader,
        getRequest(`/staff/${event.slug}/inbox?show=mine`, { cookie: owner.cookie }),
        { slug: event.slug },
      ),
    );
    expect(mine.threads.map((t) => t.id)).toContain(thread.id);

    await threadAction(owner.cookie, thread.id, { intent: 'answer', body: '回答です' });
    await runPendingJobs();
    const home = await jsonOf<{ hasNewAnswer: boolean }>(
      await callRoute(
        memberHomeRoute.loader,
        getRequest(`/e/${event.slug}`, { cookie: runner.cookie }),
        { slug: event.slug },
      ),
    );
    expect(home.hasNewAnswer).toBe(true);
    await memberPost(runner.cookie, { intent: 'markRead' });
    expect((await threadOf(runner.membershipId)).unreadByMember).toBe(false);

    await threadAction(owner.cookie, thread.id, { intent: 'status', status: 'closed' });
    expect((await threadOf(runner.membershipId)).status).toBe('closed');
    await deliver({ from: runner.email, to: runner.relay, text: '追加の質問' });
    expect(await threadOf(runner.membershipId)).toMatchObject({
      status: 'open',
      unreadByStaff: true,
    });
  });
});

describe('attachments for staff', () => {
  it('are served to the event’s staff only, with the proven type, never cached or sniffed', async () => {
    const runner = await member('files@example.com');
    await deliver({
      from: runner.email,
      to: runner.relay,
      text: '写真を添付します',
      attachments: [{ filename: 'ゼッケン.png', content_type: 'image/png', bytes: PNG_BYTES }],
    });
    const thread = await threadOf(runner.membershipId);
    const page = await jsonOf<{ thread: { messages: { attachments: { id: string }[] }[] } }>(
      await threadPage(viewer.cookie, thread.id),
    );
    const fileId = page.thread.messages[0].attachments[0].id;
    const get = (cookie: string, slug = event.slug) =>
      callRoute(
        fileRoute.loader,
        getRequest(`/staff/${slug}/inbox/${thread.id}/files/${fileId}`, { cookie }),
        {
          slug,
          threadId: thread.id,
          attachmentId: fileId,
        },
      );
    const served = await get(viewer.cookie);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/png');
    expect(served.headers.get('Cache-Control')).toBe('private, no-store');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_BYTES);
    expect((await get(stranger.cookie)).status).toBe(404);
    expect((await get(stranger.cookie, otherEvent.slug)).status).toBe(404);
    expect((await get(runner.cookie)).status).toBe(404);
  });
});
