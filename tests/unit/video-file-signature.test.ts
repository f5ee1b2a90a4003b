import { describe, expect, it } from 'vitest';
import { sniffPoster, sniffVideo } from '~/modules/video/file-signature.server';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
    ),
  );

describe('file signatures', () => {
  it('recognises MP4 by the ftyp box at offset 4 and WebM by EBML with DocType webm', () => {
    expect(sniffVideo(bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'))).toBe(
      'video/mp4',
    );
    expect(sniffVideo(bytes([0, 0, 0, 0x20], 'ftypmp42', [0, 0, 0, 0]))).toBe('video/mp4');
    expect(
      sniffVideo(
        bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
      ),
    ).toBe('video/webm');
  });

  it('refuses everything else, whatever the file is called', () => {
    expect(sniffVideo(bytes('%PDF-1.7\n'))).toBeNull();
    expect(sniffVideo(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]))).toBeNull();
    expect(sniffVideo(bytes('PK', [3, 4], 'zip file'))).toBeNull();
    expect(sniffVideo(bytes('ftypisom at the wrong offset'))).toBeNull();
    expect(sniffVideo(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toBeNull();
    expect(sniffVideo(bytes([0, 0, 0, 0x18], 'ftypavif', [0, 0, 0, 0]))).toBeNull();
    expect(
      sniffVideo(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska')),
    ).toBeNull();
    expect(sniffVideo(new Uint8Array())).toBeNull();
  });

  it('recognises PNG, JPEG and WebP posters only', () => {
    expect(sniffPoster(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(sniffPoster(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPoster(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffPoster(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffPoster(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffPoster(bytes('GIF89a'))).toBeNull();
  });
});
