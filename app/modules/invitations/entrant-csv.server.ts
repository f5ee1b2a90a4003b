import iconv from 'iconv-lite';
import { z } from 'zod';
import { maskEmail } from '~/modules/membership/mask-email';

/**
 * Reads the entrant list a race office exports from its registration system or Excel: a CSV
 * with a header row, in UTF-8 (with or without BOM) or Shift_JIS/CP932. Pure: bytes in,
 * valid rows and a per-line report out. Nothing here touches the database.
 *
 * Which column holds what is a mapping (field → column index) the uploader confirms; it is
 * guessed from the header cells first (RUNNET, moshicom and Sportsentry exports split the
 * name into 姓/名 and call the bib アスリートビブス or ナンバーカード).
 *
 * Line numbers are physical lines of the file (what a spreadsheet or editor shows), so a
 * quoted field spanning two lines makes the next record start two lines further down.
 */

export const ENTRANT_LIMITS = {
  email: 254,
  name: 200,
  kana: 200,
  bib: 32,
  category: 100,
  dataRows: 100_000,
  /** A record that has been swallowed by a stray quote more often than this is not a CSV. */
  unterminatedQuotes: 100,
} as const;

/** The fields a column of the file can be mapped to. */
export const ENTRANT_FIELDS = [
  'email',
  'familyName',
  'givenName',
  'fullName',
  'kanaFamily',
  'kanaGiven',
  'kanaFull',
  'bib',
  'category',
] as const;
export type EntrantField = (typeof ENTRANT_FIELDS)[number];
/** Field → column index in the header; a field without an entry is not read. */
export type EntrantMapping = Partial<Record<EntrantField, number>>;

/** What a stored row is made of (姓 and 名 become one name). */
export type EntrantColumn = 'email' | 'name' | 'kana' | 'bib' | 'category';

/** Why a mapping cannot be used; the route answers 400 with the matching message. */
export type MappingProblem =
  | 'email_required'
  | 'bib_required'
  | 'name_required'
  | 'name_twice'
  | 'column_twice'
  | 'unknown_column';

/**
 * `value` is the cell that failed, as the report shows it to every editor of the event: cut
 * to REPORTED_VALUE_LENGTH and, for an address (or anything with an "@"), masked.
 */
export type RowProblem = { value?: string } & (
  | { reason: 'missing_column'; column: EntrantColumn }
  | { reason: 'missing_value'; column: EntrantColumn }
  | { reason: 'invalid_email'; column: 'email' }
  | { reason: 'too_long'; column: EntrantColumn; limit: number }
  | { reason: 'formula'; column: EntrantColumn }
  | { reason: 'duplicate'; column: 'email'; firstLine: number }
  | { reason: 'duplicate_bib'; column: 'bib'; otherLines: number[] }
  | { reason: 'bib_taken'; column: 'bib' }
  | { reason: 'encoding' }
  | { reason: 'unterminated_quote' }
  | { reason: 'extra_fields' }
);

