import iconv from 'iconv-lite';
import { z } from 'zod';

/**
 * Reads the entrant list a race office exports from its registration system or Excel: a CSV
 * with a header row, in UTF-8 (with or without BOM) or Shift_JIS/CP932. Pure: bytes in,
 * valid rows and a per-line report out. Nothing here touches the database.
 *
 * Line numbers are physical lines of the file (what a spreadsheet or editor shows), so a
 * quoted field spanning two lines makes the next record start two lines further down.
 */

export const ENTRANT_LIMITS = {
  email: 254,
  name: 200,
  bib: 32,
  category: 100,
  dataRows: 100_000,
  /** A record that has been swallowed by a stray quote more often than this is not a CSV. */
  unterminatedQuotes: 100,
} as const;

export type EntrantColumn = 'email' | 'name' | 'bib' | 'category';
const REQUIRED_COLUMNS: EntrantColumn[] = ['email', 'name', 'bib'];

export type RowProblem =
  | { reason: 'missing_column'; column: EntrantColumn }
  | { reason: 'missing_value'; column: EntrantColumn }
  | { reason: 'invalid_email' }
  | { reason: 'too_long'; column: EntrantColumn; limit: number }
  | { reason: 'formula'; column: EntrantColumn }
  | { reason: 'duplicate'; firstLine: number }
  | { reason: 'encoding' }
  | { reason: 'unterminated_quote' }
  | { reason: 'extra_fields' };

export interface EntrantRow {
  line: number;
  email: string;
  name: string;
  bib: string;
  category: string | null;
}

export interface RejectedLine {
  line: number;
  problems: RowProblem[];
}

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

export type FileProblem =
  | 'empty'
  | 'binary'
  | 'utf16'
  | 'undecodable'
  | 'no_header'
  | 'missing_columns'
  | 'too_many_rows'
  | 'malformed';

export type EntrantListResult =
  | {
      ok: true;
      encoding: FileEncoding;
      rows: EntrantRow[];
      rejected: RejectedLine[];
      /** Header cells that are not one of ours; their values are never read or stored. */
      ignoredColumns: string[];
      dataRecords: number;
    }
  | { ok: false; problem: FileProblem; missingColumns?: EntrantColumn[] };

// ---------------------------------------------------------------------------------------
// Decoding

interface Decoded {
  text: string;
  encoding: FileEncoding;
  /** Physical line numbers (1-based) whose bytes are not valid in the file's encoding. */
  badLines: Set<number>;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * UTF-8 if the bytes are valid UTF-8; otherwise decided line by line: a file whose non-ASCII
 * lines are mostly valid UTF-8 is UTF-8 with a few broken lines (someone pasted a Shift_JIS
 * line into it), otherwise it is CP932 (Excel's "CSV" on Japanese Windows). A line that does
 * not decode cleanly in the chosen encoding is reported, never silently turned into mojibake;
 * when the header or most lines are unreadable the whole file is refused.
 */
export function decodeEntrantBytes(
  input: Uint8Array,
): { ok: true; decoded: Decoded } | { ok: false; problem: FileProblem } {
  let bytes = input;
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: 'utf16' };
  }
  // A NUL byte never appears in a text CSV: this is a spreadsheet (.xlsx is a ZIP), a PDF, …
  if (bytes.includes(0)) return { ok: false, problem: 'binary' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) bytes = bytes.subarray(3);
  // Classic Mac line ends (CR only). 0x0D is never part of a multi-byte character in
  // UTF-8 or CP932, so the replacement is safe before decoding.
  if (!bytes.includes(0x0a) && bytes.includes(0x0d)) {
    bytes = Uint8Array.from(bytes, (b) => (b === 0x0d ? 0x0a : b));
  }

