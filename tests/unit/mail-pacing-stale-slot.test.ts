import { describe, expect, it } from 'vitest';
import { PACING_STALE_SLOT_MS, slotIsStale } from '~/modules/mail/send-slot';

describe('a send slot', () => {
  it('is fresh when the request starts within the limit of the database taking it', () => {
    expect(slotIsStale({ askedAt: 1000, takenAt: 1010, now: 1010 + PACING_STALE_SLOT_MS })).toBe(
      false,
    );
  });

  it('is stale when this process stalled between the database taking it and the request', () => {
    // Asked quickly, taken at once, but the answer was handled 120 ms later (a GC pause).
    expect(slotIsStale({ askedAt: 1000, takenAt: 1002, now: 1122 })).toBe(true);
  });

  it('counts from the database’s moment, not the ask, when the clocks agree', () => {
    // The pool was slow to start the statement: 200 ms passed before the slot was taken, but the
    // request starts 10 ms after it, which is what the provider sees.
    expect(slotIsStale({ askedAt: 1000, takenAt: 1200, now: 1210 })).toBe(false);
  });

  it('falls back to the moment it was asked for when the clocks disagree', () => {
    // The database's clock runs 10 s ahead: its moment cannot be compared with ours.
    expect(slotIsStale({ askedAt: 1000, takenAt: 11_000, now: 1020 })).toBe(false);
    expect(
      slotIsStale({ askedAt: 1000, takenAt: 11_000, now: 1000 + PACING_STALE_SLOT_MS + 1 }),
    ).toBe(true);
  });
});