export interface EntrantRow {
  line: number;
  email: string;
  name: string;
  /** Reading of the name; '' when the file has none. */
  nameKana: string;
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
      /** Header cells that are not mapped; their values are never read or stored. */
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
// Header and mapping

// Header cells are compared after NFKC, lowercasing and removing spaces, "-", "_", "." — first
// as they are, then without a trailing "(必須)"-style note — so "E-Mail", "ＰＣメール",
// "メールアドレス（必須）" and "フリガナ（セイ）" all match.
const HEADER_NAMES: Record<EntrantField, string[]> = {
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
    'pcメール',
    'pcメールアドレス',
    'パソコンメール',
    '携帯メール',
    '携帯メールアドレス',
    'モバイルメール',
    '連絡先メールアドレス',
  ],
  fullName: [
    'name',
    'fullname',
    'entrantname',
    'runnername',
    '氏名',
    '名前',
    'お名前',
    '姓名',
    '参加者名',
    '参加者氏名',
    '選手名',
    'ランナー名',
  ],
  familyName: [
    '姓',
    '氏',
    'familyname',
    'lastname',
    'surname',
    '名前(姓)',
    '氏名(姓)',
    'お名前(姓)',
    '姓名(姓)',
    '参加者姓',
  ],
  givenName: [
    '名',
    'givenname',
    'firstname',
    '名前(名)',
    '氏名(名)',
    'お名前(名)',
    '姓名(名)',
    '参加者名(名)',
  ],
  kanaFull: [
    'フリガナ',
    'ふりがな',
    'カナ',
    'よみがな',
    'ヨミガナ',
    'カナ氏名',
    '氏名カナ',
    '氏名フリガナ',
    'フリガナ氏名',
    '氏名(カナ)',
    '氏名(フリガナ)',
    'お名前(フリガナ)',
    '名前(フリガナ)',
    'furigana',
    'kana',
    'namekana',
  ],
  kanaFamily: [
    'セイ',
    'せい',
    'フリガナ(セイ)',
    'ふりがな(せい)',
    'フリガナ(姓)',
    'ふりがな(姓)',
    'カナ(姓)',
    '姓カナ',
    '姓フリガナ',
    '姓(カナ)',
    '姓(フリガナ)',
    'セイ(カナ)',
    'lastnamekana',
    'familynamekana',
  ],
  kanaGiven: [
    'メイ',
    'めい',
    'フリガナ(メイ)',
    'ふりがな(めい)',
    'フリガナ(名)',
    'ふりがな(名)',
    'カナ(名)',
    '名カナ',
    '名フリガナ',
    '名(カナ)',
    '名(フリガナ)',
    'メイ(カナ)',
    'firstnamekana',
    'givennamekana',
  ],
  bib: [
    'bib',
    'bibnumber',
    'bibno',
    'number',
    'ゼッケン',
    'ゼッケン番号',
    'ゼッケンno',
    'ゼッケンナンバー',
    'ナンバー',
    'ナンバーカード',
    'ナンバーカード番号',
    'ナンバーカードno',
    'ナンバー番号',
    'アスリートビブス',
    'アスリートビブス番号',
    'アスリートビブスno',
    'ビブス',
    'ビブス番号',
  ],
  category: [
    'category',
    'division',
    'race',
    'class',
    '種目',
    '種目名',
    '部門',
    '部門名',
    'カテゴリ',
    'カテゴリー',
    'カテゴリ名',
    'カテゴリー名',
    '参加種目',
    'エントリー種目',
    '参加部門',
  ],
};

const FIELD_OF_KEY = new Map<string, EntrantField>();
for (const field of ENTRANT_FIELDS) {
  for (const name of HEADER_NAMES[field]) FIELD_OF_KEY.set(headerKey(name, false), field);
}

/** A header cell folded for comparison; `withoutNote` also drops a trailing "(…)". */
export function headerKey(cell: string, withoutNote = true): string {
  const folded = cell.normalize('NFKC').toLowerCase();
  return (withoutNote ? folded.replace(/\(.*\)$/, '') : folded).replace(/[\s\-_.]/g, '');
}

function fieldOfHeader(cell: string): EntrantField | undefined {
  return FIELD_OF_KEY.get(headerKey(cell, false)) ?? FIELD_OF_KEY.get(headerKey(cell));
}

/** The header text a remembered mapping refers to a column by. */
export function headerText(cell: string): string {
  return cleanCell(cell).slice(0, 200);
}

function guessFromHeader(header: string[]): EntrantMapping {
  const mapping: EntrantMapping = {};
  header.forEach((cell, position) => {
    const field = fieldOfHeader(cell);
    // The first matching column wins: with PCメール and 携帯メール, the PC address.
    if (field && mapping[field] === undefined) mapping[field] = position;
  });
  return settleNameFields(mapping);
}

/** One name column, or 姓 (+ 名): never both; a 名 without a 姓 is not a name. */
function settleNameFields(mapping: EntrantMapping): EntrantMapping {
  if (mapping.fullName !== undefined) {
    delete mapping.familyName;
    delete mapping.givenName;
  } else if (mapping.familyName === undefined) delete mapping.givenName;
  if (mapping.kanaFull !== undefined) {
    delete mapping.kanaFamily;
    delete mapping.kanaGiven;
  } else if (mapping.kanaFamily === undefined) delete mapping.kanaGiven;
  return mapping;
}

