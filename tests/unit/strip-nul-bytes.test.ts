import { describe, expect, it } from 'vitest';
import { withoutNulBytes } from '~/utils/strip-nul-bytes.server';

describe('removing the zero bytes React leaves at its block ends', () => {
  it('removes every zero byte and keeps everything else in order', () => {
    const text = Buffer.from('大会からのお知らせ 受付は7時から', 'utf8');
    const withZeros = Buffer.concat([
      Buffer.from([0]),
      text.subarray(0, 5),
      Buffer.from([0, 0]),
      text.subarray(5),
      Buffer.from([0]),
    ]);
    expect(withoutNulBytes(withZeros).toString('utf8')).toBe('大会からのお知らせ 受付は7時から');
    expect(withoutNulBytes(Buffer.from([0, 0, 0]))).toEqual(Buffer.alloc(0));
  });

  it('hands back a page without zero bytes as it is', () => {
    const page = Buffer.from('<p>ok</p>');
    expect(withoutNulBytes(page)).toBe(page);
  });
});
