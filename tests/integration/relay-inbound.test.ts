/**
 * Inbound replies through the relay (SPEC P6), end to end: signed `email.received` webhooks
 * as Resend sends them → POST /webhooks/resend → the job → `resend.emails.receiving.get(id)`
 * against the fake Resend API → the organizer inbox.
 *
 * The fake must be running and the variables set before any app module loads, so app modules
 * are imported dynamically below.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  relayAttachments,
  relayInbound,
  relayMessages,
  relayThreads,
  webhookEvents,
} from '~db/schema';
import { ADDRESS_PLACEHOLDER } from '~/modules/relay/reply-cleaning.server';
import { startFakeResend } from '../support/fake-resend';
import {
  newWebhookSecret,
  PDF_BYTES,
  PNG_BYTES,
  receive,
  signedWebhookRequest,
  type SignedOptions,
} from '../support/relay-webhooks';

const fake = await startFakeResend();
const SECRET = newWebhookSecret();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;
process.env.RESEND_WEBHOOK_SECRET = SECRET;
process.env.RELAY_ATTACHMENT_MAX_BYTES = String(64 * 1024);

const webhookRoute = await import('~/routes/webhooks.resend');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { db } = await import('~/modules/database/database.server');
const { ensureRelayAddresses, revokeRelayAddress } =
  await import('~/modules/relay/relay-address.server');
const { attachmentStorage } = await import('~/modules/relay/relay-attachments.server');
const { seedEvent, addStaff, addMember } = await import('../support/announcement-fixtures');
const { callRoute } = await import('../support/requests');

afterAll(() => fake.close());

// Seeded while the file loads, so the app is started here, on the variables set above.
await (await import('../support/app')).startTestApp();

const event = await seedEvent('relay-inbound');
await addStaff(event, 'owner@relay-inbound.example', 'owner');
await addStaff(event, 'editor@relay-inbound.example', 'editor', 'en');
await addStaff(event, 'viewer@relay-inbound.example', 'viewer');

async function memberWithAddress(email: string, locale: 'ja' | 'en' = 'ja') {
  const member = await addMember(event, { email, locale });
  const relay = (await ensureRelayAddresses([member.membershipId])).get(member.membershipId)!;
  return { ...member, email, relay };
}

function post(event: unknown, options: Partial<SignedOptions> = {}) {
  return callRoute(
    webhookRoute.action,
    signedWebhookRequest(event, { secret: SECRET, ...options }),
  );
}

/** Sends a reply as Resend would deliver it and runs the queued work (fetch, store, mail). */
async function deliver(mail: Parameters<typeof receive>[1], options: Partial<SignedOptions> = {}) {
  const { emailId, event: webhook } = receive(fake, mail);
  const response = await post(webhook, options);
  await runPendingJobs();
  return { emailId, response };
}

async function tableCounts() {
  const [threads] = await db.select({ n: count() }).from(relayThreads);
  const [messages] = await db.select({ n: count() }).from(relayMessages);
  const [files] = await db.select({ n: count() }).from(relayAttachments);
  const [inbound] = await db.select({ n: count() }).from(relayInbound);
  const [webhooks] = await db.select({ n: count() }).from(webhookEvents);
  return {
    threads: threads.n,
    messages: messages.n,
    files: files.n,
    inbound: inbound.n,
    webhooks: webhooks.n,
  };
}

async function messagesOf(membershipId: string) {
  return db
    .select({
      body: relayMessages.body,
      source: relayMessages.source,
      direction: relayMessages.direction,
      held: relayMessages.held,
      holdReason: relayMessages.holdReason,
      heldSenderMasked: relayMessages.heldSenderMasked,
      notes: relayMessages.notes,
      id: relayMessages.id,
    })
    .from(relayMessages)
    .innerJoin(relayThreads, eq(relayThreads.id, relayMessages.threadId))
    .where(eq(relayThreads.membershipId, membershipId))
    .orderBy(relayMessages.createdAt);
}

async function inboundStatus(emailId: string) {
  const [row] = await db
    .select()
    .from(relayInbound)
    .where(eq(relayInbound.providerEmailId, emailId));
  return row;
}

