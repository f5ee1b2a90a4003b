import { sql } from 'drizzle-orm';
import { deliveryPacing, type MailLane } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { PACING_JITTER_MARGIN_MS, slotIsStale } from './send-slot';
import { createTurnState, type TurnState } from './send-turn';

/**
 * The provider's rate limit (Resend: 5 requests/s by default) is shared by every worker
 * process, so the pacing lives in PostgreSQL, not in memory: one row per provider holding the
 * moments requests were sent in the last window (a sliding-window log) and the time before
 * which nobody sends (a 429's Retry-After). See docs/decisions/080-one-outbound-pipeline.md.
 */
export const PROVIDER_PACING_KEY = 'resend';

/**
 * How long past its expected wait an interactive sender's hold on the next slot lasts: long
 * enough for its next ask to arrive, short enough that a process that died waiting does not
 * hold up bulk mail for long.
 */
const INTERACTIVE_HOLD_MARGIN_MS = 150;

const MAX_STALE_SLOTS_IN_A_ROW = 3;

/**
 * `limit` requests per `windowMs`: the rate per second, or one per 1/rate s below 1/s; and
 * never two closer than `spacingMs`. Without the spacing, the window alone lets the senders of
 * every process take all their slots at once and then wait out the window together, so the
 * first burst repeats for the whole send: a burst that a little lateness shifts into the next
 * second at the provider doubles up there. Spaced requests gain at most one when late.
 */
export function pacingWindow(ratePerSecond: number) {
  const limit = Math.max(1, Math.floor(ratePerSecond));
  const windowMs = (limit / ratePerSecond) * 1000 + PACING_JITTER_MARGIN_MS;
  // A little under the even spacing, so that a sender that asks a few milliseconds late does
  // not push every later slot back with it; the window still caps the total.
  return { limit, windowMs, spacingMs: (0.9 * windowMs) / limit };
}

/**
 * Takes a send slot if fewer than `limit` were taken in the last window and no 429 pause is
 * running, in one atomic statement (the row lock of the upsert orders concurrent takers across
 * processes). A slot that is asked for late is not lost: the window counts what was taken, not
 * a schedule. Returns the moment the slot was taken (the database's clock, epoch ms), or the
 * milliseconds until one frees up.
 *
 * Lanes: an interactive sender that has to wait holds the next slot for itself (until its
 * expected wait plus a margin), and bulk senders do not take a held slot. Without the hold a
 * sign-in code raced every bulk sender for each slot and could lose a dozen rounds in a row
 * behind an invitation wave; with it, it waits for at most the slot being waited for.
 */
export async function tryTakeSendSlot(
  ratePerSecond: number,
  options: { lane?: MailLane; key?: string } = {},
): Promise<{ takenAt: number } | { waitMs: number }> {
  const key = options.key ?? PROVIDER_PACING_KEY;
  const interactive = (options.lane ?? 'bulk') === 'interactive';
  const { limit, windowMs, spacingMs } = pacingWindow(ratePerSecond);
  const window = sql`make_interval(secs => ${windowMs / 1000})`;
  const spacing = sql`make_interval(secs => ${spacingMs / 1000})`;
  const p = deliveryPacing;
  const held = sql`(${p.interactiveWaitingUntil} IS NOT NULL AND ${p.interactiveWaitingUntil} > clock_timestamp())`;
  // The first moment the rules allow a request: after a 429 pause, a window after the
  // limit-th latest request, a spacing after the latest (GREATEST skips what is NULL).
  const earliest = sql`GREATEST(${p.nextSlotAt},
    (SELECT t FROM unnest(${p.recentSlots}) t ORDER BY t DESC OFFSET ${limit - 1} LIMIT 1) + ${window},
    (SELECT max(t) FROM unnest(${p.recentSlots}) t) + ${spacing})`;
  const [taken] = await selectRows<{ taken_at: number | string }>(
    db,
    sql`
      INSERT INTO ${p} (${columnName(p.key)}, ${columnName(p.nextSlotAt)}, ${columnName(p.recentSlots)})
      VALUES (${key}, clock_timestamp(), ARRAY[clock_timestamp()])
      ON CONFLICT (${columnName(p.key)}) DO UPDATE
        SET ${columnName(p.recentSlots)} = array_append(
          ARRAY(SELECT t FROM unnest(${p.recentSlots}) t WHERE t > clock_timestamp() - ${window}),
          clock_timestamp()),
          ${columnName(p.interactiveWaitingUntil)} = ${
            interactive ? sql`NULL` : sql`${p.interactiveWaitingUntil}`
          }
        WHERE ${earliest} <= clock_timestamp()
          ${interactive ? sql`` : sql`AND NOT ${held}`}
      RETURNING extract(epoch FROM clock_timestamp()) * 1000 AS taken_at`,
  );
  if (taken) return { takenAt: Number(taken.taken_at) };
  const [next] = await selectRows<{ wait_ms: number | string }>(
    db,
    sql`
      SELECT GREATEST(1,
        extract(epoch FROM (${earliest} - clock_timestamp())) * 1000,
        ${
          // A bulk sender that finds the slot held asks again after a spacing at most: the
          // interactive sender usually takes it sooner and then releases the hold.
          interactive
            ? sql`0`
            : sql`CASE WHEN ${held} THEN LEAST(${spacingMs},
                extract(epoch FROM (${p.interactiveWaitingUntil} - clock_timestamp())) * 1000) ELSE 0 END`
        }
      ) AS wait_ms
      FROM ${p} WHERE ${p.key} = ${key}`,
  );
  const waitMs = Math.ceil(Number(next?.wait_ms ?? 1));
  if (interactive) {
    const holdMs = waitMs + INTERACTIVE_HOLD_MARGIN_MS;
    await db.execute(sql`
      UPDATE ${p}
      SET ${columnName(p.interactiveWaitingUntil)} = GREATEST(
        coalesce(${p.interactiveWaitingUntil}, clock_timestamp()),
        clock_timestamp() + make_interval(secs => ${holdMs / 1000}))
      WHERE ${p.key} = ${key}`);
  }
  return { waitMs };
}

