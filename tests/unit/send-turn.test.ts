import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HEAVY_STEP_LEAD_MS,
  QUIET_MOMENT_MAX_WAIT_MS,
  createTurnState,
} from '~/modules/mail/send-turn';

/** Starts a wait and reports whether it has finished, after the microtasks run. */
function track(wait: Promise<void>) {
  const tracked = { done: false };
  void wait.then(() => (tracked.done = true));
  return tracked;
}

describe('a quiet moment for a long step beside the bulk turn', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('comes at once when no turn is running', async () => {
    const turn = createTurnState();
    const wait = track(turn.waitForQuietMoment());
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('waits while the turn asks the database, and comes when the answer is handled', async () => {
    const turn = createTurnState();
    turn.set('asking');
    const wait = track(turn.waitForQuietMoment());
    await vi.advanceTimersByTimeAsync(10);
    expect(wait.done).toBe(false);
    turn.set(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('comes at once while the turn sleeps longer than a step takes', async () => {
    const turn = createTurnState();
    turn.set({ wakesAt: Date.now() + HEAVY_STEP_LEAD_MS + 50 });
    const wait = track(turn.waitForQuietMoment());
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('waits out the last moments before the turn wakes, through its ask, until its next sleep', async () => {
    const turn = createTurnState();
    turn.set({ wakesAt: Date.now() + HEAVY_STEP_LEAD_MS - 5 });
    const wait = track(turn.waitForQuietMoment());
    await vi.advanceTimersByTimeAsync(HEAVY_STEP_LEAD_MS);
    expect(wait.done).toBe(false);
    turn.set('asking');
    await vi.advanceTimersByTimeAsync(2);
    expect(wait.done).toBe(false);
    // Another process took the slot: the turn sleeps again, long enough for a step.
    turn.set({ wakesAt: Date.now() + 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('never waits longer than its limit, however busy the turn stays', async () => {
    const turn = createTurnState();
    turn.set('asking');
    const wait = track(turn.waitForQuietMoment());
    await vi.advanceTimersByTimeAsync(QUIET_MOMENT_MAX_WAIT_MS - 1);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });
});
