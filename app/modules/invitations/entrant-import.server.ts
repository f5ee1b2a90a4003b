import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  entrantImports,
  eventCategories,
  invitations,
  memberships,
  suppressions,
  users,
} from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnNames } from '~/modules/database/sql-names.server';
import { enqueue } from '~/modules/jobs/queue.server';
import { generateId } from '~/modules/security/tokens.server';
import {
  checkMapping,
  entrantRows,
  guessMapping,
  readEntrantFile,
  shownValue,
  type EntrantColumn,
  type EntrantFile,
  type EntrantMapping,
  type EntrantRow,
  type FileEncoding,
  type FileProblem,
  type MappingProblem,
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
  /**
   * Line numbers, fields, reasons and the failing values — addresses masked, values cut
   * short (shownValue) — for every editor of the event to fix the file with.
   */
  rejectedLines: RejectedLine[];
  rejectedLinesTruncated: boolean;
  ignoredColumns: string[];
}

export type ImportResult =
  | { ok: true; importId: string; summary: ImportSummary }
  | { ok: false; problem: FileProblem; missingColumns?: EntrantColumn[] }
  | { ok: false; mappingProblem: MappingProblem };

/** The mapping guessed from a file's header, for callers without a mapping step. */
export function guessEntrantMapping(bytes: Uint8Array): EntrantMapping {
  const read = readEntrantFile(bytes);
  return read.ok ? guessMapping(read.file.header) : {};
}

/**
 * Turns an uploaded entrant list into invitations — never into users or memberships (SPEC
 * P2: a subcontractor pre-registering every runner is exactly what happened in Fukui) —
 * reading its columns as `mapping` says (guessEntrantMapping, or what the uploader confirmed).
 * One transaction; see importEntrantFile. Re-uploading the same file creates nothing new.
 */
export async function importEntrants(input: {
  eventId: string;
  actorUserId: string;
  fileName: string;
  bytes: Uint8Array;
  mapping: EntrantMapping;
}): Promise<ImportResult> {
  const read = readEntrantFile(input.bytes);
  if (!read.ok) return read;
  const mappingProblem = checkMapping(input.mapping, read.file.header.length);
  if (mappingProblem) return { ok: false, mappingProblem };
  const { file } = read;
  return db.transaction((tx) => importEntrantFile(tx, { ...input, file, importId: generateId() }));
}

/**
 * The import itself, inside the caller's transaction (the mapping step also deletes the staged
 * upload and remembers the mapping in it): every valid row is classified against the event's
 * suppressions, memberships and invitations and inserted set-based; a row whose bib belongs to
 * someone else of the event is rejected; the categories, the import record, its audit entry
 * and the send job commit with it. `mapping` must have passed checkMapping.
 */