/**
 * The mapping to preselect for a file: what the uploader confirmed for this event last time
 * (field → header text) where those headers are in this file, guessed from the headers
 * otherwise. When every remembered header is present it is the same export as last time,
 * and the remembered mapping applies whole — including fields deliberately left unused.
 */
export function guessMapping(
  header: string[],
  remembered?: Record<string, string> | null,
): EntrantMapping {
  const guessed = guessFromHeader(header);
  if (!remembered) return guessed;
  const texts = header.map(headerText);
  const positionOf = (text: string) => (text === '' ? -1 : texts.indexOf(text));
  const rememberedFields = ENTRANT_FIELDS.filter((f) => typeof remembered[f] === 'string');
  const assigned = rememberedFields.filter((f) => remembered[f] !== '');
  if (assigned.length === 0) return guessed;

  const mapping: EntrantMapping = {};
  for (const field of assigned) {
    const position = positionOf(remembered[field]);
    if (position !== -1) mapping[field] = position;
  }
  const sameExport = assigned.every((f) => mapping[f] !== undefined);
  if (sameExport) return mapping;

  // Another file: the remembered choices that apply, guesses for the other fields.
  const used = new Set(Object.values(mapping));
  for (const field of ENTRANT_FIELDS) {
    const position = guessed[field];
    if (mapping[field] !== undefined || position === undefined || used.has(position)) continue;
    if (field === 'familyName' || field === 'givenName') {
      if (mapping.fullName !== undefined) continue;
    } else if (field === 'fullName' && mapping.familyName !== undefined) continue;
    if (field === 'kanaFamily' || field === 'kanaGiven') {
      if (mapping.kanaFull !== undefined) continue;
    } else if (field === 'kanaFull' && mapping.kanaFamily !== undefined) continue;
    mapping[field] = position;
    used.add(position);
  }
  return settleNameFields(mapping);
}

/** The mapping as the event remembers it: field → header text ('' = not used). */
export function mappingByHeader(mapping: EntrantMapping, header: string[]): Record<string, string> {
  const byHeader: Record<string, string> = {};
  for (const field of ENTRANT_FIELDS) {
    const position = mapping[field];
    byHeader[field] = position === undefined ? '' : headerText(header[position] ?? '');
  }
  return byHeader;
}

