import { randomBytes } from 'node:crypto';
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { and, count, eq, sql } from 'drizzle-orm';
import { offerCodes, offers } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { withBodyLimit } from '~/utils/request-body.server';
import { CODE_MAX_LENGTH, normalizeCode } from './code-forms';

export const CODE_FILE_MAX_BYTES = 1024 * 1024;
export const MAX_CODES_PER_UPLOAD = 20_000;
// Shared with the sponsor's pages, which check the same limits in the browser.
export { CODE_MAX_LENGTH, MAX_GENERATED_PER_REQUEST, normalizeCode } from './code-forms';
export const MAX_POOL_SIZE = 100_000;

// No 0/O or 1/I: codes are read aloud and typed at a till. 32 symbols = 5 bits each (no
// modulo bias), so a 10-symbol code carries 50 bits from the CSPRNG — far beyond what the
// till's rate limit lets anyone guess.
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const GENERATED_CODE_LENGTH = 10;

const CODE_PATTERN = /^[A-Z0-9-]+$/;
export const CODE_MIN_LENGTH = 4;

export function generateCode(prefix = ''): string {
  const bytes = randomBytes(GENERATED_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return prefix ? `${prefix}-${code}` : code;
}

export type CodeLineProblem =
  | { line: number; reason: 'format' | 'length' | 'columns' | 'in_pool' }
  | { line: number; reason: 'duplicate'; firstLine: number };

export type CodeFileResult =
  | { ok: true; added: number }
  | { ok: false; reason: 'encoding' | 'empty' | 'too_many' | 'pool_full' }
  | {
      ok: false;
      reason: 'lines';
      problems: CodeLineProblem[];
      badLines: number;
      totalLines: number;
    };

/**
 * Checks an uploaded code list line by line: one code per line, an optional `code` header,
 * UTF-8 (codes are ASCII, so a Shift_JIS export reads the same). Returns every bad line.
 */
export function parseCodeFile(
  bytes: Uint8Array,
):
  | { ok: true; codes: string[]; totalLines: number; lineOf: Map<string, number> }
  | Exclude<CodeFileResult, { ok: true } | { reason: 'pool_full' }> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'encoding' };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: CodeLineProblem[] = [];
  const firstSeen = new Map<string, number>();
  const codes: string[] = [];
  let totalLines = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    let value = raw.trim();
    if (value === '') return;
    if (line === 1 && /^"?code"?$/i.test(value)) return;
    totalLines += 1;
    if (/^".*"$/.test(value)) value = value.slice(1, -1);
    if (/[,;\t"]/.test(value)) return void problems.push({ line, reason: 'columns' });
    const code = normalizeCode(value);
    if (code.length < CODE_MIN_LENGTH || code.length > CODE_MAX_LENGTH) {
      return void problems.push({ line, reason: 'length' });
    }
    if (!CODE_PATTERN.test(code)) return void problems.push({ line, reason: 'format' });
    const earlier = firstSeen.get(code);
    if (earlier !== undefined)
      return void problems.push({ line, reason: 'duplicate', firstLine: earlier });
    firstSeen.set(code, line);
    codes.push(code);
  });
  if (totalLines === 0) return { ok: false, reason: 'empty' };
  if (totalLines > MAX_CODES_PER_UPLOAD) return { ok: false, reason: 'too_many' };
  if (problems.length > 0) {
    return {
      ok: false,
      reason: 'lines',
      problems: problems.slice(0, 200),
      badLines: problems.length,
      totalLines,
    };
  }
  return { ok: true, codes, totalLines, lineOf: firstSeen };
}

async function poolSize(offerId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(offerCodes)
    .where(eq(offerCodes.offerId, offerId));
  return row?.n ?? 0;
}

/**
 * Adds an uploaded list to an offer's pool, all or nothing: a file with any bad line (or a
 * code the sponsor already has in any pool) adds no code at all, and the sponsor gets the
 * per-line report to fix and upload the whole file again. A half-imported pool is worse
 * than none: nobody could tell which lines made it.
 */
