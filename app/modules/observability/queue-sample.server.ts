import { sql } from 'drizzle-orm';
import { mailLanes, outboundEmails } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { mailQueueDepth, mailQueueOldestAge } from './metrics.server';

/**
 * The mail queue's depth and age, read at scrape time: one statement over the partial index
 * outbound_emails_due_idx (lane, not_before WHERE status = 'queued'), which holds exactly the
 * rows counted, so a 60,000-message fan-out costs an index-only scan, not a table scan.
 * "Age" is how long the oldest due message has been due (not_before): a message scheduled
 * for later is not late.
 */
export async function sampleMailQueue() {
  const { lane, notBefore, status } = outboundEmails;
  const rows = await selectRows<{ lane: string; depth: number; age: number }>(
    db,
    sql`
    SELECT ${lane} AS lane, count(*)::int AS depth,
      coalesce(extract(epoch FROM now() - min(${notBefore})), 0)::float8 AS age
    FROM ${outboundEmails}
    WHERE ${status} = 'queued' AND ${notBefore} <= now()
    GROUP BY ${lane}`,
  );
  const byLane = new Map(rows.map((row) => [row.lane, row]));
  // Every lane is reported, an empty one as 0: a series that vanishes looks like an outage.
  for (const lane of mailLanes) {
    const row = byLane.get(lane);
    mailQueueDepth.set({ lane }, Number(row?.depth ?? 0));
    mailQueueOldestAge.set({ lane }, Math.max(0, Number(row?.age ?? 0)));
  }
}
