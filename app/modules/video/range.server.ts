/**
 * HTTP Range requests for media (RFC 9110 §14). Video elements ask for `bytes=N-` first and
 * then seek with further single ranges; that is all we serve. A header we do not understand,
 * or a range that lies outside the file, is answered with 416 rather than guessed at.
 */
export type RangeResult =
  /** No Range header (or several ranges, which RFC 9110 lets a server ignore): send it all. */
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header === null || header === undefined) return { kind: 'full' };
  const trimmed = header.trim();
  const match = /^bytes\s*=\s*(.+)$/i.exec(trimmed);
  if (!match) return { kind: 'unsatisfiable' };
  const specs = match[1].split(',').map((part) => part.trim());
  if (specs.some((spec) => !SINGLE_RANGE.test(spec))) return { kind: 'unsatisfiable' };
  if (specs.length > 1) return { kind: 'full' };

  const [, first, last] = SINGLE_RANGE.exec(specs[0])!;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (size <= 0) return { kind: 'unsatisfiable' };

  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length <= 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  // Digits only (checked above), so Number() is exact or, past 2^53, larger than any file.
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (last === '') return { kind: 'partial', start, end: size - 1 };
  const requestedEnd = Number(last);
  if (requestedEnd < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(requestedEnd, size - 1) };
}

export function contentRange(start: number, end: number, size: number) {
  return `bytes ${start}-${end}/${size}`;
}

export function unsatisfiedRange(size: number) {
  return `bytes */${size}`;
}
