import { sql } from 'drizzle-orm';
import { db } from '~/modules/database/database.server';
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
  const result = await db.execute<{ hits: number }>(sql`
    INSERT INTO rate_limits (key, window_started_at, hits)
    VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE
        WHEN rate_limits.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds})
        THEN 1 ELSE rate_limits.hits + 1 END,
      window_started_at = CASE
        WHEN rate_limits.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds})
        THEN now() ELSE rate_limits.window_started_at END
    RETURNING hits
  `);
  const rows = Array.isArray(result) ? result : (result as { rows: { hits: number }[] }).rows;
  return Number(rows[0]?.hits ?? 0) <= rule.limit;
}
