import { sql } from 'drizzle-orm';
import { rateLimits } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { sha256 } from '~/modules/security/tokens.server';

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one hit for `subject` in a fixed window, atomically in PostgreSQL (one upsert), so
 * every app process sees the same counters. Returns whether this hit is within the limit.
 * The subject (an address, an IP) is stored only as a hash.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<boolean> {
  const key = `${rule.bucket}:${sha256(subject)}`;
  const { hits, windowStartedAt } = rateLimits;
  const expired = sql`${windowStartedAt} <= now() - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await selectRows<{ hits: number }>(
    db,
    sql`
    INSERT INTO ${rateLimits} (${columnName(rateLimits.key)}, ${columnName(windowStartedAt)}, ${columnName(hits)})
    VALUES (${key}, now(), 1)
    ON CONFLICT (${columnName(rateLimits.key)}) DO UPDATE SET
      ${columnName(hits)} = CASE WHEN ${expired} THEN 1 ELSE ${hits} + 1 END,
      ${columnName(windowStartedAt)} = CASE WHEN ${expired} THEN now() ELSE ${windowStartedAt} END
    RETURNING ${hits} AS hits
  `,
  );
  return Number(row?.hits ?? 0) <= rule.limit;
}