/** Null when the mapping can be imported with; otherwise why not. */
export function checkMapping(mapping: EntrantMapping, headerWidth: number): MappingProblem | null {
  const positions = ENTRANT_FIELDS.map((f) => mapping[f]).filter(
    (p): p is number => p !== undefined,
  );
  if (positions.some((p) => !Number.isInteger(p) || p < 0 || p >= headerWidth))
    return 'unknown_column';
  if (new Set(positions).size !== positions.length) return 'column_twice';
  if (mapping.email === undefined) return 'email_required';
  if (mapping.bib === undefined) return 'bib_required';
  if (mapping.fullName !== undefined) {
    if (mapping.familyName !== undefined || mapping.givenName !== undefined) return 'name_twice';
  } else if (mapping.familyName === undefined) return 'name_required';
  if (
    mapping.kanaFull !== undefined &&
    (mapping.kanaFamily !== undefined || mapping.kanaGiven !== undefined)
  )
    return 'name_twice';
  return null;
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

/** How long a failing value may be in the stored report. */
export const REPORTED_VALUE_LENGTH = 60;

/**
 * A cell as the import report (and the mapping page's samples) may show it to every editor of
 * the event: an address — or anything with an "@" in it — masked (SPEC P1), the rest cut short.
 */
export function shownValue(column: EntrantColumn, value: string): string {
  if (column === 'email' || value.includes('@')) return maskEmail(value);
  const chars = Array.from(value);
  return chars.length > REPORTED_VALUE_LENGTH
    ? `${chars.slice(0, REPORTED_VALUE_LENGTH).join('')}…`
    : value;
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

// ---------------------------------------------------------------------------------------
// The file and its rows

export interface EntrantFile {
  encoding: FileEncoding;
  header: string[];
  /** Data records (blank lines dropped), in file order. */
  records: CsvRecord[];
  badLines: Set<number>;
}

/**
 * Decodes and splits the file, and refuses what cannot be an entrant list whatever the mapping:
 * not text, no header, more than 100,000 rows, fewer header cells than the three required
 * fields. Which column is which is decided later (guessMapping, then the uploader).
 */
export function readEntrantFile(
  bytes: Uint8Array,
):
  | { ok: true; file: EntrantFile }
  | { ok: false; problem: FileProblem; missingColumns?: EntrantColumn[] } {
  const decodedResult = decodeEntrantBytes(bytes);
  if (!decodedResult.ok) return decodedResult;
  const { text, encoding, badLines } = decodedResult.decoded;

  const { records, malformed } = parseCsv(text, detectDelimiter(text));
  if (malformed) return { ok: false, problem: 'malformed' };
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt === -1) return { ok: false, problem: 'empty' };
  const header = records[headerAt];
  if (header.unterminated) return { ok: false, problem: 'no_header' };
  // A first line holding an address is a row of data: the header row is missing.
  if (header.fields.some((cell) => EMAIL_PATTERN.test(cleanCell(cell).toLowerCase())))
    return { ok: false, problem: 'no_header' };
  const headerCells = header.fields.filter((cell) => cell.trim() !== '').length;
  if (headerCells < 3) {
    // Too few columns for an address, a name and a bib: name what the headers lack.
    const guessed = guessFromHeader(header.fields);
    const missingColumns: EntrantColumn[] = [];
    if (guessed.email === undefined) missingColumns.push('email');
    if (guessed.fullName === undefined && guessed.familyName === undefined)
      missingColumns.push('name');
    if (guessed.bib === undefined) missingColumns.push('bib');
    if (missingColumns.length === 3) return { ok: false, problem: 'no_header' };
    return { ok: false, problem: 'missing_columns', missingColumns };
  }

  const dataRecords = records.slice(headerAt + 1).filter((r) => !isBlank(r));
  if (dataRecords.length > ENTRANT_LIMITS.dataRows) return { ok: false, problem: 'too_many_rows' };
  return { ok: true, file: { encoding, header: header.fields, records: dataRecords, badLines } };
}

/**
 * The valid rows and the per-line report of a file read with a (checked) mapping. Beyond each
 * row's own checks: the same address twice keeps the first line; the same bib on lines with
 * different addresses rejects every one of them, each naming the others — which one is right
 * is for the office to say, not for us to guess.
 */
export function entrantRows(
  file: EntrantFile,
  mapping: EntrantMapping,
): Extract<EntrantListResult, { ok: true }> {
  const candidates: EntrantRow[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOf = new Map<string, number>();
  const headerWidth = file.header.length;

  for (const record of file.records) {
    const checked = checkRecord(record, mapping, headerWidth, file.badLines);
    if (!checked.row) {
      rejected.push({ line: record.line, problems: checked.problems });
      continue;
    }
    const row = checked.row;
    const first = firstLineOf.get(row.email);
    if (first !== undefined) {
      rejected.push({
        line: record.line,
        problems: [
          {
            reason: 'duplicate',
            column: 'email',
            firstLine: first,
            value: shownValue('email', row.email),
          },
        ],
      });
      continue;
    }
    firstLineOf.set(row.email, record.line);
    candidates.push(row);
  }

  // Addresses are distinct by now, so two rows with one bib are two people claiming it.
  const linesOfBib = new Map<string, number[]>();
  for (const row of candidates) {
    const lines = linesOfBib.get(row.bib);
    if (lines) lines.push(row.line);
    else linesOfBib.set(row.bib, [row.line]);
  }
  const rows: EntrantRow[] = [];
  let bibConflicts = false;
  for (const row of candidates) {
    const lines = linesOfBib.get(row.bib)!;
    if (lines.length === 1) {
      rows.push(row);
      continue;
    }
    bibConflicts = true;
    rejected.push({
      line: row.line,
      problems: [
        {
          reason: 'duplicate_bib',
          column: 'bib',
          otherLines: lines.filter((l) => l !== row.line),
          value: shownValue('bib', row.bib),
        },
      ],
    });
  }
  if (bibConflicts) rejected.sort((a, b) => a.line - b.line);

  const mapped = new Set(Object.values(mapping));
  const ignoredColumns = file.header
    .filter((cell, position) => !mapped.has(position) && cell.trim() !== '')
    .map((cell) => cleanCell(cell).slice(0, 60));
  return {
    ok: true,
    encoding: file.encoding,
    rows,
    rejected,
    ignoredColumns,
    dataRecords: file.records.length,
  };
}

/**
 * Reads a whole entrant list with the given mapping, or with the one guessed from its header
 * (for callers without a mapping step: a file whose headers do not name the required columns
 * is then refused as missing_columns).
 */
export function parseEntrantList(bytes: Uint8Array, mapping?: EntrantMapping): EntrantListResult {
  const read = readEntrantFile(bytes);
  if (!read.ok) return read;
  const used = mapping ?? guessMapping(read.file.header);
  const problem = checkMapping(used, read.file.header.length);
  if (problem) {
    const missingColumns: EntrantColumn[] = [];
    if (used.email === undefined) missingColumns.push('email');
    if (used.fullName === undefined && used.familyName === undefined) missingColumns.push('name');
    if (used.bib === undefined) missingColumns.push('bib');
    return { ok: false, problem: 'missing_columns', missingColumns };
  }
  return entrantRows(read.file, used);
}

const REQUIRED: ReadonlySet<EntrantColumn> = new Set(['email', 'name', 'bib']);

function checkRecord(
  record: CsvRecord,
  mapping: EntrantMapping,
  headerWidth: number,
  badLines: Set<number>,
): { problems: RowProblem[]; row?: EntrantRow } {
  if (record.unterminated) return { problems: [{ reason: 'unterminated_quote' }] };
  for (let line = record.line; line <= record.endLine; line += 1) {
    // The values of a line in the wrong encoding are garbage: report only that.
    if (badLines.has(line)) return { problems: [{ reason: 'encoding' }] };
  }
  const problems: RowProblem[] = [];
  const short = new Set<EntrantColumn>();
  const cell = (field: EntrantField, column: EntrantColumn): string | undefined => {
    const at = mapping[field];
    if (at === undefined) return undefined;
    if (at >= record.fields.length) {
      if (REQUIRED.has(column)) short.add(column);
      return undefined;
    }
    return cleanCell(record.fields[at]);
  };
  // 姓 and 名 are joined with a space, as the name is written on a Japanese form.
  const joined = (whole: string | undefined, parts: (string | undefined)[]) =>
    whole ?? (parts.every((p) => p === undefined) ? undefined : parts.filter(Boolean).join(' '));

  const email = cell('email', 'email')?.toLowerCase();
  const name = joined(cell('fullName', 'name'), [
    cell('familyName', 'name'),
    cell('givenName', 'name'),
  ]);
  const kana = joined(cell('kanaFull', 'kana'), [
    cell('kanaFamily', 'kana'),
    cell('kanaGiven', 'kana'),
  ]);
  const bib = cell('bib', 'bib');
  const category = cell('category', 'category');
  for (const column of short) problems.push({ reason: 'missing_column', column });
  if (record.fields.slice(headerWidth).some((f) => f.trim() !== ''))
    problems.push({ reason: 'extra_fields' });

  const cells: [EntrantColumn, string | undefined][] = [
    ['email', email],
    ['name', name],
    ['kana', kana],
    ['bib', bib],
    ['category', category],
  ];
  for (const [column, value] of cells) {
    if (value === undefined) continue;
    if (value === '') {
      // The bib is how staff and runners refer to each other: required like the address.
      if (REQUIRED.has(column)) problems.push({ reason: 'missing_value', column, value: '' });
      continue;
    }
    const limit = ENTRANT_LIMITS[column];
    if (value.length > limit)
      problems.push({ reason: 'too_long', column, limit, value: shownValue(column, value) });
    if (FORMULA_START.test(value))
      problems.push({ reason: 'formula', column, value: shownValue(column, value) });
  }
  if (
    email &&
    email.length <= ENTRANT_LIMITS.email &&
    !FORMULA_START.test(email) &&
    !EMAIL_PATTERN.test(email)
  ) {
    problems.push({ reason: 'invalid_email', column: 'email', value: shownValue('email', email) });
  }
  if (problems.length > 0 || email === undefined || name === undefined || bib === undefined) {
    return { problems };
  }
  return {
    problems,
    row: { line: record.line, email, name, nameKana: kana ?? '', bib, category: category || null },
  };
}
