import { SNAPSHOT_TTL_MINUTES } from '~/modules/announcements/audience-snapshot.server';
import { SIGN_IN_CODE_TTL_MINUTES } from '~/modules/auth/sign-in.server';
import { database } from '~/modules/database/database.server';
import { INVITATION_TTL_DAYS } from '~/modules/invitations/invitation-delivery.server';
import { defineQueue } from '~/modules/jobs/queue.server';
import { CONFIRMATION_TTL_HOURS } from '~/modules/membership/join-by-event-code.server';
import { ROLE_INVITATION_DAYS } from '~/modules/auth/role-invitations.server';
import { SPONSOR_INVITATION_DAYS } from '~/modules/sponsors/sponsor-accounts.server';
import { logger } from '~/utils/logger.server';

/**
 * What Startline keeps, how long, and why: the one statement of its retention policy. The
 * README's table "What is kept, how long, and why" is this list (a test compares them), and
 * the daily job below applies it. Without it, a season of a 60,000-runner race leaves tens of
 * millions of expired sessions, used sign-in codes and rate-limit counters behind, and mail
 * bodies with codes, links and relayed answers for ever. See docs/decisions/084.
 *
 * Only rows that can never be used again go; every rule is re-checked on the row being
 * deleted, so a row that became live again meanwhile (a rate-limit window restarted by a hit)
 * stays.
 */

const DAY_MS = 86_400_000;

/** Longest rate-limit window in use (event creation, 1 day), with a day of margin. */
export const RATE_LIMIT_KEEP_DAYS = 2;
/** An expired preview still answers "expired, open the preview again" for a day. */
export const SNAPSHOT_KEEP_DAYS = 1;
/**
 * Mail records: long enough for the provider's late webhooks (bounces, complaints; Resend
 * retries for about 28 hours) and for a member's or staff member's "did that email go out?",
 * and as long as the longest link a captured email carries (an invitation, 30 days).
 */
export const MAIL_KEEP_DAYS = 30;

/**
 * An entrant list uploaded but never confirmed at the column check holds every address in the
 * file; nobody comes back to a column check a day later.
 */
export const STAGED_UPLOAD_KEEP_DAYS = 1;

/** Rows per statement: each chunk is its own short transaction (no table-long locks). */
export const CHUNK_ROWS = 5_000;
/** pg-boss expires a job after 15 minutes; a backlog left over continues the next day. */
const RUN_BUDGET_MS = 10 * 60_000;

export interface RetentionRule {
  /** The table the rule purges. */
  table: string;
  /** What its rows are. */
  what: string;
  /** How long a row is kept. */
  kept: string;
  /** Why that long and no longer. */
  why: string;
  /** Deletes at most `limit` rows that may go as of `now`; resolves with how many went. */
  purgeChunk: (now: Date, limit: number) => Promise<number>;
}

