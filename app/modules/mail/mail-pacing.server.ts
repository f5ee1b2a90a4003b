import { sql } from 'drizzle-orm';
import { db } from '~/modules/database/database.server';

/**
 * The provider's rate limit (Resend: 5 requests/s by default) is shared by every worker
 * process, so the pacing lives in PostgreSQL, not in memory: a token bucket of depth one
 * written as a single timestamp (the next moment a request may leave). A worker takes the slot
 * only when it is due, atomically, and the next one is then one interval later: no burst,
 * whatever the number of workers or processes.
 */
export const PROVIDER_PACING_KEY = 'resend';

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Takes the send slot if it is due, and moves the next one a full interval after the later of
 * the slot and now (GCRA without tolerance). Two requests are never closer than 1/rate,
 * so a one-second window never holds more than `rate` slots, whatever the number of
 * processes and however late one of them was (docs/decisions/062 and 080). Returns 0 when
 * taken, else the milliseconds to wait before asking again.
 */
export async function tryTakeSendSlot(
  ratePerSecond: number,
  key = PROVIDER_PACING_KEY,
): Promise<number> {
  const step = 1 / ratePerSecond;
  const [taken] = rows<{ taken: number }>(
    await db.execute(sql`
      INSERT INTO delivery_pacing (key, next_slot_at)
      VALUES (${key}, clock_timestamp() + make_interval(secs => ${step}))
      ON CONFLICT (key) DO UPDATE
        SET next_slot_at = GREATEST(delivery_pacing.next_slot_at, clock_timestamp()) + make_interval(secs => ${step})
        WHERE delivery_pacing.next_slot_at <= clock_timestamp()
      RETURNING 1 AS taken`),
  );
  if (taken) return 0;
  const [next] = rows<{ wait_ms: number | string }>(
    await db.execute(sql`
      SELECT GREATEST(1, extract(epoch FROM (next_slot_at - clock_timestamp())) * 1000) AS wait_ms
      FROM delivery_pacing WHERE key = ${key}`),
  );
  return Math.ceil(Number(next?.wait_ms ?? 1));
}

/** The provider said "slow down" (429 Retry-After): no worker sends before then. */
export async function pauseSending(seconds: number, key = PROVIDER_PACING_KEY) {
  await db.execute(sql`
    INSERT INTO delivery_pacing (key, next_slot_at)
    VALUES (${key}, clock_timestamp() + make_interval(secs => ${seconds}))
    ON CONFLICT (key) DO UPDATE
      SET next_slot_at = GREATEST(delivery_pacing.next_slot_at, clock_timestamp() + make_interval(secs => ${seconds}))`);
}

export async function waitForSendSlot(ratePerSecond: number) {
  for (;;) {
    const waitMs = await tryTakeSendSlot(ratePerSecond);
    if (waitMs === 0) return;
    // A little jitter so that waiting workers do not all ask at the same instant.
    await sleep(waitMs + Math.random() * 3);
  }
}

export function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