export async function importCodeFile(input: {
  sponsorId: string;
  eventId: string;
  offerId: string;
  userId: string;
  bytes: Uint8Array;
}): Promise<CodeFileResult> {
  const parsed = parseCodeFile(input.bytes);
  if (!parsed.ok) return parsed;
  if ((await poolSize(input.offerId)) + parsed.codes.length > MAX_POOL_SIZE)
    return { ok: false, reason: 'pool_full' };
  const lineOf = parsed.lineOf;
  const payload = JSON.stringify(parsed.codes);
  return db.transaction(async (tx) => {
    const existing = await selectRows<{ code: string }>(
      tx,
      sql`
      SELECT ${offerCodes.code} AS code FROM ${offerCodes}
      WHERE ${offerCodes.sponsorId} = ${input.sponsorId}
        AND ${offerCodes.code} IN (SELECT jsonb_array_elements_text(${payload}::jsonb))
    `,
    );
    const clashes = existing.map((row) => row.code);
    if (clashes.length > 0) {
      const problems = clashes
        .map((code) => ({ line: lineOf.get(code) ?? 0, reason: 'in_pool' as const }))
        .sort((a, b) => a.line - b.line);
      return {
        ok: false as const,
        reason: 'lines' as const,
        problems: problems.slice(0, 200),
        badLines: problems.length,
        totalLines: parsed.totalLines,
      };
    }
    const inserted = await insertCodes(tx, input.offerId, input.sponsorId, parsed.codes);
    if (inserted !== parsed.codes.length) {
      // A concurrent upload took some of these codes between the check and the insert.
      throw new Response(null, { status: 409 });
    }
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.userId,
        action: 'sponsor.codes.upload',
        target: `offer:${input.offerId}`,
        detail: { sponsorId: input.sponsorId, count: inserted },
      },
      tx,
    );
    return { ok: true as const, added: inserted };
  });
}

/** Generates `count` unguessable codes (optionally with a prefix) into the offer's pool. */
export async function generateCodes(input: {
  sponsorId: string;
  eventId: string;
  offerId: string;
  userId: string;
  count: number;
  prefix: string;
}): Promise<{ ok: true; added: number } | { ok: false; reason: 'pool_full' }> {
  if ((await poolSize(input.offerId)) + input.count > MAX_POOL_SIZE)
    return { ok: false, reason: 'pool_full' };
  return db.transaction(async (tx) => {
    let added = 0;
    // A collision of 50-bit codes is all but impossible; the loop only makes it harmless.
    for (let round = 0; added < input.count && round < 5; round += 1) {
      const batch = Array.from({ length: input.count - added }, () => generateCode(input.prefix));
      added += await insertCodes(tx, input.offerId, input.sponsorId, batch);
    }
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.userId,
        action: 'sponsor.codes.generate',
        target: `offer:${input.offerId}`,
        detail: { sponsorId: input.sponsorId, count: added },
      },
      tx,
    );
    return { ok: true as const, added };
  });
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// One set-based INSERT for the whole list (the codes travel as one JSON parameter).
async function insertCodes(
  tx: Tx | typeof db,
  offerId: string,
  sponsorId: string,
  codes: string[],
) {
  if (codes.length === 0) return 0;
  const inserted = await selectRows<{ id: number }>(
    tx,
    sql`
    INSERT INTO ${offerCodes} (${columnName(offerCodes.offerId)}, ${columnName(offerCodes.sponsorId)}, ${columnName(offerCodes.code)})
    SELECT ${offerId}, ${sponsorId}, value FROM jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)
    ON CONFLICT DO NOTHING
    RETURNING ${offerCodes.id} AS id
  `,
  );
  return inserted.length;
}

/** Pool size and how many codes are still unclaimed, for the sponsor's own offer. */
export async function poolCounts(offerId: string) {
  const [row] = await db
    .select({
      total: count(),
      available: sql<number>`count(*) filter (where ${offerCodes.status} = 'available')::int`,
    })
    .from(offerCodes)
    .innerJoin(offers, eq(offers.id, offerCodes.offerId))
    .where(and(eq(offerCodes.offerId, offerId)));
  return { total: row?.total ?? 0, available: row?.available ?? 0 };
}

/** Reads the uploaded code file from a multipart form, within CODE_FILE_MAX_BYTES. */
export async function readCodeFileUpload(
  request: Request,
): Promise<Uint8Array | 'too_large' | 'missing' | 'bad_request'> {
  const type = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) return 'bad_request';
  if (Number(request.headers.get('Content-Length') ?? '0') > CODE_FILE_MAX_BYTES + 64 * 1024)
    return 'too_large';
  try {
    const form = await unstable_parseMultipartFormData(
      // The whole body too (a BodyTooLargeError is a MaxPartSizeExceededError): the memory
      // handler keeps every part, so a per-part limit alone bounds nothing.
      withBodyLimit(request, CODE_FILE_MAX_BYTES + 64 * 1024),
      unstable_createMemoryUploadHandler({ maxPartSize: CODE_FILE_MAX_BYTES }),
    );
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return 'missing';
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return error instanceof MaxPartSizeExceededError ? 'too_large' : 'bad_request';
  }
}