  try {
    const text = utf8Strict.decode(bytes);
    return {
      ok: true,
      decoded: { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8', badLines: new Set() },
    };
  } catch {
    // not valid UTF-8 as a whole: look at each line
  }

  // 0x0A is never part of a multi-byte character in UTF-8 or CP932 either, so splitting the
  // raw bytes on it yields exactly the physical lines.
  const lines: { bytes: Uint8Array; kind: 'ascii' | 'utf8' | 'invalid' }[] = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    lines.push({ bytes: slice, kind: classifyLine(slice) });
    if (end === -1) break;
    start = end + 1;
  }
  const utf8Lines = lines.filter((l) => l.kind === 'utf8').length;
  const invalidLines = lines.filter((l) => l.kind === 'invalid').length;
  // On a tie UTF-8 wins: it is what current Excel ("CSV UTF-8") and every web system export.
  const useUtf8 = hasBom || utf8Lines >= invalidLines;

  // Decoding the whole file and splitting afterwards gives the same lines (see above) and is
  // much faster than decoding 60,000 lines one by one.
  let texts = (
    useUtf8 ? utf8Lenient.decode(bytes) : iconv.decode(Buffer.from(bytes), 'cp932')
  ).split('\n');
  // Should a broken double-byte character ever swallow a line break, decode line by line.
  if (texts.length !== lines.length) {
    texts = lines.map((line) =>
      useUtf8 ? utf8Lenient.decode(line.bytes) : iconv.decode(Buffer.from(line.bytes), 'cp932'),
    );
  }
  const badLines = new Set<number>();
  lines.forEach((line, index) => {
    if (line.kind === 'ascii') return;
    if (useUtf8) {
      if (line.kind === 'invalid') badLines.add(index + 1);
      return;
    }
    // A valid UTF-8 line inside a CP932 file would decode to mojibake without any error.
    // CP932's user-defined area (gaiji) decodes to private-use characters that no other
    // computer can show; in practice they are Latin-1 bytes ("ñ" + a letter), not names.
    if (line.kind === 'utf8' || /[\uFFFD\uE000-\uF8FF]/.test(texts[index])) badLines.add(index + 1);
  });

  const nonAscii = utf8Lines + invalidLines;
  if (badLines.has(firstNonBlankLine(texts)) || badLines.size * 2 > nonAscii) {
    return { ok: false, problem: 'undecodable' };
  }
  return {
    ok: true,
    decoded: {
      text: texts.join('\n'),
      encoding: useUtf8 ? (hasBom ? 'utf-8-bom' : 'utf-8') : 'shift_jis',
      badLines,
    },
  };
}

function classifyLine(bytes: Uint8Array): 'ascii' | 'utf8' | 'invalid' {
  let ascii = true;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    ascii = false;
    // Well-formed UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return 'invalid';
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return 'invalid';
    for (let k = 2; k <= need; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return 'invalid';
    }
    i += need + 1;
  }
  return ascii ? 'ascii' : 'utf8';
}

function firstNonBlankLine(texts: string[]) {
  const index = texts.findIndex((t) => t.trim() !== '');
  return index + 1;
}

// ---------------------------------------------------------------------------------------
// CSV records (RFC 4180, lenient about stray quotes inside unquoted fields)

export interface CsvRecord {
  /** Physical line the record starts on. */
  line: number;
  /** Physical line the record ends on (> line when a quoted field holds line breaks). */
  endLine: number;
  fields: string[];
  /** A quote opened in this record is never closed; its fields are unusable. */
  unterminated?: boolean;
}