function daysBefore(now: Date, days: number) {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/**
 * One chunk of a set-based delete: picks at most `limit` keys the condition selects, then
 * deletes those rows if the condition still holds for them (PostgreSQL re-checks the outer
 * condition on a row updated meanwhile, e.g. a rate-limit window a hit just restarted).
 * `$1` is the limit; the condition's own parameters start at `$2`. The inner SELECT stops at
 * its `limit`-th match; the tables the job keeps small are cheap to read that way.
 */
function deleteChunk(table: string, key: string, condition: string, params: unknown[]) {
  return async (limit: number) => {
    const result = await database.executeSql(
      `DELETE FROM ${table} t WHERE ${key} IN (SELECT ${key} FROM ${table} t WHERE ${condition} LIMIT $1) AND ${condition}`,
      [limit, ...params],
    );
    return result.rowCount;
  };
}

/**
 * A snapshot (alias `t`) nobody can send any more — sending requires `expires_at > now()` —
 * and no announcement was sent or scheduled with; `cutoff` is the parameter holding the time.
 */
const snapshotGone = (cutoff: string) => `t.expires_at < ${cutoff}::timestamptz
  AND NOT EXISTS (SELECT 1 FROM announcements a WHERE a.sent_snapshot_id = t.id)`;

export const retentionPolicy: RetentionRule[] = [
  {
    table: 'sessions',
    what: 'sign-in sessions (a hash of the cookie)',
    kept: 'until they expire (30 days after the last visit)',
    why: 'an expired session is refused anyway',
    purgeChunk: (now, limit) =>
      deleteChunk('sessions', 'id', 't.expires_at <= $2::timestamptz', [now.toISOString()])(limit),
  },
  {
    table: 'sign_in_challenges',
    what: 'sign-in codes (the address and a hash of the code)',
    kept: `until used or expired (${SIGN_IN_CODE_TTL_MINUTES} minutes)`,
    why: 'a used or expired code answers exactly like an unknown one',
    purgeChunk: (now, limit) =>
      deleteChunk(
        'sign_in_challenges',
        'id_hash',
        '(t.used_at IS NOT NULL OR t.expires_at <= $2::timestamptz)',
        [now.toISOString()],
      )(limit),
  },
  {
    table: 'join_confirmations',
    what: '"join by event code" confirmation links (the address and a hash of the token)',
    kept: `until used or expired (${CONFIRMATION_TTL_HOURS} hours)`,
    why: 'a used or expired link answers exactly like an unknown one',
    purgeChunk: (now, limit) =>
      deleteChunk(
        'join_confirmations',
        'token_hash',
        '(t.used_at IS NOT NULL OR t.expires_at <= $2::timestamptz)',
        [now.toISOString()],
      )(limit),
  },
  {
    table: 'sponsor_invitations',
    what: 'sponsor staff invitations never accepted (the address)',
    kept: `until they expire (${SPONSOR_INVITATION_DAYS} days)`,
    why: 'an expired invitation cannot be accepted; inviting again creates a new one',
    purgeChunk: (now, limit) =>
      deleteChunk(
        'sponsor_invitations',
        'id',
        't.accepted_at IS NULL AND t.expires_at <= $2::timestamptz',
        [now.toISOString()],
      )(limit),
  },
  {
    table: 'staff_invitations',
    what: 'staff invitations never accepted (the address)',
    kept: `until they expire (${ROLE_INVITATION_DAYS} days)`,
    why: 'an expired invitation cannot be accepted; inviting again creates a new one',
    purgeChunk: (now, limit) =>
      deleteChunk(
        'staff_invitations',
        'id',
        't.accepted_at IS NULL AND t.expires_at <= $2::timestamptz',
        [now.toISOString()],
      )(limit),
  },
  {
    table: 'rate_limits',
    what: 'rate-limit counters (a hash of the address or IP)',
    kept: `${RATE_LIMIT_KEEP_DAYS} days after their window started`,
    why: 'the longest window is 1 day; a counter past its window counts like no counter',
    purgeChunk: (now, limit) =>
      deleteChunk('rate_limits', 'key', 't.window_started_at < $2::timestamptz', [
        daysBefore(now, RATE_LIMIT_KEEP_DAYS),
      ])(limit),
  },
  {
    table: 'audience_snapshots',
    what: 'audiences frozen at a preview, with their members',
    kept: `${SNAPSHOT_KEEP_DAYS} day after they expire (${SNAPSHOT_TTL_MINUTES} minutes after the preview), unless an announcement was sent or scheduled with them: then as long as the announcement`,
    why: 'an expired snapshot can never be sent; a sent one decides who sees the announcement in the feed',
    purgeChunk: purgeSnapshotsChunk,
  },
  {
    table: 'outbound_emails',
    what: 'one-to-one emails (sign-in codes, confirmations, relayed answers): address and body',
    kept: `${MAIL_KEEP_DAYS} days after they were sent or given up`,
    why: 'late bounce webhooks and "did it go out?". Bulk messages stay: they carry no body, the send progress counts them, and their address goes with the account',
    // Only finished interactive rows: bulk rows carry no body and are the progress cards'
    // counts; a queued or sending row is the pipeline's work and its retry's exact bytes
    // (decision 080). No index serves this (the due index covers queued rows only): each
    // chunk scans from the table's oldest rows, so a daily run needs one or two scans.
    purgeChunk: (now, limit) =>
      deleteChunk(
        'outbound_emails',
        'id',
        `t.lane = 'interactive' AND t.status IN ('sent', 'failed', 'skipped', 'cancelled')
          AND t.created_at < $2::timestamptz`,
        [daysBefore(now, MAIL_KEEP_DAYS)],
      )(limit),
  },
  {
    table: 'mail_batches',
    what: 'provider requests as sent (each recipient’s address)',
    kept: `${MAIL_KEEP_DAYS} days after the request finished`,
    why: 'a finished request is never retried; the addresses are needed only while it may be',
    purgeChunk: (now, limit) =>
      deleteChunk(
        'mail_batches',
        'id',
        `t.status IN ('sent', 'failed') AND t.done_at < $2::timestamptz`,
        [daysBefore(now, MAIL_KEEP_DAYS)],
      )(limit),
  },
  {
    table: 'captured_mail',
    what: 'emails kept instead of sent (no RESEND_API_KEY: development, MAIL_CAPTURE=true)',
    kept: `${MAIL_KEEP_DAYS} days`,
    why: `as long as the longest link in them (an invitation, ${INVITATION_TTL_DAYS} days) works`,
    purgeChunk: (now, limit) =>
      deleteChunk('captured_mail', 'id', 't.created_at < $2::timestamptz', [
        daysBefore(now, MAIL_KEEP_DAYS),
      ])(limit),
  },
  {
    table: 'entrant_uploads',
    what: 'entrant lists uploaded, not imported yet (the whole file: addresses, names, bibs)',
    kept: `${STAGED_UPLOAD_KEEP_DAYS} day after the upload, unless imported or discarded before`,
    why: 'a file left at the column check is never imported; the import and "discard" delete it at once',
    purgeChunk: (now, limit) =>
      deleteChunk('entrant_uploads', 'id', 't.created_at < $2::timestamptz', [
        daysBefore(now, STAGED_UPLOAD_KEEP_DAYS),
      ])(limit),
  },
  {
    table: 'webhook_events',
    what: 'ids of provider webhooks already handled (no payload)',
    kept: `${MAIL_KEEP_DAYS} days`,
    why: 'the provider redelivers a webhook for up to about 28 hours; a replay after that is harmless (outcomes only ever rise, replies are recognised by relay_inbound)',
    purgeChunk: (now, limit) =>
      deleteChunk('webhook_events', 'id', 't.received_at < $2::timestamptz', [
        daysBefore(now, MAIL_KEEP_DAYS),
      ])(limit),
  },
];

/**
 * A snapshot of a 60,000-member audience has 60,000 member rows: deleting the snapshot would
 * cascade to all of them in one statement, so its members go first, a chunk at a time
 * (by the primary key's leading snapshot_id), and the empty snapshot last.
 */
async function purgeSnapshotsChunk(now: Date, limit: number): Promise<number> {
  const cutoff = daysBefore(now, SNAPSHOT_KEEP_DAYS);
  const found = await database.executeSql(
    `SELECT t.id FROM audience_snapshots t WHERE ${snapshotGone('$1')} LIMIT 1`,
    [cutoff],
  );
  const snapshotId = found.rows[0]?.id as string | undefined;
  if (!snapshotId) return 0;
  const members = await database.executeSql(
    `DELETE FROM audience_snapshot_members WHERE (snapshot_id, membership_id) IN (
       SELECT sm.snapshot_id, sm.membership_id FROM audience_snapshot_members sm
       JOIN audience_snapshots t ON t.id = sm.snapshot_id
       WHERE sm.snapshot_id = $3 AND ${snapshotGone('$2')} LIMIT $1)`,
    [limit, cutoff, snapshotId],
  );
  if (members.rowCount >= limit) return members.rowCount;
  const snapshot = await database.executeSql(
    `DELETE FROM audience_snapshots t WHERE t.id = $2 AND ${snapshotGone('$1')}`,
    [cutoff, snapshotId],
  );
  return members.rowCount + snapshot.rowCount;
}

export interface RetentionResult {
  /** Rows purged per table. */
  purged: Record<string, number>;
  /** False when the run stopped at its time budget; the next run goes on. */
  complete: boolean;
}

/** Applies every rule, chunk by chunk, until nothing is left to purge or the budget is spent. */
export async function purgeExpiredData(
  options: { now?: Date; chunkRows?: number; budgetMs?: number } = {},
): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const deadline = Date.now() + (options.budgetMs ?? RUN_BUDGET_MS);
  const purged: Record<string, number> = {};
  let complete = true;
  for (const rule of retentionPolicy) {
    purged[rule.table] = 0;
    for (;;) {
      if (Date.now() > deadline) {
        complete = false;
        break;
      }
      const count = await rule.purgeChunk(now, chunkRows);
      purged[rule.table] += count;
      if (count === 0) break;
      // On the embedded database every statement shares the app's event loop: let waiting
      // requests run between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  logger.info('maintenance.retention_purged', { purged, complete });
  return { purged, complete };
}

/** The README's table, rendered from the policy (tests/integration/retention.test.ts). */
export function retentionTableMarkdown(): string {
  const lines = [
    '| table | what | kept | why |',
    '| --- | --- | --- | --- |',
    ...retentionPolicy.map(
      (rule) => `| \`${rule.table}\` | ${rule.what} | ${rule.kept} | ${rule.why} |`,
    ),
  ];
  return lines.join('\n');
}

export const retentionQueue = defineQueue<Record<string, never>>({
  name: 'maintenance.retention',
  // 03:45 in Tokyo: the quietest hour, before the storage sweep (04:30) and race mornings.
  cron: '45 3 * * *',
  retryLimit: 2,
  handler: async () => {
    await purgeExpiredData();
  },
});
