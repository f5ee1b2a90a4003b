/**
 * The relay and a member's rights (SPEC P6, P11): leaving rotates the member's relay address
 * (replies to old emails are rejected from then on), and deleting the account erases the
 * conversation with the organizers, stored files included.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { relayAttachments, relayInbound, relayMessages, relayThreads } from '~db/schema';
import { startFakeResend } from '../support/fake-resend';
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
const settingsRoute = await import('~/routes/e.$slug.settings');
const exportRoute = await import('~/routes/e.$slug.settings.export[.json]');
const threadRoute = await import('~/routes/staff.$slug.inbox.$threadId');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { db } = await import('~/modules/database/database.server');
const { ensureRelayAddresses, findRelayAddress, relayTokenOf } =
  await import('~/modules/relay/relay-address.server');
const { attachmentStorage } = await import('~/modules/relay/relay-attachments.server');
const { seedEvent, addStaff, addMember } = await import('../support/announcement-fixtures');
const { callRoute, formRequest, getRequest, jsonOf } = await import('../support/requests');

afterAll(() => fake.close());

// Seeded while the file loads, so the app is started here, on the variables set above.
await (await import('../support/app')).startTestApp();

const event = await seedEvent('relay-rights');
const owner = await addStaff(event, 'owner@relay-rights.example', 'owner');

async function deliver(mail: Parameters<typeof receive>[1]) {
  const { emailId, event: webhook } = receive(fake, mail);
  expect(
    (await callRoute(webhookRoute.action, signedWebhookRequest(webhook, { secret: SECRET })))
      .status,
  ).toBe(200);
  await runPendingJobs();
  const [row] = await db
    .select()
    .from(relayInbound)
    .where(eq(relayInbound.providerEmailId, emailId));
  return row;
}

function settings(cookie: string, fields: Record<string, string>) {
  return callRoute(
    settingsRoute.action,
    formRequest(`/e/${event.slug}/settings`, fields, { cookie }),
    { slug: event.slug },
  );
}

describe('leaving', () => {
  it('retires the member’s relay address: a reply to an old email is rejected and stores nothing', async () => {
    const runner = await addMember(event, { email: 'leaver@example.com' });
    const relay = (await ensureRelayAddresses([runner.membershipId])).get(runner.membershipId)!;
    expect((await deliver({ from: 'leaver@example.com', to: relay, text: '退会前' })).status).toBe(
      'accepted',
    );

    expect(await findRelayAddress(relayTokenOf(relay)!)).not.toBeNull();
    expect((await settings(runner.cookie, { intent: 'leave', confirm: 'yes' })).status).toBe(302);
    // Not only refused because the membership is gone: the token itself no longer resolves.
    expect(await findRelayAddress(relayTokenOf(relay)!)).toBeNull();
    const after = await deliver({
      from: 'leaver@example.com',
      to: relay,
      text: '退会後に古いメールへ返信',
    });
    expect(after).toMatchObject({ status: 'rejected', reason: 'unknown_token' });
    const bodies = await db
      .select({ body: relayMessages.body })
      .from(relayMessages)
      .innerJoin(relayThreads, eq(relayThreads.id, relayMessages.threadId))
      .where(eq(relayThreads.membershipId, runner.membershipId));
    expect(bodies.map((b) => b.body)).toEqual(['退会前']);
  });
});

describe('deleting the account', () => {
  it('erases the member’s thread, messages and stored files', async () => {
    const runner = await addMember(event, { email: 'deleter@example.com' });
    const relay = (await ensureRelayAddresses([runner.membershipId])).get(runner.membershipId)!;
    await deliver({
      from: 'deleter@example.com',
      to: relay,
      text: '写真を送ります',
      attachments: [{ filename: 'photo.png', content_type: 'image/png', bytes: PNG_BYTES }],
    });
    const [file] = await db.select({ key: relayAttachments.storageKey }).from(relayAttachments);
    expect(await attachmentStorage.size(file.key)).toBe(PNG_BYTES.byteLength);

    expect((await settings(runner.cookie, { intent: 'delete', confirm: 'yes' })).status).toBe(302);
    await runPendingJobs();

    const [threads] = await db
      .select({ n: count() })
      .from(relayThreads)
      .where(eq(relayThreads.membershipId, runner.membershipId));
    expect(threads.n).toBe(0);
    const [files] = await db.select({ n: count() }).from(relayAttachments);
    expect(files.n).toBe(0);
    expect(await attachmentStorage.size(file.key)).toBeNull();
  });
});

describe('the data export', () => {
  it('holds the member’s conversation with the office, without staff identity and without held mail', async () => {
    const runner = await addMember(event, { email: 'exporter@example.com' });
    const relay = (await ensureRelayAddresses([runner.membershipId])).get(runner.membershipId)!;
    await deliver({ from: 'exporter@example.com', to: relay, text: '記録に残したい質問' });
    await deliver({ from: 'not-me@example.com', to: relay, text: '他人からのメール' });
    const [thread] = await db
      .select()
      .from(relayThreads)
      .where(eq(relayThreads.membershipId, runner.membershipId));
    await callRoute(
      threadRoute.action,
      formRequest(
        `/staff/${event.slug}/inbox/${thread.id}`,
        { intent: 'answer', body: '事務局の回答' },
        { cookie: owner.cookie },
      ),
      { slug: event.slug, threadId: thread.id },
    );
    const response = await callRoute(
      exportRoute.loader,
      getRequest(`/e/${event.slug}/settings/export.json`, { cookie: runner.cookie }),
      { slug: event.slug },
    );
    const data = await jsonOf<{ messagesWithOrganizers: { from: string; body: string }[] }>(
      response,
    );
    expect(data.messagesWithOrganizers.map((m) => [m.from, m.body])).toEqual([
      ['me', '記録に残したい質問'],
      ['race office', '事務局の回答'],
    ]);
    const text = JSON.stringify(data.messagesWithOrganizers);
    expect(text).not.toContain('owner@relay-rights.example');
    expect(text).not.toContain(owner.userId);
  });
});