let sentBefore = 0;
beforeEach(async () => {
  await runPendingJobs();
  sentBefore = fake.received.length;
});
const sentSince = () => fake.received.slice(sentBefore);

describe('a reply to a member’s relay address', () => {
  it('lands in that member’s thread, by alias, and each editor and owner is told — not the viewer, not other members', async () => {
    const runner = await memberWithAddress('runner-a@example.com');
    const other = await memberWithAddress('runner-b@example.com');
    const { emailId, response } = await deliver({
      from: 'Runner A <runner-a@example.com>',
      to: runner.relay,
      text: '給水所の場所を教えてください。',
    });
    expect(response.status).toBe(200);
    expect((await inboundStatus(emailId)).status).toBe('accepted');

    const stored = await messagesOf(runner.membershipId);
    expect(stored).toMatchObject([
      {
        body: '給水所の場所を教えてください。',
        source: 'email',
        direction: 'member_to_staff',
        held: false,
      },
    ]);
    expect(await messagesOf(other.membershipId)).toEqual([]);

    const sent = sentSince();
    expect(sent.map((m) => m.to).sort()).toEqual([
      'editor@relay-inbound.example',
      'owner@relay-inbound.example',
    ]);
    for (const notice of sent) {
      expect(notice.replyTo).toMatch(/^reply\+s[a-z2-7]{32}@relay\.startline\.local$/);
      expect(notice.headers['Auto-Submitted']).toBe('auto-generated');
      expect(notice.text).toContain('給水所の場所を教えてください。');
      // No member address anywhere: not the runner's own, not their relay address.
      const { to: _to, ...rest } = notice;
      const whole = JSON.stringify(rest);
      expect(whole).not.toContain('runner-a@example.com');
      expect(whole).not.toContain(runner.relay);
      expect(whole).not.toContain('runner-b@example.com');
    }
    const ja = sent.find((m) => m.to === 'owner@relay-inbound.example')!;
    expect(ja.subject).toContain(`ランナー #${runner.aliasNumber}`);
    const en = sent.find((m) => m.to === 'editor@relay-inbound.example')!;
    expect(en.subject).toContain(`Runner #${runner.aliasNumber}`);
  });

  it('is accepted under the svix- header names too', async () => {
    const runner = await memberWithAddress('runner-svix@example.com');
    await deliver(
      { from: 'runner-svix@example.com', to: runner.relay, text: 'svix でも届きますか?' },
      { headerNames: 'svix' },
    );
    expect(await messagesOf(runner.membershipId)).toMatchObject([{ body: 'svix でも届きますか?' }]);
  });

  it('goes into the same thread as the member’s earlier messages', async () => {
    const runner = await memberWithAddress('runner-twice@example.com');
    await deliver({ from: 'runner-twice@example.com', to: runner.relay, text: '一通目' });
    await deliver({ from: 'runner-twice@example.com', to: runner.relay, text: '二通目' });
    const threads = await db
      .select()
      .from(relayThreads)
      .where(eq(relayThreads.membershipId, runner.membershipId));
    expect(threads).toHaveLength(1);
    expect((await messagesOf(runner.membershipId)).map((m) => m.body)).toEqual([
      '一通目',
      '二通目',
    ]);
  });
});

