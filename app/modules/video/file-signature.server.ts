/**
 * What a file is, judged by its first bytes rather than by its name or the type the browser
 * claims (both are whatever the uploader says). A renamed document stays a document.
 */
export type VideoType = 'video/mp4' | 'video/webm';
export type PosterType = 'image/png' | 'image/jpeg' | 'image/webp';

/** How many leading bytes the checks below need. */
export const SIGNATURE_BYTES = 64;

// ISO BMFF brands that are still images (HEIF/HEIC/AVIF) rather than video.
const IMAGE_BRANDS = new Set([
  'avif',
  'avis',
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'mif1',
  'msf1',
]);

function ascii(bytes: Uint8Array, start: number, end: number) {
  return String.fromCharCode(...bytes.subarray(start, end));
}

export function sniffVideo(head: Uint8Array): VideoType | null {
  // MP4 / ISO BMFF: a box size, then the `ftyp` box type at offset 4, then the major brand.
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    return IMAGE_BRANDS.has(ascii(head, 8, 12)) ? null : 'video/mp4';
  }
  // WebM: an EBML header (1A 45 DF A3) whose DocType is "webm" (plain Matroska is refused:
  // we serve it as video/webm, and browsers play WebM).
  if (
    head.length >= 4 &&
    head[0] === 0x1a &&
    head[1] === 0x45 &&
    head[2] === 0xdf &&
    head[3] === 0xa3
  ) {
    return ascii(head, 4, Math.min(head.length, SIGNATURE_BYTES)).includes('webm')
      ? 'video/webm'
      : null;
  }
  return null;
}

export function sniffPoster(head: Uint8Array): PosterType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((byte, i) => head[i] === byte)) return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return 'image/jpeg';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}