export function parseCsv(
  text: string,
  delimiter = ',',
): { records: CsvRecord[]; malformed: boolean } {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let restarts = 0;

  while (i < n) {
    const startIndex = i;
    const startLine = line;
    const fields: string[] = [];
    let unterminated = false;

    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i += 1;
        let closed = false;
        while (i < n) {
          const quote = text.indexOf('"', i);
          if (quote === -1) break;
          const chunk = text.slice(i, quote);
          line += countNewlines(chunk);
          field += chunk;
          if (text[quote + 1] === '"') {
            field += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          unterminated = true;
          break;
        }
      }
      // Unquoted text (or anything after a closing quote) up to the delimiter or line end.
      let end = i;
      while (end < n && text[end] !== delimiter && text[end] !== '\n') end += 1;
      field += text.slice(i, end);
      i = end;
      fields.push(field.endsWith('\r') && text[i] === '\n' ? field.slice(0, -1) : field);
      if (i >= n) break;
      if (text[i] === delimiter) {
        i += 1;
        continue;
      }
      i += 1; // '\n'
      line += 1;
      break;
    }

    if (unterminated) {
      // Report the record where the quote opened, then read on from its next physical line,
      // so one stray quote does not swallow every valid row after it.
      records.push({ line: startLine, endLine: startLine, fields: [], unterminated: true });
      restarts += 1;
      if (restarts > ENTRANT_LIMITS.unterminatedQuotes) return { records, malformed: true };
      const next = text.indexOf('\n', startIndex);
      if (next === -1) break;
      i = next + 1;
      line = startLine + 1;
      continue;
    }
    const endLine = i >= n && !text.endsWith('\n') ? line : line - 1;
    records.push({ line: startLine, endLine: Math.max(startLine, endLine), fields });
  }
  return { records, malformed: false };
}

function countNewlines(chunk: string) {
  let count = 0;
  for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) count += 1;
  return count;
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

// ---------------------------------------------------------------------------------------
// Header and rows

// Header cells are compared after NFKC, lowercasing and removing spaces, "-", "_", "." and a
// trailing "(必須)"-style note, so "E-Mail", "ＥメールＡｄｄｒｅｓｓ" and "メールアドレス（必須）" all match.
const HEADER_NAMES: Record<EntrantColumn, string[]> = {
  email: [
    'email',
    'mail',
    'emailaddress',
    'mailaddress',
    'メールアドレス',
    'メール',
    'eメール',
    'eメールアドレス',
    '電子メール',
    '電子メールアドレス',
  ],
  name: [
    'name',
    'fullname',
    'entrantname',
    'runnername',
    '氏名',
    '名前',
    'お名前',
    '姓名',
    '参加者名',
    '選手名',
    'ランナー名',
  ],
  bib: [
    'bib',
    'bibnumber',
    'bibno',
    'number',
    'ゼッケン',
    'ゼッケン番号',
    'ゼッケンno',
    'ナンバー',
    'ナンバーカード',
    'ナンバーカード番号',
    'ナンバー番号',
  ],
  category: ['category', 'division', 'race', '種目', '部門', 'カテゴリ', 'カテゴリー', '参加種目'],
};

export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(.*\)$/, '')
    .replace(/[\s\-_.]/g, '');
}

function mapHeader(cells: string[]) {
  const index: Partial<Record<EntrantColumn, number>> = {};
  const ignored: string[] = [];
  cells.forEach((cell, position) => {
    const key = headerKey(cell);
    const column = (Object.keys(HEADER_NAMES) as EntrantColumn[]).find((c) =>
      HEADER_NAMES[c].includes(key),
    );
    if (column && index[column] === undefined) index[column] = position;
    else if (cell.trim() !== '') ignored.push(cleanCell(cell).slice(0, 60));
  });
  return { index, ignored };
}

/**
 * NFKC folds full-width letters, digits and "＠" to ASCII and half-width katakana to
 * full-width; line breaks and tabs inside a cell become spaces; control and bidi-override
 * characters (which could disguise a name on screen) are dropped.
 */