export async function importEntrantFile(
  tx: DbOrTx,
  input: {
    eventId: string;
    actorUserId: string;
    fileName: string;
    file: EntrantFile;
    mapping: EntrantMapping;
    importId: string;
  },
): Promise<{ ok: true; importId: string; summary: ImportSummary }> {
  const { importId } = input;
  const parsed = entrantRows(input.file, input.mapping);
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
  const candidates = parsed.rows.filter(
    (row) => suppressed.size === 0 || !suppressed.has(suppressionHash(row.email)),
  );

  const counts = {
    new: 0,
    invited: 0,
    member: 0,
    suppressed: parsed.rows.length - candidates.length,
  };
  let created = 0;
  const bibTaken = new Set<number>();
  for (let start = 0; start < candidates.length; start += INSERT_CHUNK) {
    const chunk = candidates.slice(start, start + INSERT_CHUNK);
    const result = await insertChunk(tx, input.eventId, importId, chunk);
    counts.new += result.counts.new;
    counts.invited += result.counts.invited;
    counts.member += result.counts.member;
    created += result.created;
    for (const line of result.bibTakenLines) bibTaken.add(line);
  }

  // The other holder of the bib is never named: not their name, not their address.
  let rejected = parsed.rejected;
  if (bibTaken.size > 0) {
    const taken: RejectedLine[] = candidates
      .filter((row) => bibTaken.has(row.line))
      .map((row) => ({
        line: row.line,
        problems: [{ reason: 'bib_taken', column: 'bib', value: shownValue('bib', row.bib) }],
      }));
    rejected = [...rejected, ...taken].sort((a, b) => a.line - b.line);
  }

  // The event's categories (種目), for the announcement audience and the invitee filters.
  const categories = [
    ...new Set(
      candidates
        .filter((row) => row.category && !bibTaken.has(row.line))
        .map((row) => row.category!),
    ),
  ];
  if (categories.length > 0) {
    await tx
      .insert(eventCategories)
      .values(categories.map((name) => ({ eventId: input.eventId, name })))
      .onConflictDoNothing();
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
    rejected: rejected.length,
    rejectedLines: rejected.slice(0, REPORTED_LINES),
    rejectedLinesTruncated: rejected.length > REPORTED_LINES,
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
}

type Outcome = 'new' | 'invited' | 'member' | 'bib_taken';

async function insertChunk(tx: DbOrTx, eventId: string, importId: string, chunk: EntrantRow[]) {
  const input = chunk.map((row) => ({
    id: generateId(),
    line: row.line,
    email: row.email,
    name: row.name,
    name_kana: row.nameKana,
    bib: row.bib,
    category: row.category,
  }));
  // Any membership (active or left) counts as "already a member": a runner who left is not
  // invited back by the next upload. A bib held by another address — a live invitation or
  // any membership of the event — is someone else's: the row is rejected, not guessed at.
  // The file itself has no bib twice by now, so rows of one chunk never clash.
  const m = alias(memberships, 'm');
  const u = alias(users, 'u');
  const i = alias(invitations, 'i');
  const inv = invitations;
  const result = await selectRows<{ outcome: string; n: number; lines: string | null }>(
    tx,
    sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        AS x(id text, line int, email text, name text, name_kana text, bib text, category text)
    ),
    classified AS (
      SELECT input.*,
        CASE
          WHEN EXISTS (SELECT 1 FROM ${memberships} AS ${m} JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
                       WHERE ${m.eventId} = ${eventId} AND ${u.email} = input.email) THEN 'member'
          WHEN EXISTS (SELECT 1 FROM ${invitations} AS ${i}
                       WHERE ${i.eventId} = ${eventId} AND ${i.email} = input.email) THEN 'invited'
          WHEN EXISTS (SELECT 1 FROM ${invitations} AS ${i}
                       WHERE ${i.eventId} = ${eventId} AND ${i.bib} = input.bib
                         AND ${i.email} <> input.email
                         AND ${i.revokedAt} IS NULL AND ${i.status} <> 'revoked')
            OR EXISTS (SELECT 1 FROM ${memberships} AS ${m} JOIN ${users} AS ${u} ON ${u.id} = ${m.userId}
                       WHERE ${m.eventId} = ${eventId} AND ${m.bib} = input.bib
                         AND ${u.email} <> input.email) THEN 'bib_taken'
          ELSE 'new'
        END AS outcome
      FROM input
    ),
    inserted AS (
      INSERT INTO ${inv} (${columnNames(inv.id, inv.eventId, inv.email, inv.name, inv.nameKana, inv.bib, inv.category, inv.importId, inv.expiresAt)})
      SELECT id, ${eventId}, email, name, name_kana, bib, category, ${importId},
             now() + make_interval(days => ${INVITATION_TTL_DAYS})
      FROM classified WHERE outcome = 'new'
      ON CONFLICT (${columnNames(inv.eventId, inv.email)}) DO NOTHING
      RETURNING 1
    )
    SELECT outcome, count(*)::int AS n,
           CASE WHEN outcome = 'bib_taken' THEN string_agg(line::text, ',') END AS lines
    FROM classified GROUP BY outcome
    UNION ALL
    SELECT 'created', count(*)::int, NULL FROM inserted
  `,
  );
  const counts: Record<Outcome, number> = { new: 0, invited: 0, member: 0, bib_taken: 0 };
  let created = 0;
  let bibTakenLines: number[] = [];
  for (const row of result) {
    if (row.outcome === 'created') created = Number(row.n);
    else counts[row.outcome as Outcome] = Number(row.n);
    if (row.outcome === 'bib_taken' && row.lines) bibTakenLines = row.lines.split(',').map(Number);
  }
  return { counts, created, bibTakenLines };
}

/** drizzle's execute() returns an array on postgres.js and `{ rows }` on PGlite. */

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
