import { and, eq, sql } from 'drizzle-orm';
import { entrantColumnMappings, entrantImports, entrantUploads } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { generateId } from '~/modules/security/tokens.server';
import {
  checkMapping,
  cleanCell,
  ENTRANT_FIELDS,
  guessMapping,
  mappingByHeader,
  readEntrantFile,
  shownValue,
  type EntrantColumn,
  type EntrantField,
  type EntrantMapping,
  type FileEncoding,
  type FileProblem,
  type MappingProblem,
} from './entrant-csv.server';
import { importEntrantFile, type ImportSummary } from './entrant-import.server';

/**
 * The column mapping step between the upload of an entrant list and its import: the file is
 * staged (entrant_uploads) as soon as it reads as a CSV, the uploader sees which column will be
 * used for what — guessed from the headers, or as they confirmed it for this event last time —
 * and nothing is written to invitations until they confirm. A staged file holds every address
 * in it: it is deleted by the import, by "cancel", by the uploader's next upload, and by the
 * retention job after a day.
 */

const SAMPLES_PER_COLUMN = 3;

// The file goes in and out as base64 through decode()/encode(): PGlite serializes a bytea
// parameter or result byte by byte in JavaScript (3 s to store a 4 MB list, 0.6 s to read it
// back), the server's own base64 takes a tenth of that, on postgres.js as well.
const storedFile = (bytes: Uint8Array) =>
  sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}, 'base64')`;
const fileAsBase64 = sql<string>`encode(${entrantUploads.bytes}, 'base64')`;
// Node's base64 decoder skips the line breaks PostgreSQL puts every 76 characters.
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export async function stageEntrantUpload(input: {
  eventId: string;
  uploadedBy: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<
  | { ok: true; uploadId: string }
  | { ok: false; problem: FileProblem; missingColumns?: EntrantColumn[] }
> {
  const read = readEntrantFile(input.bytes);
  if (!read.ok) return read;
  const uploadId = generateId();
  await db.transaction(async (tx) => {
    // One pending file per uploader and event: an upload abandoned for a corrected one does
    // not keep its addresses around until the retention job.
    await tx
      .delete(entrantUploads)
      .where(
        and(
          eq(entrantUploads.eventId, input.eventId),
          eq(entrantUploads.uploadedBy, input.uploadedBy),
        ),
      );
    await tx.insert(entrantUploads).values({
      id: uploadId,
      eventId: input.eventId,
      uploadedBy: input.uploadedBy,
      fileName: input.fileName.slice(0, 200),
      bytes: storedFile(input.bytes),
    });
  });
  return { ok: true, uploadId };
}

export interface MappingColumn {
  index: number;
  header: string;
  /** Up to three values of the column; addresses masked. */
  samples: string[];
}

export interface MappingView {
  uploadId: string;
  fileName: string;
  encoding: FileEncoding;
  dataRecords: number;
  /** Every field, in the form's order (the browser bundle has no server module). */
  fields: EntrantField[];
  columns: MappingColumn[];
  /** What the form preselects. */
  mapping: EntrantMapping;
}

/** The mapping form of one staged upload of this event; null when there is no such upload. */
export async function describeEntrantUpload(
  eventId: string,
  uploadId: string,
): Promise<MappingView | null> {
  const [upload] = await db
    .select({ fileName: entrantUploads.fileName, base64: fileAsBase64 })
    .from(entrantUploads)
    .where(and(eq(entrantUploads.id, uploadId), eq(entrantUploads.eventId, eventId)));
  if (!upload) return null;
  const read = readEntrantFile(bytesOf(upload.base64));
  if (!read.ok) return null; // it was readable when staged; the reader is deterministic
  const { file } = read;
  const mapping = guessMapping(file.header, await rememberedMapping(eventId));

  const columns: MappingColumn[] = file.header.map((cell, index) => ({
    index,
    header: cleanCell(cell).slice(0, 60),
    samples: [],
  }));
  for (const record of file.records) {
    if (columns.every((c) => c.samples.length >= SAMPLES_PER_COLUMN)) break;
    if (record.unterminated || file.badLines.has(record.line)) continue;
    for (const column of columns) {
      if (column.samples.length >= SAMPLES_PER_COLUMN) continue;
      const value = cleanCell(record.fields[column.index] ?? '');
      if (value === '') continue;
      // Nothing on the page shows an address: the email column masks every value (an
      // invalid one too), and any other cell that holds an "@" is masked as well.
      column.samples.push(
        column.index === mapping.email ? maskEmail(value.toLowerCase()) : shownValue('name', value),
      );
    }
  }
  return {
    uploadId,
    fileName: upload.fileName,
    encoding: file.encoding,
    dataRecords: file.records.length,
    fields: [...ENTRANT_FIELDS],
    columns,
    mapping,
  };
}

async function rememberedMapping(eventId: string) {
  const [row] = await db
    .select({ mapping: entrantColumnMappings.mapping })
    .from(entrantColumnMappings)
    .where(eq(entrantColumnMappings.eventId, eventId));
  return row?.mapping ?? null;
}

/** "Cancel": the staged file goes now rather than with the retention job. */
export async function cancelEntrantUpload(eventId: string, uploadId: string) {
  await db
    .delete(entrantUploads)
    .where(and(eq(entrantUploads.id, uploadId), eq(entrantUploads.eventId, eventId)));
}

class MappingRefused extends Error {
  constructor(readonly problem: MappingProblem) {
    super(problem);
  }
}

export type ConfirmResult =
  | { ok: true; importId: string; summary: ImportSummary }
  | { ok: false; mappingProblem: MappingProblem }
  /** Confirmed already (importId: its import), cancelled, expired, or another event's. */
  | { ok: false; gone: true; importId: string | null };

/**
 * Imports a staged upload with the mapping the uploader confirmed, in one transaction that
 * also deletes the staged file and remembers the mapping (as header texts) for the event's
 * next upload. The import takes the upload's id, so a second confirm of the same upload — a
 * double click, a reload — finds the file gone and can answer with that import, never a
 * second one. A mapping that cannot be used writes nothing and keeps the file staged.
 */
export async function confirmEntrantUpload(input: {
  eventId: string;
  actorUserId: string;
  uploadId: string;
  mapping: EntrantMapping;
}): Promise<ConfirmResult> {
  try {
    const result = await db.transaction(async (tx) => {
      // Deleting first takes the row's lock: a concurrent confirm waits here, then finds it gone.
      const [upload] = await tx
        .delete(entrantUploads)
        .where(
          and(eq(entrantUploads.id, input.uploadId), eq(entrantUploads.eventId, input.eventId)),
        )
        .returning({ fileName: entrantUploads.fileName, base64: fileAsBase64 });
      if (!upload) return null;
      const read = readEntrantFile(bytesOf(upload.base64));
      if (!read.ok) throw new MappingRefused('unknown_column'); // unreachable: checked when staged
      const problem = checkMapping(input.mapping, read.file.header.length);
      if (problem) throw new MappingRefused(problem);
      const imported = await importEntrantFile(tx, {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        fileName: upload.fileName,
        file: read.file,
        mapping: input.mapping,
        importId: input.uploadId,
      });
      const remembered = {
        eventId: input.eventId,
        mapping: mappingByHeader(input.mapping, read.file.header),
        updatedAt: new Date(),
      };
      await tx
        .insert(entrantColumnMappings)
        .values(remembered)
        .onConflictDoUpdate({
          target: entrantColumnMappings.eventId,
          set: { mapping: remembered.mapping, updatedAt: remembered.updatedAt },
        });
      return imported;
    });
    if (result) return result;
  } catch (error) {
    if (error instanceof MappingRefused) return { ok: false, mappingProblem: error.problem };
    throw error;
  }
  const [done] = await db
    .select({ id: entrantImports.id })
    .from(entrantImports)
    .where(and(eq(entrantImports.id, input.uploadId), eq(entrantImports.eventId, input.eventId)));
  return { ok: false, gone: true, importId: done?.id ?? null };
}
