/**
 * The one outbound pipeline against the fake Resend API, through the real SDK: priority lanes,
 * fairness between events, urgent sends, frozen payloads, errors and retries, scheduled sends.
 *
 * The fake must be running and the variables set before any app module loads, so app modules
 * are imported dynamically below (static imports are hoisted above this code).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeResend } from '../support/fake-resend';

const fake = await startFakeResend();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;

const schema = await import('~db/schema');
const { db } = await import('~/modules/database/database.server');
const { env } = await import('~/env.server');
const { drainOutbox, dispatchOnce, startMailSenders, stopMailSenders, MAIL_MAX_ATTEMPTS } =
  await import('~/modules/mail/mail-dispatcher.server');
const { sendEmail } = await import('~/modules/mail/send-email.server');
const { startInvitationWave } = await import('~/modules/invitations/invitation-delivery.server');
const { cancelScheduledSend } = await import('~/modules/announcements/send-announcement.server');
const { announceToChannel } = await import('../support/announce-to-channel');
const { deleteMyAccount } = await import('~/modules/membership/member-rights.server');
const { seedEvent, addStaff, addMember, addManyMembers } =
  await import('../support/announcement-fixtures');
const { generateId } = await import('~/modules/security/tokens.server');
const { tryTakeSendSlot, waitForSendSlot } = await import('~/modules/mail/mail-pacing.server');
const { recordQueries } = await import('../support/query-log');
const { selectRows } = await import('~/modules/database/rows.server');
const { parkedSenderCount } = await import('~/modules/mail/idle-senders.server');

type TestEvent = Awaited<ReturnType<typeof seedEvent>>;

env.MAIL_RATE_PER_SECOND = 1000;
env.BROADCAST_APPROVAL_THRESHOLD = 100_000;

// Hundreds of emails per test on a shared 2-core machine: generous limits, no fixed waits.
vi.setConfig({ testTimeout: 120_000 });

afterAll(() => fake.close());
afterEach(async () => {
  await stopMailSenders();
  fake.setResponseDelay(0);
  env.MAIL_RATE_PER_SECOND = 1000;
  env.MAIL_PROVIDER_TIMEOUT_MS = 20_000;
  env.MAIL_POLL_MS = 200;
});

async function until<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `count` pending invitations of one import, inserted set-based, and their wave queued. */
async function invitationWave(event: TestEvent, count: number, prefix: string) {
  const importId = generateId();
  await db.execute(sql`
    INSERT INTO invitations (id, event_id, email, name, bib, import_id, expires_at)
    SELECT ${importId} || '-' || g, ${event.id}, ${prefix} || '-' || g || '@invite.example', '', g::text,
      ${importId}, now() + interval '30 days'
    FROM generate_series(1, ${count}) g`);
  const ids = await startInvitationWave(importId);
  expect(ids).toHaveLength(count);
  return importId;
}

async function announce(
  event: TestEvent,
  owner: Awaited<ReturnType<typeof addStaff>>,
  options: { scheduledAt?: Date; urgent?: boolean } = {},
) {
  const staff = {
    user: { id: owner.userId, email: `owner@${event.slug}.example`, locale: 'ja' as const },
    event: { id: event.id, slug: event.slug, nameJa: '', nameEn: '' },
    role: 'owner' as const,
  };
  const id = await announceToChannel(staff, event.channelIds.official, {
    titleEn: 'Race day',
    bodyEn: 'Check-in opens at 7.',
    ...options,
  });
  return { id, staff };
}

function signInCode(to: string) {
  return sendEmail({
    to,
    template: 'sign-in-code',
    props: {
      locale: 'ja',
      code: '12345678',
      signInUrl: 'http://localhost:3000/sign-in/code/x?code=12345678',
      expiresInMinutes: 15,
    },
  });
}

async function outbound(id: string) {
  const [row] = await db
    .select()
    .from(schema.outboundEmails)
    .where(eq(schema.outboundEmails.id, id));
  return row;
}

