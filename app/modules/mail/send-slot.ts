/**
 * The timing rules of a send slot, apart from the database that hands slots out (so they can be
 * tested without one). See mail-pacing.server.ts and docs/decisions/080-one-outbound-pipeline.md.
 */

/**
 * A request taken at t reaches the provider a little later (the event loop, the network). The
 * window is one second plus this margin, so requests that arrive up to this much late still
 * never put more than the limit into any one second at the provider.
 */
export const PACING_JITTER_MARGIN_MS = 100;

/**
 * A slot is used only if its request can start within this long of the moment it was taken;
 * a process that stalled longer (a busy event loop, a GC pause, a slow answer from the pool)
 * takes a fresh slot instead. Half the margin is spent here, half is left for the way to the
 * provider, so a late request cannot bunch with the next second's.
 */
export const PACING_STALE_SLOT_MS = PACING_JITTER_MARGIN_MS / 2;

/**
 * Whether a request started `now` would leave too long after its slot was taken. The database's
 * clock says when; if it disagrees with this process's (another host, skewed), the moment the
 * slot was asked for is used instead, which is never later than the real one.
 */
export function slotIsStale(input: { askedAt: number; takenAt: number; now: number }) {
  const clocksAgree = input.takenAt >= input.askedAt - 5 && input.takenAt <= input.now + 5;
  const takenAt = clocksAgree ? input.takenAt : input.askedAt;
  return input.now - takenAt > PACING_STALE_SLOT_MS;
}
