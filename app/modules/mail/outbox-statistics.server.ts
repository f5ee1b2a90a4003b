import { sql } from 'drizzle-orm';
import { outboundEmails } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { logger } from '~/utils/logger.server';

/** Fewer rows than this change the table's statistics too little to matter. */
const LARGE_WAVE = 1_000;

/**
 * After a large wave is queued (an entrant import's invitations, an announcement to the whole
 * event), the planner's statistics of the outbox still describe the table before it: autovacuum
 * analyzes it only at its next round, up to a minute later — most of a 60,000-email send. Until
 * then the claims and the "anything due?" polls were planned for a nearly empty table and read
 * every queued row's index entry (bench:mail: ~16,000 entries per poll, half a core of
 * PostgreSQL). One ANALYZE once the wave is committed (~0.1 s for 60,000 rows) plans them
 * right from the first batch. A failure only costs speed, so it is logged, never thrown.
 */
export async function refreshOutboxStatistics(queued: number) {
  if (queued < LARGE_WAVE) return;
  try {
    await db.execute(sql`ANALYZE ${outboundEmails}`);
  } catch (error) {
    logger.warn('mail.outbox_analyze_failed', { error: String(error) });
  }
}