describe('webhooks that are not Resend’s own are refused with 401 and leave nothing behind', () => {
  const cases: [string, Partial<SignedOptions>][] = [
    ['a tampered body', { tamper: (body) => body.replace('email.received', 'email.received ') }],
    ['a wrong secret', { signWith: newWebhookSecret() }],
    ['a timestamp 10 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['no signature', { omitSignature: true }],
  ];
  it.each(cases)('%s', async (_name, options) => {
    const runner = await memberWithAddress(
      `runner-401-${Math.random().toString(36).slice(2)}@example.com`,
    );
    const before = await tableCounts();
    const { response } = await deliver(
      { from: runner.email, to: runner.relay, text: '偽物' },
      options,
    );
    expect(response.status).toBe(401);
    expect(await tableCounts()).toEqual(before);
    expect(sentSince()).toEqual([]);
  });
});

describe('mail for an address that is not live is rejected and nothing is kept', () => {
  it('an unknown token', async () => {
    const before = await tableCounts();
    const { emailId, response } = await deliver({
      from: 'someone@example.com',
      to: 'reply+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@relay.startline.local',
      text: 'こんにちは',
    });
    expect(response.status).toBe(200);
    const after = await tableCounts();
    expect({ threads: after.threads, messages: after.messages, files: after.files }).toEqual({
      threads: before.threads,
      messages: before.messages,
      files: before.files,
    });
    expect(await inboundStatus(emailId)).toMatchObject({
      status: 'rejected',
      reason: 'unknown_token',
      messageId: null,
    });
    expect(sentSince()).toEqual([]);
  });

  it('a revoked token, even from the member’s own address', async () => {
    const runner = await memberWithAddress('runner-revoked@example.com');
    const fresh = await revokeRelayAddress(runner.membershipId);
    expect(fresh).not.toBe(runner.relay);
    const { emailId } = await deliver({
      from: runner.email,
      to: runner.relay,
      text: '古いアドレスへの返信',
    });
    expect(await messagesOf(runner.membershipId)).toEqual([]);
    expect((await inboundStatus(emailId)).status).toBe('rejected');
    expect(sentSince()).toEqual([]);

    await deliver({ from: runner.email, to: fresh, text: '新しいアドレスへの返信' });
    expect((await messagesOf(runner.membershipId)).map((m) => m.body)).toEqual([
      '新しいアドレスへの返信',
    ]);
  });

  it('the address of a member who has left', async () => {
    const runner = await memberWithAddress('runner-left@example.com');
    const { memberships } = await import('~db/schema');
    await db
      .update(memberships)
      .set({ status: 'left' })
      .where(eq(memberships.id, runner.membershipId));
    const { emailId } = await deliver({
      from: runner.email,
      to: runner.relay,
      text: '退会後の返信',
    });
    expect(await messagesOf(runner.membershipId)).toEqual([]);
    expect((await inboundStatus(emailId)).status).toBe('rejected');
    expect(sentSince()).toEqual([]);
  });
});

describe('the same mail twice', () => {
  it('is processed once when Resend repeats the webhook id', async () => {
    const runner = await memberWithAddress('runner-repeat@example.com');
    const { event: webhook } = receive(fake, {
      from: runner.email,
      to: runner.relay,
      text: '一度だけ',
    });
    const first = await post(webhook, { webhookId: 'msg_repeat_1' });
    const second = await post(webhook, { webhookId: 'msg_repeat_1' });
    expect([first.status, second.status]).toEqual([200, 200]);
    await runPendingJobs();
    expect(await messagesOf(runner.membershipId)).toHaveLength(1);
    expect(sentSince()).toHaveLength(2); // owner and editor, once each
  });

  it('is processed once when the same email arrives under another webhook id', async () => {
    const runner = await memberWithAddress('runner-repeat2@example.com');
    const { event: webhook } = receive(fake, {
      from: runner.email,
      to: runner.relay,
      text: '別の配信 ID でも一度だけ',
    });
    await post(webhook);
    await post(webhook);
    await runPendingJobs();
    expect(await messagesOf(runner.membershipId)).toHaveLength(1);
  });
});

describe('mail no person wrote creates nothing and sends nothing (no loops)', () => {
  const automated: [string, Partial<Parameters<typeof receive>[1]>][] = [
    [
      'an out-of-office reply (Auto-Submitted: auto-replied)',
      {
        subject: 'Out of office: Re: コース変更',
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: 'I am away until Monday.',
      },
    ],
    [
      'a bounce from MAILER-DAEMON with an empty return path',
      {
        from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>',
        subject: 'Undelivered Mail Returned to Sender',
        headers: {
          'Return-Path': '<>',
          'Content-Type': 'multipart/report; report-type=delivery-status',
        },
        text: 'The following address failed',
      },
    ],
    ['list mail (Precedence: bulk)', { headers: { Precedence: 'bulk' }, text: 'Weekly digest' }],
    [
      'a mailing list post (List-Id)',
      { headers: { 'List-Id': '<runners.lists.example.com>' }, text: 'To all' },
    ],
    [
      'a Japanese auto-response without headers',
      { subject: '自動応答: Re: コース変更', text: '不在にしております。' },
    ],
    ['an X-Autoreply message', { headers: { 'X-Autoreply': 'yes' }, text: 'Thanks for your mail' }],
  ];
  it.each(automated)('%s', async (_name, extra) => {
    const runner = await memberWithAddress(
      `runner-auto-${Math.random().toString(36).slice(2)}@example.com`,
    );
    const { emailId } = await deliver({
      from: runner.email,
      to: runner.relay,
      text: 'x',
      ...extra,
    });
    expect(await messagesOf(runner.membershipId)).toEqual([]);
    expect((await inboundStatus(emailId)).status).toBe('dropped');
    expect(sentSince()).toEqual([]);
  });

  it('but a message that says Auto-Submitted: no is a person’s', async () => {
    const runner = await memberWithAddress('runner-autono@example.com');
    await deliver({
      from: runner.email,
      to: runner.relay,
      text: '普通の返信です',
      headers: { 'Auto-Submitted': 'no' },
    });
    expect(await messagesOf(runner.membershipId)).toHaveLength(1);
  });
});

describe('what is stored of a reply', () => {
  it('has no quoted announcement and no address but the sender’s own', async () => {
    const runner = await memberWithAddress('runner-quote@example.com');
    await deliver({
      from: 'Runner Quote <runner-quote@example.com>',
      to: runner.relay,
      text: [
        '友人の friend@example.org も出走します。同じウェーブにできますか?',
        '連絡は runner-quote@example.com までお願いします。',
        '',
        `2027年3月1日(月) 10:00 テストマラソン実行委員会 <${runner.relay}>:`,
        '> 【コース変更のお知らせ】5km地点の給水所が変わります。',
        '> このメールに返信すると、大会事務局だけに届きます。',
      ].join('\n'),
    });
    const [stored] = await messagesOf(runner.membershipId);
    expect(stored.body).toBe(
      `友人の ${ADDRESS_PLACEHOLDER.ja} も出走します。同じウェーブにできますか?\n連絡は runner-quote@example.com までお願いします。`,
    );
    expect(stored.body).not.toContain('給水所');
    expect(stored.body).not.toContain('friend@example.org');
    expect(stored.body).not.toContain(runner.relay);
    expect(stored.notes).toEqual([{ kind: 'addresses_removed', count: 1 }]);
  });

  it('is dropped when nothing is left once the quote is cut', async () => {
    const runner = await memberWithAddress('runner-empty@example.com');
    const { emailId } = await deliver({
      from: runner.email,
      to: runner.relay,
      text: `On Mon, Mar 1, 2027 at 10:00 Office <${runner.relay}> wrote:\n> 給水所が変わります。`,
    });
    expect(await messagesOf(runner.membershipId)).toEqual([]);
    expect(await inboundStatus(emailId)).toMatchObject({ status: 'dropped', reason: 'empty' });
    expect(sentSince()).toEqual([]);
  });
});

describe('a reply from an address that is not the member’s', () => {
  it('is held for staff review: stored with a masked sender, nobody notified', async () => {
    const runner = await memberWithAddress('runner-held@example.com');
    const { emailId } = await deliver({
      from: 'Forwarded <someone.else@another.example>',
      to: runner.relay,
      text: 'someone.else@another.example から転送されたメールです',
    });
    expect(await inboundStatus(emailId)).toMatchObject({
      status: 'held',
      reason: 'sender_mismatch',
    });
    const [held] = await messagesOf(runner.membershipId);
    expect(held).toMatchObject({
      held: true,
      holdReason: 'sender_mismatch',
      heldSenderMasked: 's***@a***.example',
    });
    // Nothing the sender wrote keeps an address (the sender's own is not the member's).
    expect(held.body).not.toContain('someone.else@another.example');
    expect(sentSince()).toEqual([]);
  });

  it('is held when the receiving side recorded a DMARC failure, even with the member’s From', async () => {
    const runner = await memberWithAddress('runner-spoofed@example.com');
    await deliver({
      from: runner.email,
      to: runner.relay,
      text: 'なりすまし',
      headers: {
        'Authentication-Results':
          'mx.resend.com; spf=fail; dkim=none; dmarc=fail header.from=example.com',
      },
    });
    expect(await messagesOf(runner.membershipId)).toMatchObject([
      { held: true, holdReason: 'unauthenticated' },
    ]);
    expect(sentSince()).toEqual([]);
  });
});

describe('rate limits', () => {
  it('drops mail to one address beyond 20 an hour', async () => {
    const runner = await memberWithAddress('runner-flood@example.com');
    for (let i = 0; i < 21; i += 1) {
      const { event: webhook } = receive(fake, {
        from: runner.email,
        to: runner.relay,
        text: `メッセージ ${i + 1}`,
      });
      await post(webhook);
    }
    await runPendingJobs();
    expect(await messagesOf(runner.membershipId)).toHaveLength(20);
    const statuses = await db
      .select({ reason: relayInbound.reason })
      .from(relayInbound)
      .where(eq(relayInbound.reason, 'rate_limited'));
    expect(statuses.length).toBeGreaterThanOrEqual(1);
  });
});

describe("rate limits for someone else writing to a member's address", () => {
  it("holds a stranger's flood in a bucket of its own, so the member can still reply", async () => {
    const runner = await memberWithAddress('runner-flooded@example.com');
    for (let i = 0; i < 21; i += 1) {
      const { event: webhook } = receive(fake, {
        from: 'flooder@elsewhere.example',
        to: runner.relay,
        text: `宣伝 ${i + 1}`,
      });
      await post(webhook);
    }
    await runPendingJobs();
    const { event: own } = receive(fake, {
      from: runner.email,
      to: runner.relay,
      text: '当日の荷物預けについて教えてください。',
    });
    await post(own);
    await runPendingJobs();
    const bodies = (await messagesOf(runner.membershipId)).map((m) => m.body);
    expect(bodies).toContain('当日の荷物預けについて教えてください。');
    // The stranger's 21st message was dropped, not held.
    expect(bodies.filter((b) => b.startsWith('宣伝'))).toHaveLength(20);
  });
});

describe('attachments', () => {
  it('keeps images and PDF by their signature, drops anything else with a note in the thread', async () => {
    const runner = await memberWithAddress('runner-files@example.com');
    const big = new Uint8Array(100 * 1024);
    big.set(PNG_BYTES);
    await deliver({
      from: runner.email,
      to: runner.relay,
      text: 'ゼッケンの写真と診断書を送ります。',
      attachments: [
        { filename: 'bib.png', content_type: 'image/png', bytes: PNG_BYTES },
        { filename: '診断書.pdf', content_type: 'application/pdf', bytes: PDF_BYTES },
        {
          filename: 'tool.exe',
          content_type: 'application/octet-stream',
          bytes: new Uint8Array([0x4d, 0x5a, 0, 0]),
        },
        {
          filename: 'fake.png',
          content_type: 'image/png',
          bytes: new TextEncoder().encode('<script>alert(1)</script>'),
        },
        { filename: 'huge.png', content_type: 'image/png', bytes: big },
      ],
    });
    const [stored] = await messagesOf(runner.membershipId);
    const files = await db
      .select({
        fileName: relayAttachments.fileName,
        contentType: relayAttachments.contentType,
        key: relayAttachments.storageKey,
      })
      .from(relayAttachments)
      .where(eq(relayAttachments.messageId, stored.id));
    expect(files.map((f) => [f.fileName, f.contentType]).sort()).toEqual([
      ['bib.png', 'image/png'],
      ['診断書.pdf', 'application/pdf'],
    ]);
    for (const file of files) {
      expect(file.key).not.toContain('bib');
      expect(await attachmentStorage.size(file.key)).toBeGreaterThan(0);
    }
    expect(stored.notes).toEqual([
      { kind: 'attachment_dropped', fileName: 'tool.exe', reason: 'type' },
      { kind: 'attachment_dropped', fileName: 'fake.png', reason: 'type' },
      { kind: 'attachment_dropped', fileName: 'huge.png', reason: 'size' },
    ]);
  });
});
