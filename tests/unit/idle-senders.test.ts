import { afterEach, describe, expect, it } from 'vitest';
import {
  parkedSenderCount,
  resumeIdleWaits,
  senderFoundWork,
  stopIdleWaits,
  waitWhileIdle,
  wakeMailSenders,
} from '~/modules/mail/idle-senders.server';

// Far longer than any test: a wait that ends did so because it was woken, not by its timer.
const LONG_POLL_MS = 600_000;

afterEach(() => {
  stopIdleWaits();
  resumeIdleWaits();
});

describe('idle sender loops', () => {
  it('let one loop poll while the others park, and all look again when one finds work', async () => {
    const poller = waitWhileIdle(LONG_POLL_MS);
    const others = [waitWhileIdle(LONG_POLL_MS), waitWhileIdle(LONG_POLL_MS)];
    expect(parkedSenderCount()).toBe(2);
    senderFoundWork();
    await Promise.all([poller, ...others]);
    expect(parkedSenderCount()).toBe(0);
  });

  it('look at once when this process queues mail', async () => {
    const waits = [waitWhileIdle(LONG_POLL_MS), waitWhileIdle(LONG_POLL_MS)];
    wakeMailSenders();
    await Promise.all(waits);
  });

  it('hand the polling on: after a wake, the next idle loop polls instead of parking', async () => {
    const first = waitWhileIdle(LONG_POLL_MS);
    wakeMailSenders();
    // The woken poller has not run on yet; a loop going idle now must not park behind it.
    const next = waitWhileIdle(LONG_POLL_MS);
    expect(parkedSenderCount()).toBe(0);
    await first;
    const third = waitWhileIdle(LONG_POLL_MS);
    expect(parkedSenderCount()).toBe(1);
    wakeMailSenders();
    await Promise.all([next, third]);
  });

  it('do not wait once the loops are stopping, so a loop back from a batch cannot hang the stop', async () => {
    const poller = waitWhileIdle(LONG_POLL_MS);
    const parked = waitWhileIdle(LONG_POLL_MS);
    stopIdleWaits();
    await Promise.all([poller, parked]);
    // A loop that was sending when the stop came goes idle after it.
    await waitWhileIdle(LONG_POLL_MS);
    expect(parkedSenderCount()).toBe(0);
  });
});
