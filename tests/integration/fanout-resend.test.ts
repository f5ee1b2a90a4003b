/**
 * The fan-out against the fake Resend API, through the real SDK: 429 with Retry-After and
 * intermittent 500s still deliver every email exactly once, at no more than the configured
 * rate, in batch calls of up to 100 single-recipient emails; one invalid address does not
 * fail its batch-mates. App modules are imported after the environment points at the fake.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend } from '../support/fake-resend';

const fake = await startFakeResend();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;

const { env } = await import('~/env.server');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { deliveryCounts } = await import('~/modules/delivery/delivery-status.server');
const { db } = await import('~/modules/database/database.server');
const { sql } = await import('drizzle-orm');
const { addManyMembers, addStaff, seedEvent } = await import('../support/announcement-fixtures');
const { createDraft, draftFields, freeze, sendAsShown } =
  await import('../support/announcement-flow');

afterAll(() => fake.close());

function perAddress() {
  const counts = new Map<string, number>();
  for (const email of fake.received) counts.set(email.to, (counts.get(email.to) ?? 0) + 1);
  return counts;
}

describe('fan-out through the Resend batch API', () => {
  it('delivers everything exactly once through 429s and 500s, never faster than the rate', async () => {
    const RATE = 10;
    env.MAIL_RATE_PER_SECOND = RATE;
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-fr1@office.example', 'owner');
    const addresses = await addManyMembers(event, 1_000, 'fr1');
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    expect(
      (await sendAsShown(owner.cookie, event.slug, id, await freeze(owner.cookie, event.slug, id)))
        .status,
    ).toBe(302);

    fake.failNext(1, { status: 429, retryAfter: 1 });
    fake.failNext(1, { status: 500 });
    const start = fake.requestLog.length;
    // More trouble halfway through: another 500 and another 429.
    const injector = setInterval(() => {
      if (fake.requestLog.length === start + 7) {
        fake.failNext(1, { status: 500 });
        fake.failNext(1, { status: 429, retryAfter: 1 });
        clearInterval(injector);
      }
    }, 5);
    await runPendingJobs();
    clearInterval(injector);

    const counts = perAddress();
    expect(addresses.filter((a) => counts.get(a) !== 1)).toEqual([]);
    expect(fake.received.filter((e) => e.to.endsWith('@bulk.example'))).toHaveLength(1_000);
    expect(await deliveryCounts(id)).toMatchObject({
      total: 1_000,
      sent: 1_000,
      pending: 0,
      failed: 0,
    });

    const log = fake.requestLog.slice(start);
    expect(log.filter((r) => r.status === 429)).toHaveLength(2);
    expect(log.filter((r) => r.status === 500)).toHaveLength(2);
    expect(log.every((r) => r.path === '/emails/batch' && r.idempotencyKey)).toBe(true);
    // At most RATE requests in any one-second window (one extra for timer jitter at the edges).
    for (const request of log) {
      const inWindow = log.filter((r) => r.at >= request.at && r.at < request.at + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(RATE + 1);
    }
    // Retry-After is honoured by every worker: nothing is sent during the pause.
    for (const [index, request] of log.entries()) {
      if (request.status !== 429) continue;
      const next = log[index + 1];
      expect(next.at - request.at).toBeGreaterThanOrEqual(950);
    }
  });

  it('fails only the invalid address of a batch, and sends its batch-mates', async () => {
    env.MAIL_RATE_PER_SECOND = 100;
    const event = await seedEvent();
    const owner = await addStaff(event, 'owner-fr2@office.example', 'owner');
    const addresses = await addManyMembers(event, 5, 'fr2');
    // An address the provider refuses (a bad import), in the same batch as good ones.
    await db.execute(sql`UPDATE users SET email = 'not an address' WHERE email = ${addresses[2]}`);
    const id = await createDraft(owner.cookie, event.slug, draftFields(event.channelIds.official));
    expect(
      (await sendAsShown(owner.cookie, event.slug, id, await freeze(owner.cookie, event.slug, id)))
        .status,
    ).toBe(302);
    await runPendingJobs();
    const counts = perAddress();
    expect(addresses.filter((a, i) => i !== 2 && counts.get(a) === 1)).toHaveLength(4);
    expect(await deliveryCounts(id)).toMatchObject({ total: 5, sent: 4, failed: 1, pending: 0 });
  });
});