async function makeRetriesDue() {
  await db.execute(sql`UPDATE mail_batches SET next_attempt_at = now() WHERE status = 'sending'`);
  await db.execute(sql`UPDATE delivery_pacing SET next_slot_at = now()`);
}

describe('priority lanes', () => {
  it('sends a sign-in code requested behind 5,000 queued invitations before the backlog drains', async () => {
    env.MAIL_RATE_PER_SECOND = 10;
    const event = await seedEvent();
    await invitationWave(event, 5_000, 'backlog');
    const invitationsArrived = () =>
      fake.received.filter((m) => m.to.endsWith('@invite.example') && m.to.startsWith('backlog-'))
        .length;
    // A process renders its first email with code it loads then (decision 090: the email
    // renderer is imported lazily), which holds the event loop for a moment while the other
    // loops keep sending. That once-per-process cost is not what is measured here: an earlier
    // sign-in has paid it before the runner asks.
    await signInCode('early-runner@example.com');
    startMailSenders(4);
    // The wave is under way when the runner asks for a code.
    await until(
      () => fake.received.some((m) => m.to === 'early-runner@example.com'),
      'the earlier sign-in code at the provider',
    );
    await until(() => invitationsArrived() >= 300, 'the wave to be under way');
    await signInCode('waiting-runner@example.com');
    // Requests are counted in the order they reached the fake API (their headers), not in the
    // order their bodies were read: here the senders, PGlite and the fake share one event loop,
    // and a 1.5 MB batch body can take over a second to be read in, while the ten or so
    // requests already on their way finish before it — a queue in this test's process, not an
    // invitation that went first.
    const requestsAtRequest = fake.requestLog.length;
    await until(
      () => fake.received.some((m) => m.to === 'waiting-runner@example.com'),
      'the sign-in code at the provider',
    );
    const before = invitationsArrived();
    await stopMailSenders();
    expect(before).toBeLessThan(5_000);
    const codeKey = fake.received.find(
      (m) => m.to === 'waiting-runner@example.com',
    )!.idempotencyKey;
    const codeRequest = fake.requestLog.findIndex((r) => r.idempotencyKey === codeKey);
    expect(codeRequest).toBeGreaterThanOrEqual(requestsAtRequest);
    // Only batches the four loops had claimed, or were claiming, when it was queued went ahead
    // of it: at most two per loop (and one being counted), not the backlog.
    expect(codeRequest - requestsAtRequest).toBeLessThanOrEqual(2 * 4 + 1);
    // Every request carried one recipient per email and at most 100 emails.
    expect(Math.max(...fake.requestLog.map((r) => r.emails ?? 0))).toBeLessThanOrEqual(100);
    // The rest of the wave still goes out, each address exactly once.
    await drainOutbox();
    const perAddress = new Map<string, number>();
    for (const m of fake.received.filter((m) => m.to.startsWith('backlog-'))) {
      perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    }
    expect(perAddress.size).toBe(5_000);
    expect(Math.max(...perAddress.values())).toBe(1);
  }, 120_000);
});

