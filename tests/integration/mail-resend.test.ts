/**
 * The Resend transport, driven through the real `resend` SDK against the fake Resend API.
 *
 * The SDK reads RESEND_BASE_URL when the client is built and app/env.server.ts parses the
 * environment at its first use, so the fake must be running and the variables set
 * before any app module loads: app modules are imported dynamically below, never statically
 * (static imports are hoisted above this code).
 */
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, describe, expect, it } from 'vitest';
import { outboundEmails } from '~db/schema';
import { startFakeResend } from '../support/fake-resend';

const fake = await startFakeResend();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;

const { sendEmail } = await import('~/modules/mail/send-email.server');
const { mailTransportKind, sendToProvider } = await import('~/modules/mail/mail-provider.server');
const { pauseSending } = await import('~/modules/mail/mail-pacing.server');
const { MAIL_MAX_ATTEMPTS } = await import('~/modules/mail/mail-dispatcher.server');
const { env } = await import('~/env.server');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { database, db } = await import('~/modules/database/database.server');
const signInRoute = await import('~/routes/sign-in');
const { callRoute, formRequest, testContext } = await import('../support/requests');
const { createUser } = await import('../support/auth');
const { expectConsoleError } = await import('../setup/console');

afterAll(() => fake.close());

async function outbound(id: string) {
  const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  return row;
}

/** Lets time pass: batches waiting out their retry backoff (or a 429) become due now. */
async function makeRetriesDue() {
  await database.executeSql(
    `UPDATE mail_batches SET next_attempt_at = now() WHERE status = 'sending'`,
  );
  await database.executeSql(`UPDATE delivery_pacing SET next_slot_at = now()`);
}

async function batchOf(id: string) {
  const { rows } = await database.executeSql(
    `SELECT b.status, b.attempts, b.last_error FROM mail_batches b
     JOIN outbound_emails o ON o.batch_id = b.id WHERE o.id = $1`,
    [id],
  );
  return rows[0] as { status: string; attempts: number; last_error: string | null };
}

function signInCodeEmail(to: string) {
  return sendEmail({
    to,
    template: 'sign-in-code',
    props: {
      locale: 'en',
      code: '12345678',
      signInUrl: 'http://localhost:3000/sign-in/code/x?code=12345678',
      expiresInMinutes: 15,
    },
  });
}