/** The provider said "slow down" (429 Retry-After): no worker sends before then. */
export async function pauseSending(seconds: number, key = PROVIDER_PACING_KEY) {
  const p = deliveryPacing;
  await db.execute(sql`
    INSERT INTO ${p} (${columnName(p.key)}, ${columnName(p.nextSlotAt)})
    VALUES (${key}, clock_timestamp() + make_interval(secs => ${seconds}))
    ON CONFLICT (${columnName(p.key)}) DO UPDATE
      SET ${columnName(p.nextSlotAt)} = GREATEST(${p.nextSlotAt}, clock_timestamp() + make_interval(secs => ${seconds}))`);
}

/**
 * Waits for a fresh send slot; the caller starts its request right after this returns. A slot
 * that went stale on its way back to this process stays counted (its moment has passed for
 * everyone) and another is taken.
 */
export async function waitForSendSlot(ratePerSecond: number, lane: MailLane) {
  if (lane === 'interactive') return takeSlotWhenFree(ratePerSecond, lane);
  const release = await takeBulkTurn();
  try {
    return await takeSlotWhenFree(ratePerSecond, lane, setBulkTurnState);
  } finally {
    setBulkTurnState(null);
    release();
  }
}

/**
 * Where this process's bulk turn is, for the other sender loops (see send-turn.ts): they keep
 * their long synchronous steps away from the moment it asks for a slot.
 */
const bulkTurn = createTurnState();
const setBulkTurnState = bulkTurn.set;

/**
 * Waits until a long synchronous step (building and encoding a batch) cannot make this
 * process's next send late; see createTurnState.
 */
export function waitForQuietMoment() {
  return bulkTurn.waitForQuietMoment();
}

/**
 * This process's bulk senders ask the database one at a time. When each of a process's four
 * sender loops asked for itself, eight loops (two processes) woke for every slot, one won and
 * seven asked again: ~7 upserts of the one pacing row per request, racing for its lock (bench:
 * mail, 4,340 asks for 605 requests), and the loser's answers kept the event loops busy just
 * when a slot freed. Only the next loop in line asks; the others wait for its turn to end.
 * Interactive senders never queue here: they ask at once, and the database holds the next
 * slot for them (tryTakeSendSlot).
 */
let lastBulkTurn: Promise<void> = Promise.resolve();

function takeBulkTurn(): Promise<() => void> {
  let release!: () => void;
  const turn = new Promise<void>((resolve) => (release = resolve));
  const previous = lastBulkTurn;
  lastBulkTurn = previous.then(() => turn);
  return previous.then(() => release);
}

async function takeSlotWhenFree(
  ratePerSecond: number,
  lane: MailLane,
  report: (state: TurnState) => void = () => {},
) {
  // Bounded: a process that can never keep a slot fresh (every round trip slower than the
  // staleness limit) must still send, if less evenly, rather than use up every slot for nothing.
  let staleInARow = 0;
  for (;;) {
    const askedAt = Date.now();
    report('asking');
    const slot = await tryTakeSendSlot(ratePerSecond, { lane });
    if ('takenAt' in slot) {
      if (!slotIsStale({ askedAt, takenAt: slot.takenAt, now: Date.now() })) return;
      if (++staleInARow >= MAX_STALE_SLOTS_IN_A_ROW) return;
      continue;
    }
    // Interactive senders of several processes may wait at once: a little jitter keeps them
    // from all asking at the same instant. A process has one bulk sender asking (its turn).
    const waitMs = slot.waitMs + (lane === 'interactive' ? Math.random() * 3 : 0);
    report({ wakesAt: Date.now() + waitMs });
    await sleep(waitMs);
  }
}

export function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