describe('idle sender loops', () => {
  it('poll with one loop while idle, and send a code queued in this process at once', async () => {
    // A poll far longer than the test: only the wake can send the code in time.
    env.MAIL_POLL_MS = 600_000;
    startMailSenders(4);
    // One loop polls; the other three wait for work instead of each polling the database.
    await until(() => parkedSenderCount() === 3, 'three of the four loops to park');
    await signInCode('woken-runner@example.com');
    await until(
      () => fake.received.some((m) => m.to === 'woken-runner@example.com'),
      'the sign-in code at the provider',
    );
    await until(() => parkedSenderCount() === 3, 'the loops to park again');
  });

  it('wake the parked loops as soon as the poller claims a batch, not once it is answered', async () => {
    env.MAIL_POLL_MS = 50;
    startMailSenders(4);
    await until(() => parkedSenderCount() === 3, 'three of the four loops to park');
    // Mail queued by another process (no wake here): only the poller finds it. Two batches.
    await db.insert(schema.outboundEmails).values(
      Array.from({ length: 150 }, (_, i) => ({
        id: generateId(),
        lane: 'interactive' as const,
        kind: 'rendered' as const,
        toAddress: `woken-by-claim-${i}@example.com`,
        fromAddress: env.MAIL_FROM,
        subject: 'Startline',
        html: '<p>Startline</p>',
        text: 'Startline',
        headers: {},
        template: 'sign-in-code',
      })),
    );
    // The provider does not answer the poller's batch until the second one has arrived: a
    // loop that waits for that answer before waking the others never sends the second.
    const release = fake.holdResponses();
    const requestsBefore = fake.requestLog.length;
    try {
      await until(
        () => fake.requestLog.length - requestsBefore >= 2 && fake.inFlight() >= 2,
        'two batches at the provider while the first is unanswered',
      );
    } finally {
      release();
    }
    await until(
      () => fake.received.filter((m) => m.to.startsWith('woken-by-claim-')).length === 150,
      'every message at the provider',
    );
  });
});

describe('send slots by lane', () => {
  // One request a second: a wait, and so an interactive sender's hold, lasts about a second,
  // far longer than the statements between the steps below. Time is moved by making the slot
  // taken earlier old, not by sleeping.
  const rate = 1;
  async function forgetRecentSlots(key: string) {
    await db.execute(sql`
      UPDATE delivery_pacing SET recent_slots = ARRAY[clock_timestamp() - interval '5 seconds']
      WHERE key = ${key}`);
  }

  it('gives the next slot to a waiting interactive sender, not to a bulk sender asking after it', async () => {
    const key = `lanes-${generateId()}`;
    expect(await tryTakeSendSlot(rate, { key, lane: 'bulk' })).toHaveProperty('takenAt');
    // A sign-in code has to wait for the next slot…
    expect(await tryTakeSendSlot(rate, { key, lane: 'interactive' })).toHaveProperty('waitMs');
    await forgetRecentSlots(key);
    // …which is free now, but held for it: bulk does not take it.
    const bulk = await tryTakeSendSlot(rate, { key, lane: 'bulk' });
    expect(bulk).toHaveProperty('waitMs');
    expect(await tryTakeSendSlot(rate, { key, lane: 'interactive' })).toHaveProperty('takenAt');
    // Taking it released the hold: the slot after it is bulk's again.
    await forgetRecentSlots(key);
    expect(await tryTakeSendSlot(rate, { key, lane: 'bulk' })).toHaveProperty('takenAt');
  });

  it('lets a hold run out, so a sender that died waiting does not stop bulk mail', async () => {
    const key = `lanes-${generateId()}`;
    expect(await tryTakeSendSlot(rate, { key, lane: 'bulk' })).toHaveProperty('takenAt');
    expect(await tryTakeSendSlot(rate, { key, lane: 'interactive' })).toHaveProperty('waitMs');
    await forgetRecentSlots(key);
    expect(await tryTakeSendSlot(rate, { key, lane: 'bulk' })).toHaveProperty('waitMs');
    // The interactive sender never asks again; its hold's time passes.
    await db.execute(sql`
      UPDATE delivery_pacing SET interactive_waiting_until = clock_timestamp() - interval '1 ms'
      WHERE key = ${key}`);
    expect(await tryTakeSendSlot(rate, { key, lane: 'bulk' })).toHaveProperty('takenAt');
  });
});

