/**
 * The state of a process's bulk turn at the send slots (mail-pacing.server.ts), apart from the
 * database, so its rules can be tested without one: asking the database for a slot, or asleep
 * until a moment (Date.now() ms), or no turn running.
 */
export type TurnState = { wakesAt: number } | 'asking' | null;

/** A synchronous step of up to this long, started now, ends before the turn's timer fires. */
export const HEAVY_STEP_LEAD_MS = 25;

/** However busy the turn, a step waits no longer than this (it only costs evenness). */
export const QUIET_MOMENT_MAX_WAIT_MS = 250;

export function createTurnState() {
  let state: TurnState = null;
  let changed = nextChange();

  return {
    set(next: TurnState) {
      state = next;
      changed.resolve();
      changed = nextChange();
    },

    /**
     * Resolves when a long synchronous step can run without delaying the turn's send: not
     * while it asks the database for a slot (the answer would wait behind the step and the
     * request leave late), nor in the last HEAVY_STEP_LEAD_MS before its timer fires (the
     * timer would fire late, and with the window every later slot too: at 10 requests a
     * second each millisecond of lateness cost ~0.1 % of the rate). bench:mail measured the
     * turn's timer 2.4 ms late on average (p99 22 ms) with the steps run at any moment, and
     * 1.1-1.4 ms (p99 9-15 ms) with them kept out of the way.
     */
    async waitForQuietMoment(maxWaitMs = QUIET_MOMENT_MAX_WAIT_MS) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const current = state;
        if (current === null) return;
        if (current !== 'asking' && current.wakesAt - Date.now() > HEAVY_STEP_LEAD_MS) return;
        const left = deadline - Date.now();
        if (left <= 0) return;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          changed.promise,
          new Promise<void>((resolve) => (timer = setTimeout(resolve, left))),
        ]);
        clearTimeout(timer);
      }
    },
  };
}

function nextChange() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
