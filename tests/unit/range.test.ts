import { describe, expect, it } from 'vitest';
import { contentRange, parseRange, unsatisfiedRange } from '~/modules/video/range.server';

const SIZE = 1000;

describe('parseRange (RFC 9110 byte ranges)', () => {
  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=0-499', 0, 499],
    ['bytes=500-999', 500, 999],
    ['bytes=999-999', 999, 999],
    ['bytes=900-', 900, 999],
    ['bytes=0-', 0, 999],
    ['bytes=-1', 999, 999],
    ['bytes=-100', 900, 999],
    ['bytes=-5000', 0, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=0-99999999999999999999999', 0, 999],
    ['BYTES = 10-20', 10, 20],
  ])('%s → bytes %i-%i', (header, start, end) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'partial', start, end });
  });

  it('serves the whole file without a Range header', () => {
    expect(parseRange(null, SIZE)).toEqual({ kind: 'full' });
    expect(parseRange(undefined, SIZE)).toEqual({ kind: 'full' });
  });

  it('ignores a multi-range request and serves the whole file (RFC 9110 lets a server)', () => {
    expect(parseRange('bytes=0-1,5-9', SIZE)).toEqual({ kind: 'full' });
  });

  it.each([
    'bytes=1000-',
    'bytes=1000-1005',
    'bytes=99999999999999999999-',
    'bytes=500-100',
    'bytes=-0',
    'bytes=-',
    'bytes=',
    'bytes=a-b',
    'bytes=1.5-2',
    'bytes=0-1,x',
    'items=0-10',
    '0-10',
    '',
  ])('%s is unsatisfiable', (header) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'unsatisfiable' });
  });

  it('finds nothing to serve in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('formats Content-Range for 206 and 416', () => {
    expect(contentRange(0, 0, SIZE)).toBe('bytes 0-0/1000');
    expect(unsatisfiedRange(SIZE)).toBe('bytes */1000');
  });
});