describe('a large wave', () => {
  it("refreshes the outbox's planner statistics once it is queued", async () => {
    // Claims are planned from these statistics: left as they were before 60,000 rows arrived,
    // every claim and idle poll read the whole queue (decision 080).
    const analyzedAt = async () => {
      const [row] = await selectRows<{ at: string | null }>(
        db,
        sql`SELECT coalesce(last_analyze, last_autoanalyze)::text AS at
            FROM pg_stat_user_tables WHERE relname = 'outbound_emails'`,
      );
      return row?.at ?? null;
    };
    const before = await analyzedAt();
    await invitationWave(await seedEvent(), 1_000, 'analyzed-wave');
    const after = await analyzedAt();
    expect(after).not.toBeNull();
    expect(after).not.toEqual(before);
    await drainOutbox();
  });
});

describe("a process's bulk senders at the send slots", () => {
  it('ask the database one at a time: the others wait for the turn, not for the row', async () => {
    // Four requests a second: the window is full for ~1.1 s, then a slot every ~250 ms.
    const rate = 4;
    await db.execute(sql`
      INSERT INTO delivery_pacing (key, next_slot_at, recent_slots)
      VALUES ('resend', clock_timestamp(), array_fill(clock_timestamp(), ARRAY[4]))
      ON CONFLICT (key) DO UPDATE
      SET recent_slots = EXCLUDED.recent_slots, next_slot_at = EXCLUDED.next_slot_at,
        interactive_waiting_until = NULL`);
    const log = recordQueries();
    try {
      const asks = () => log.queries.filter((q) => /delivery_pacing/.test(q)).length;
      const granted: string[] = [];
      const first = waitForSendSlot(rate, 'bulk').then(() => granted.push('first'));
      await until(() => asks() >= 2, 'the first sender to ask and learn its wait');
      const othersStartedAt = performance.now();
      const others = ['second', 'third', 'fourth'].map((name) =>
        waitForSendSlot(rate, 'bulk').then(() => granted.push(name)),
      );
      await first;
      expect(granted).toEqual(['first']);
      // While the first slept for its slot (about a second: the window is full), nobody else
      // asked: the next ask after the others started is the first's own, when it woke. (Not a
      // count of asks: on a loaded machine the first may find its slot stale and ask again.)
      const asksSince = log.queries
        .map((query, i) => ({ query, at: log.sentAt[i] }))
        .filter(({ query, at }) => /delivery_pacing/.test(query) && at >= othersStartedAt);
      expect(asksSince.length).toBeGreaterThan(0);
      expect(asksSince[0].at - othersStartedAt).toBeGreaterThan(300);
      await Promise.all(others);
      expect(granted).toEqual(['first', 'second', 'third', 'fourth']);
    } finally {
      log.stop();
    }
  });
});

describe('fairness and urgency between bulk sends', () => {
  it("shares the rate between one event's invitation wave and another event's announcement", async () => {
    const big = await seedEvent();
    await invitationWave(big, 600, 'fair-wave');
    const small = await seedEvent();
    const owner = await addStaff(small, `owner-${small.slug}@example.com`, 'owner');
    await addManyMembers(small, 150, `fair-${small.slug}`);
    await announce(small, owner);
    const start = fake.received.length;
    await drainOutbox();
    const order = fake.received.slice(start).map((m) => m.to);
    const lastAnnouncement = order.findLastIndex((to) => to.startsWith(`fair-${small.slug}`));
    const waveBefore = order.slice(0, lastAnnouncement).filter((to) => to.startsWith('fair-wave'));
    // Turns alternate: the 150-member announcement is done after at most two wave batches.
    expect(waveBefore.length).toBeLessThanOrEqual(200);
  });

  it('lets an urgent announcement overtake a running invitation wave', async () => {
    const event = await seedEvent();
    await invitationWave(event, 500, 'urgent-wave');
    expect(await dispatchOnce()).toBe('sent');
    const owner = await addStaff(event, `owner-${event.slug}@example.com`, 'owner');
    await addManyMembers(event, 120, `urgent-${event.slug}`);
    await announce(event, owner, { urgent: true });
    const start = fake.received.length;
    await drainOutbox();
    const order = fake.received.slice(start).map((m) => m.to);
    const firstWave = order.findIndex((to) => to.startsWith('urgent-wave'));
    const lastUrgent = order.findLastIndex((to) => to.startsWith(`urgent-${event.slug}`));
    expect(lastUrgent).toBeLessThan(firstWave);
  });
});