export function cleanCell(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

// A cell starting with one of these is a formula in Excel/LibreOffice/Sheets. The list is
// shown to staff and may be exported later, so such rows are refused (CSV injection).
const FORMULA_START = /^[=+\-@]/;

// The same pattern the sign-in form's z.email() uses, so every imported address can sign in;
// tested directly because 60,000 zod parses cost more than the rest of the row checks.
const EMAIL_PATTERN = z.regexes.email;

function isBlank(record: CsvRecord) {
  return !record.unterminated && record.fields.every((f) => f.trim() === '');
}

export function parseEntrantList(bytes: Uint8Array): EntrantListResult {
  const decodedResult = decodeEntrantBytes(bytes);
  if (!decodedResult.ok) return decodedResult;
  const { text, encoding, badLines } = decodedResult.decoded;

  const { records, malformed } = parseCsv(text, detectDelimiter(text));
  if (malformed) return { ok: false, problem: 'malformed' };
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt === -1) return { ok: false, problem: 'empty' };
  const header = records[headerAt];
  if (header.unterminated) return { ok: false, problem: 'no_header' };
  const { index, ignored } = mapHeader(header.fields);
  const missingColumns = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  if (missingColumns.length === REQUIRED_COLUMNS.length) return { ok: false, problem: 'no_header' };
  if (missingColumns.length > 0) return { ok: false, problem: 'missing_columns', missingColumns };

  const dataRecords = records.slice(headerAt + 1).filter((r) => !isBlank(r));
  if (dataRecords.length > ENTRANT_LIMITS.dataRows) return { ok: false, problem: 'too_many_rows' };

  const rows: EntrantRow[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOf = new Map<string, number>();
  const headerWidth = header.fields.length;

  for (const record of dataRecords) {
    const problems = checkRecord(
      record,
      index as Record<EntrantColumn, number | undefined>,
      headerWidth,
      badLines,
    );
    if (problems.problems.length > 0) {
      rejected.push({ line: record.line, problems: problems.problems });
      continue;
    }
    const row = problems.row!;
    const first = firstLineOf.get(row.email);
    if (first !== undefined) {
      rejected.push({ line: record.line, problems: [{ reason: 'duplicate', firstLine: first }] });
      continue;
    }
    firstLineOf.set(row.email, record.line);
    rows.push(row);
  }
  return {
    ok: true,
    encoding,
    rows,
    rejected,
    ignoredColumns: ignored,
    dataRecords: dataRecords.length,
  };
}

function checkRecord(
  record: CsvRecord,
  index: Record<EntrantColumn, number | undefined>,
  headerWidth: number,
  badLines: Set<number>,
): { problems: RowProblem[]; row?: EntrantRow } {
  if (record.unterminated) return { problems: [{ reason: 'unterminated_quote' }] };
  for (let line = record.line; line <= record.endLine; line += 1) {
    // The values of a line in the wrong encoding are garbage: report only that.
    if (badLines.has(line)) return { problems: [{ reason: 'encoding' }] };
  }
  const problems: RowProblem[] = [];
  const value = (column: EntrantColumn): string | undefined => {
    const at = index[column];
    if (at === undefined) return undefined;
    if (at >= record.fields.length) {
      if (REQUIRED_COLUMNS.includes(column)) problems.push({ reason: 'missing_column', column });
      return undefined;
    }
    return cleanCell(record.fields[at]);
  };
  const email = value('email')?.toLowerCase();
  const name = value('name');
  const bib = value('bib');
  const category = value('category');
  if (record.fields.slice(headerWidth).some((f) => f.trim() !== ''))
    problems.push({ reason: 'extra_fields' });

  const cells: [EntrantColumn, string | undefined][] = [
    ['email', email],
    ['name', name],
    ['bib', bib],
    ['category', category],
  ];
  for (const [column, cell] of cells) {
    if (cell === undefined) continue;
    if ((column === 'email' || column === 'name') && cell === '') {
      problems.push({ reason: 'missing_value', column });
      continue;
    }
    if (cell.length > ENTRANT_LIMITS[column])
      problems.push({ reason: 'too_long', column, limit: ENTRANT_LIMITS[column] });
    if (FORMULA_START.test(cell)) problems.push({ reason: 'formula', column });
  }
  if (
    email &&
    email.length <= ENTRANT_LIMITS.email &&
    !FORMULA_START.test(email) &&
    !EMAIL_PATTERN.test(email)
  ) {
    problems.push({ reason: 'invalid_email' });
  }
  if (problems.length > 0 || email === undefined || name === undefined || bib === undefined) {
    return { problems };
  }
  return { problems, row: { line: record.line, email, name, bib, category: category || null } };
}
