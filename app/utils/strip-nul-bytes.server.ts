import { Transform } from 'node:stream';

/**
 * React 18.3's streaming renderer copies text into 2 KB blocks and, when a multi-byte
 * character (most Japanese) does not fit at the end of a block, sends the whole block anyway:
 * its unused last one or two bytes go out as zero bytes (facebook/react#31134, #27554). A
 * browser drops them in body text, but they break a `<title>`, an attribute or a crawler, and
 * a page of ours never contains U+0000 legitimately (the input guard refuses it, decision
 * 081). In UTF-8 a zero byte is only ever U+0000, never part of another character, so removing
 * every zero byte is exact. Remove once React is upgraded past the bug.
 */
export function stripNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) {
        callback(null, chunk);
        return;
      }
      const kept = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
      callback(null, kept.subarray(0, length));
    },
  });
}
