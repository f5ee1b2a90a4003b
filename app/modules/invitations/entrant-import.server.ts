import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { entrantImports, suppressions } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { enqueue } from '~/modules/jobs/queue.server';
import { generateId } from '~/modules/security/tokens.server';
import {
  parseEntrantList,
  type EntrantColumn,
  type FileEncoding,
  type FileProblem,
  type RejectedLine,
} from './entrant-csv.server';
import { dispatchInvitationsQueue, INVITATION_TTL_DAYS } from './invitation-delivery.server';
import { suppressionHash } from './suppression.server';

/** Rows per INSERT … SELECT statement (one JSON parameter each). */
const INSERT_CHUNK = 5_000;
/** The result page lists at most this many rejected lines (the count is always complete). */
const REPORTED_LINES = 2_000;

export interface ImportSummary {
  encoding: FileEncoding;
  dataRecords: number;
  created: number;
  alreadyInvited: number;
  alreadyMember: number;
  suppressed: number;
  rejected: number;
  /** Line numbers and reasons only — never an address or a name. */
  rejectedLines: RejectedLine[];
  rejectedLinesTruncated: boolean;
  ignoredColumns: string[];
}

export type ImportResult =
  | { ok: true; importId: string; summary: ImportSummary }
  | { ok: false; problem: FileProblem; missingColumns?: EntrantColumn[] };

/**
 * Turns an uploaded entrant list into invitations — never into users or memberships (SPEC
 * P2: a subcontractor pre-registering every runner is exactly what happened in Fukui).
 *
 * One transaction: every valid row is classified against the event's suppressions,
 * memberships and invitations and inserted set-based; the import record, its audit entry
 * and the send jobs commit with it. Re-uploading the same file creates nothing new.
 */
export async function importEntrants(input: {
  eventId: string;
  actorUserId: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<ImportResult> {
  const parsed = parseEntrantList(input.bytes);
  if (!parsed.ok) return parsed;

  const importId = generateId();
  return db.transaction(async (tx) => {
    // An address that asked not to be invited again is never invited, even if it also has an
    // old invitation or membership. The event's suppressions are few; hashing 60,000
    // addresses is skipped entirely when there are none.
    const suppressed = new Set(
      (
        await tx
          .select({ hash: suppressions.emailHash })
          .from(suppressions)
          .where(eq(suppressions.eventId, input.eventId))
      ).map((row) => row.hash),
    );
    const candidates = parsed.rows
      .filter((row) => suppressed.size === 0 || !suppressed.has(suppressionHash(row.email)))
      .map((row) => ({
        id: generateId(),
        email: row.email,
        name: row.name,
        bib: row.bib,
        category: row.category,
      }));

    const counts = {
      new: 0,
      invited: 0,
      member: 0,
      suppressed: parsed.rows.length - candidates.length,
    };
    let created = 0;
    for (let start = 0; start < candidates.length; start += INSERT_CHUNK) {
      const chunk = candidates.slice(start, start + INSERT_CHUNK);
      const result = await insertChunk(tx, input.eventId, importId, chunk);
      counts.new += result.counts.new;
      counts.invited += result.counts.invited;
      counts.member += result.counts.member;
      created += result.created;
    }

    const summary: ImportSummary = {
      encoding: parsed.encoding,
      dataRecords: parsed.dataRecords,
      created,
      // A row classified "new" that lost an insert race with a concurrent upload of the same
      // file is an invitation that already exists.
      alreadyInvited: counts.invited + (counts.new - created),
      alreadyMember: counts.member,
      suppressed: counts.suppressed,
      rejected: parsed.rejected.length,
      rejectedLines: parsed.rejected.slice(0, REPORTED_LINES),
      rejectedLinesTruncated: parsed.rejected.length > REPORTED_LINES,
      ignoredColumns: parsed.ignoredColumns,
    };
    await tx.insert(entrantImports).values({
      id: importId,
      eventId: input.eventId,
      importedBy: input.actorUserId,
      fileName: input.fileName.slice(0, 200),
      encoding: parsed.encoding,
      summary: summary as unknown as Record<string, unknown>,
    });
    // One job commits with the import; it splits the sending into jobs of SEND_CHUNK.
    if (created > 0) await enqueue(dispatchInvitationsQueue, { importId }, { tx });
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'entrants.import',
        target: `import:${importId}`,
        detail: {
          created: summary.created,
          alreadyInvited: summary.alreadyInvited,
          alreadyMember: summary.alreadyMember,
          suppressed: summary.suppressed,
          rejected: summary.rejected,
        },
      },
      tx,
    );
    return { ok: true as const, importId, summary };
  });
}

type Outcome = 'new' | 'invited' | 'member';

async function insertChunk(
  tx: DbOrTx,
  eventId: string,
  importId: string,
  chunk: { id: string; email: string; name: string; bib: string; category: string | null }[],
) {
  // Any membership (active or left) counts as "already a member": a runner who left is not
  // invited back by the next upload.
  const result = await tx.execute(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        AS x(id text, email text, name text, bib text, category text)
    ),
    classified AS (
      SELECT input.*,
        CASE
          WHEN EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                       WHERE m.event_id = ${eventId} AND u.email = input.email) THEN 'member'
          WHEN EXISTS (SELECT 1 FROM invitations i
                       WHERE i.event_id = ${eventId} AND i.email = input.email) THEN 'invited'
          ELSE 'new'
        END AS outcome
      FROM input
    ),
    inserted AS (
      INSERT INTO invitations (id, event_id, email, name, bib, category, import_id, expires_at)
      SELECT id, ${eventId}, email, name, bib, category, ${importId},
             now() + make_interval(days => ${INVITATION_TTL_DAYS})
      FROM classified WHERE outcome = 'new'
      ON CONFLICT (event_id, email) DO NOTHING
      RETURNING 1
    )
    SELECT outcome, count(*)::int AS n FROM classified GROUP BY outcome
    UNION ALL
    SELECT 'created', count(*)::int FROM inserted
  `);
  const counts: Record<Outcome, number> = { new: 0, invited: 0, member: 0 };
  let created = 0;
  for (const row of rowsOf<{ outcome: string; n: number }>(result)) {
    if (row.outcome === 'created') created = Number(row.n);
    else counts[row.outcome as Outcome] = Number(row.n);
  }
  return { counts, created };
}

/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The stored result of one upload, for the result page (this event's imports only). */
export async function getImportSummary(eventId: string, importId: string) {
  const [row] = await db
    .select({
      fileName: entrantImports.fileName,
      summary: entrantImports.summary,
      createdAt: entrantImports.createdAt,
    })
    .from(entrantImports)
    .where(and(eq(entrantImports.id, importId), eq(entrantImports.eventId, eventId)));
  if (!row) return null;
  return {
    fileName: row.fileName,
    createdAt: row.createdAt,
    summary: row.summary as unknown as ImportSummary,
  };
}