describe('the Resend transport (real SDK, fake API)', () => {
  it('is the transport in use when RESEND_API_KEY is set', () => {
    expect(mailTransportKind()).toBe('resend');
  });

  it('sends every email to exactly one recipient, with an HTML and a text part', async () => {
    await createUser('resend-runner@example.com', 'ja');
    const before = fake.received.length;
    const response = await callRoute(
      signInRoute.action,
      formRequest('/sign-in', { email: 'resend-runner@example.com' }),
      {},
      testContext({ clientIp: '198.51.100.20' }),
    );
    expect(response.status).toBe(302);
    await callRoute(
      signInRoute.action,
      formRequest(
        '/sign-in',
        { email: 'resend-nobody@example.com' },
        { headers: { 'Accept-Language': 'en' } },
      ),
      {},
      testContext({ clientIp: '198.51.100.21' }),
    );
    await runPendingJobs();

    const sent = fake.received.slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual([
      'resend-nobody@example.com',
      'resend-runner@example.com',
    ]);
    for (const message of sent) {
      expect(message.to).not.toMatch(/[,;]/);
      expect(message.html).toMatch(/<html[\s>]/i);
      expect(message.text?.trim().length).toBeGreaterThan(20);
      expect(message.text).not.toMatch(/<[a-z][^>]*>/i);
    }
    const ja = sent.find((m) => m.to === 'resend-runner@example.com')!;
    expect(ja.subject).toContain('ログイン確認コード');
    expect(ja.text).toMatch(/\b\d{8}\b/);
  });

  it('refuses more than one recipient before anything reaches the provider', async () => {
    const before = fake.requestCount();
    await expect(
      sendEmail({
        to: 'a@example.com, b@example.com',
        template: 'sign-in-code',
        props: { locale: 'ja', code: '1', signInUrl: 'http://x', expiresInMinutes: 15 },
      }),
    ).rejects.toThrow(/exactly one recipient/);
    await runPendingJobs();
    expect(fake.requestCount()).toBe(before);
  });

  it('sends the Idempotency-Key, so a resend after a lost acknowledgement delivers nothing twice', async () => {
    // The provider accepts the message but answers after the app stopped waiting.
    fake.setResponseDelay(800);
    env.MAIL_PROVIDER_TIMEOUT_MS = 200;
    const { id } = await signInCodeEmail('idem@example.com');
    await runPendingJobs();
    fake.setResponseDelay(0);
    env.MAIL_PROVIDER_TIMEOUT_MS = 20_000;
    const copies = () => fake.received.filter((m) => m.to === 'idem@example.com');
    expect(copies()).toHaveLength(1);
    expect((await outbound(id)).status).toBe('sending');
    for (let round = 0; round < 50 && (await outbound(id)).status === 'sending'; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await makeRetriesDue();
      await runPendingJobs();
    }
    expect(copies()).toHaveLength(1);
    expect(copies()[0].idempotencyKey).toMatch(/^startline-batch-/);
    expect((await outbound(id)).providerMessageId).toBe(copies()[0].id);
  });

  it('retries after a 500 and delivers exactly once', async () => {
    fake.failNext(1, { status: 500 });
    const { id } = await signInCodeEmail('flaky@example.com');
    await runPendingJobs();
    expect((await outbound(id)).status).toBe('sending');
    expect((await batchOf(id)).last_error).toContain('internal_server_error');
    expect(fake.received.filter((m) => m.to === 'flaky@example.com')).toHaveLength(0);

    await makeRetriesDue();
    await runPendingJobs();
    const second = await outbound(id);
    expect(second.status).toBe('sent');
    expect(second.lastError).toBeNull();

    await makeRetriesDue();
    await runPendingJobs();
    expect(fake.received.filter((m) => m.to === 'flaky@example.com')).toHaveLength(1);
  });

  it('marks a message failed once its tries are used up, and asks the provider no more', async () => {
    expectConsoleError();
    fake.failNext(MAIL_MAX_ATTEMPTS, { status: 500 });
    const { id } = await signInCodeEmail('down@example.com');
    for (let round = 0; round < 20 && (await outbound(id)).status !== 'failed'; round += 1) {
      await makeRetriesDue();
      await runPendingJobs();
    }
    const row = await outbound(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('internal_server_error');
    expect((await batchOf(id)).attempts).toBe(MAIL_MAX_ATTEMPTS);
    const requests = fake.requestCount();
    await makeRetriesDue();
    await runPendingJobs();
    expect(fake.requestCount()).toBe(requests);
    expect(fake.received.filter((m) => m.to === 'down@example.com')).toHaveLength(0);
  });

  it('marks a message the provider calls invalid (422) failed at once, without retrying', async () => {
    expectConsoleError();
    const { id } = await signInCodeEmail('valid@example.com');
    // An address the provider refuses (the app validates addresses before they get here).
    await db
      .update(outboundEmails)
      .set({ toAddress: 'not-an-address' })
      .where(eq(outboundEmails.id, id));
    const requests = fake.requestCount();
    await runPendingJobs();
    const row = await outbound(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('validation_error');
    await makeRetriesDue();
    await runPendingJobs();
    expect(fake.requestCount()).toBe(requests + 1);
  });

  it('treats a 429 from Resend as "try again later", not as a lost email', async () => {
    fake.failNext(1, { status: 429, retryAfter: 2 });
    const { id } = await signInCodeEmail('throttled@example.com');
    await runPendingJobs();
    expect((await outbound(id)).status).toBe('sending');
    expect((await batchOf(id)).last_error).toContain('rate_limit_exceeded');

    await makeRetriesDue();
    await runPendingJobs();
    expect((await outbound(id)).status).toBe('sent');
    expect(fake.received.filter((m) => m.to === 'throttled@example.com')).toHaveLength(1);
  });
});

describe('the send slot, taken once the request is built', () => {
  const email = {
    messageId: 'm-gate',
    to: 'gate@example.com',
    from: 'Startline <no-reply@startline.example>',
    replyTo: null,
    subject: 'gate',
    html: '<p>gate</p>',
    text: 'gate',
    headers: {},
  };

  it('sends its request only once the slot is there', async () => {
    const before = fake.requestLog.length;
    const outcome = await sendToProvider(
      [email, { ...email, to: 'gate2@example.com' }],
      'gate-order',
      {
        // While the batch waits for its slot, another request goes to the provider and is
        // answered: the batch arrives after it, whatever the network does with a head start.
        beforeRequest: async () => {
          await new Promise((next) => setImmediate(next));
          const marker = await new Resend('re_test_fake_key').emails.send(
            { from: email.from, to: 'marker@example.com', subject: 'marker', html: '<p>m</p>' },
            { idempotencyKey: 'gate-marker' },
          );
          expect(marker.error).toBeNull();
        },
      },
    );
    expect(outcome.kind).toBe('accepted');
    expect(fake.requestLog.slice(before).map((r) => r.idempotencyKey)).toEqual([
      'gate-marker',
      'gate-order',
    ]);
  });

  it('throws what went wrong while waiting for the slot (not a provider error) and sends nothing', async () => {
    const before = fake.requestLog.length;
    await expect(
      sendToProvider([email], 'gate-broken', {
        beforeRequest: () => Promise.reject(new Error('the database went away')),
      }),
    ).rejects.toThrow('the database went away');
    expect(fake.requestLog.length).toBe(before);
  });

  it('does not count the wait for a slot against the provider timeout', async () => {
    // A 429 pause of 1 s in front of a 300 ms timeout: the request is sent after the pause and
    // answered, not abandoned as a timeout and retried.
    env.MAIL_PROVIDER_TIMEOUT_MS = 300;
    try {
      await pauseSending(1);
      const { id } = await signInCodeEmail('after-pause@example.com');
      await runPendingJobs();
      expect((await outbound(id)).status).toBe('sent');
      expect(await batchOf(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    } finally {
      env.MAIL_PROVIDER_TIMEOUT_MS = 20_000;
    }
  });
});

describe('the fake Resend API itself', () => {
  const client = () => new Resend('re_test_fake_key');
  const email = {
    from: 'Startline <no-reply@startline.local>',
    subject: 'Hi',
    html: '<p>Hi</p>',
    text: 'Hi',
  };

  it('refuses an email with several recipients or with cc/bcc (422), as Startline never sends one', async () => {
    const before = fake.received.length;
    const several = await client().emails.send({
      ...email,
      to: ['a@example.com', 'b@example.com'],
    });
    expect(several.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    const cc = await client().emails.send({ ...email, to: 'a@example.com', cc: 'c@example.com' });
    expect(cc.error?.statusCode).toBe(422);
    const bcc = await client().emails.send({
      ...email,
      to: 'a@example.com',
      bcc: ['c@example.com'],
    });
    expect(bcc.error?.statusCode).toBe(422);
    expect(fake.received.length).toBe(before);
  });

  it('answers a batch with one id per email and replays it for the same Idempotency-Key', async () => {
    const batch = [
      { ...email, to: 'batch1@example.com' },
      { ...email, to: 'batch2@example.com' },
    ];
    const first = await client().batch.send(batch, { idempotencyKey: 'batch-1' });
    expect(first.error).toBeNull();
    expect(first.data?.data).toHaveLength(2);
    const again = await client().batch.send(batch, { idempotencyKey: 'batch-1' });
    expect(again.data).toEqual(first.data);
    expect(fake.received.filter((m) => m.to.startsWith('batch'))).toHaveLength(2);

    const changed = await client().batch.send(batch.slice(0, 1), { idempotencyKey: 'batch-1' });
    expect(changed.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
  });

  it('answers 429 with retry-after when told to, then recovers', async () => {
    fake.failNext(1, { status: 429, retryAfter: 7 });
    const limited = await client().emails.send({ ...email, to: 'limit@example.com' });
    expect(limited.error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(limited.headers?.['retry-after']).toBe('7');
    const ok = await client().emails.send({ ...email, to: 'limit@example.com' });
    expect(ok.data?.id).toBeTruthy();
  });

  it('serves registered inbound messages at GET /emails/receiving/:id', async () => {
    fake.inbound.set('in-1', {
      to: ['r-abc@relay.startline.local'],
      from: 'runner@example.com',
      subject: 'Re: hi',
      text: 'Thanks',
    });
    const found = await client().emails.receiving.get('in-1');
    expect(found.data).toMatchObject({
      object: 'email',
      id: 'in-1',
      subject: 'Re: hi',
      text: 'Thanks',
    });
    const missing = await client().emails.receiving.get('nope');
    expect(missing.error?.statusCode).toBe(404);
  });
});