describe('frozen payloads', () => {
  it('sends the identical bytes under the same key when a member deletes their account between the first attempt and the retry', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, `owner-${event.slug}@example.com`, 'owner');
    const stays = { email: `stays-${event.slug}@example.com` };
    const leaves = { email: `erased-${event.slug}@example.com` };
    await addMember(event, stays);
    const { userId: leavingUserId } = await addMember(event, leaves);
    await announce(event, owner);
    // The provider accepts the batch but answers too late: the app gives up waiting.
    fake.setResponseDelay(1_500);
    env.MAIL_PROVIDER_TIMEOUT_MS = 300;
    const logStart = fake.requestLog.length;
    expect(await dispatchOnce()).toBe('retry_later');
    await until(() => fake.inFlight() === 0 && fake.requestLog[logStart], 'the first answer');
    fake.setResponseDelay(0);
    env.MAIL_PROVIDER_TIMEOUT_MS = 20_000;

    expect((await deleteMyAccount(leavingUserId)).ok).toBe(true);
    await makeRetriesDue();
    expect(await dispatchOnce()).toBe('sent');

    const requests = fake.requestLog.slice(logStart);
    expect(requests).toHaveLength(2);
    expect(requests[1].idempotencyKey).toBe(requests[0].idempotencyKey);
    expect(requests[1].bodyHash).toBe(requests[0].bodyHash);
    expect(requests[1].status).toBe(200);
    expect(fake.received.filter((m) => m.to === leaves.email)).toHaveLength(1);
    expect(fake.received.filter((m) => m.to === stays.email)).toHaveLength(1);
    // Once the batch is done, nothing of the erased account is left in the outbox.
    const left = await db
      .select({ id: schema.outboundEmails.id })
      .from(schema.outboundEmails)
      .where(eq(schema.outboundEmails.toAddress, leaves.email));
    expect(left).toHaveLength(0);
    const batches = await db.execute(sql`SELECT recipients::text AS r FROM mail_batches`);
    expect(JSON.stringify(batches)).not.toContain(leaves.email);
  });

  it('sends nothing to a member who deleted their account before the first attempt', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, `owner-${event.slug}@example.com`, 'owner');
    await addMember(event, { email: `early-stays-${event.slug}@example.com` });
    const gone = { email: `early-gone-${event.slug}@example.com` };
    const { userId: goneUserId } = await addMember(event, gone);
    const { id } = await announce(event, owner);
    expect((await deleteMyAccount(goneUserId)).ok).toBe(true);
    await drainOutbox();
    expect(fake.received.filter((m) => m.to === gone.email)).toHaveLength(0);
    const skipped = await db
      .select({ reason: schema.deliveries.skipReason })
      .from(schema.deliveries)
      .where(
        and(eq(schema.deliveries.announcementId, id), eq(schema.deliveries.status, 'skipped')),
      );
    expect(skipped).toEqual([{ reason: 'deleted' }]);
  });
});

describe('provider errors', () => {
  it('fails a message at once on a gateway 4xx without statusCode in its body, with the reason kept', async () => {
    const { id } = await signInCode('gateway-refused@example.com');
    const before = fake.requestCount();
    fake.failNext(1, { status: 403, gateway: true });
    await drainOutbox();
    expect(fake.requestCount() - before).toBe(1);
    const row = await outbound(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/^403 /);
  });

  it('retries 5xx with backoff and gives up after a bounded number of tries, shown as failed', async () => {
    const { id } = await signInCode('always-500@example.com');
    const before = fake.requestCount();
    fake.failNext(MAIL_MAX_ATTEMPTS, { status: 500 });
    for (let i = 0; i < MAIL_MAX_ATTEMPTS + 3; i += 1) {
      await drainOutbox();
      await makeRetriesDue();
    }
    expect(fake.requestCount() - before).toBe(MAIL_MAX_ATTEMPTS);
    const row = await outbound(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/gave up: 500/);
  });

  it('honours 429 retry-after for every sender, then sends the same request once', async () => {
    const { id } = await signInCode('rate-limited@example.com');
    fake.failNext(1, { status: 429, retryAfter: 30 });
    expect(await dispatchOnce()).toBe('retry_later');
    const result = await db.execute(
      sql`SELECT extract(epoch FROM next_slot_at - now())::float8 AS wait FROM delivery_pacing
        WHERE key = 'resend'`,
    );
    const [pacing] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      wait: number;
    }[];
    const wait = Number(pacing.wait);
    expect(wait).toBeGreaterThan(25);
    expect(await dispatchOnce()).toBe('idle');
    await makeRetriesDue();
    await drainOutbox();
    expect((await outbound(id)).status).toBe('sent');
    expect(fake.received.filter((m) => m.to === 'rate-limited@example.com')).toHaveLength(1);
  });
});

describe('scheduled sends (予約配信)', () => {
  it('sends at its time to the audience re-checked then, and a cancelled one sends nothing', async () => {
    const event = await seedEvent();
    const owner = await addStaff(event, `owner-${event.slug}@example.com`, 'owner');
    const keeps = { email: `sched-keeps-${event.slug}@example.com` };
    const leaves = { email: `sched-leaves-${event.slug}@example.com` };
    await addMember(event, keeps);
    const { membershipId: leavingMembershipId } = await addMember(event, leaves);
    // An hour ahead, so that a slow machine cannot reach it during the setup; the hour is then
    // made to pass by moving the stream's due time (what the scheduler reads) into the past.
    const at = new Date(Date.now() + 3_600_000);
    const scheduled = await announce(event, owner, { scheduledAt: at });
    const cancelled = await announce(event, owner, { scheduledAt: at });
    expect((await cancelScheduledSend(scheduled.staff, cancelled.id)).ok).toBe(true);

    await drainOutbox();
    expect(fake.received.filter((m) => m.to === keeps.email)).toHaveLength(0);
    const [before] = await db
      .select({
        status: schema.announcements.status,
        publishedAt: schema.announcements.publishedAt,
      })
      .from(schema.announcements)
      .where(eq(schema.announcements.id, scheduled.id));
    expect(before).toEqual({ status: 'scheduled', publishedAt: null });

    await db
      .update(schema.memberships)
      .set({ status: 'left' })
      .where(eq(schema.memberships.id, leavingMembershipId));
    const due = new Date(Date.now() - 1_000);
    const [stream] = await db
      .update(schema.mailStreams)
      .set({ notBefore: due })
      .where(eq(schema.mailStreams.subjectId, scheduled.id))
      .returning({ id: schema.mailStreams.id });
    await db
      .update(schema.outboundEmails)
      .set({ notBefore: due })
      .where(eq(schema.outboundEmails.streamId, stream.id));
    await until(async () => {
      await drainOutbox();
      return fake.received.some((m) => m.to === keeps.email);
    }, 'the scheduled send');
    await drainOutbox();
    expect(fake.received.filter((m) => m.to === keeps.email)).toHaveLength(1);
    expect(fake.received.filter((m) => m.to === leaves.email)).toHaveLength(0);
    const statuses = await db
      .select({ id: schema.announcements.id, status: schema.announcements.status })
      .from(schema.announcements)
      .where(eq(schema.announcements.eventId, event.id));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [scheduled.id]: 'sent',
      [cancelled.id]: 'draft',
    });
    // Once it has started, it can no longer be cancelled.
    expect(await cancelScheduledSend(scheduled.staff, scheduled.id)).toEqual({
      ok: false,
      reason: 'already_started',
    });
  });
});
