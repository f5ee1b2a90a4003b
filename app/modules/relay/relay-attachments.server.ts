import { createReadableStreamFromReadable } from '@remix-run/node';
import type { RelayMessageNote } from '~db/schema';
import { env } from '~/env.server';
import { attachmentStorage } from '~/modules/storage/storages.server';
import { answeringStorageOutage } from '~/modules/storage/storage-response.server';

export { attachmentStorage };

/**
 * Files that arrive with a reply. Staff may need a photo of a lost bib or a medical
 * certificate (PDF), so images and PDF up to RELAY_ATTACHMENT_MAX_BYTES are kept; everything
 * else is dropped with a note in the thread, never silently. The type is decided by the
 * file's own first bytes, not by the sender's declared content type or file name, and files
 * are stored under random names in the attachments store (DATA_DIR/media/attachments/<key>,
 * or `attachments/<key>` in the bucket: decision 095).
 */

/** At most this many files are kept from one message; the rest are noted as dropped. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

export type KeptType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';

const DECLARED_OK = /^(image\/(png|jpe?g|gif|webp)|application\/pdf)$/i;

/** Whether the declared type is worth downloading at all. */
export function declaredTypeAccepted(contentType: string | null | undefined): boolean {
  return DECLARED_OK.test((contentType ?? '').split(';')[0].trim());
}

/** The type the bytes prove, or null when they are not a PNG/JPEG/GIF/WebP/PDF file. */
export function sniffType(bytes: Uint8Array): KeptType | null {
  const starts = (...sig: number[]) => sig.every((byte, i) => bytes[i] === byte);
  const ascii = (from: number, text: string) =>
    [...text].every((ch, i) => bytes[from + i] === ch.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  return null;
}

/** A file name fit to show: no path, no control characters, no addresses, not too long. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f<>"]/g, '')
    .replace(/[^\s@]+@[^\s@]+/g, '…')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

export interface IncomingAttachment {
  fileName: string | null;
  declaredType: string | null;
  declaredSize: number | null;
  /** Fetches the bytes (at most `limit` + 1 of them, so an oversized file is recognised). */
  download: (limit: number) => Promise<Uint8Array | null>;
}

export interface KeptAttachment {
  fileName: string;
  contentType: KeptType;
  sizeBytes: number;
  storageKey: string;
}

/**
 * Downloads and stores the acceptable files; returns what was kept and a note for each file
 * that was not. Files are written before the message's transaction; if it fails the caller
 * removes them with `discardStored`.
 */
export async function keepAttachments(
  incoming: IncomingAttachment[],
): Promise<{ kept: KeptAttachment[]; notes: RelayMessageNote[] }> {
  const max = env.RELAY_ATTACHMENT_MAX_BYTES;
  const kept: KeptAttachment[] = [];
  const notes: RelayMessageNote[] = [];
  try {
    for (const [index, file] of incoming.entries()) {
      const fileName = safeFileName(file.fileName, `attachment-${index + 1}`);
      if (index >= MAX_ATTACHMENTS_PER_MESSAGE) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'count' });
        continue;
      }
      if (!declaredTypeAccepted(file.declaredType)) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'type' });
        continue;
      }
      if (file.declaredSize !== null && file.declaredSize > max) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'size' });
        continue;
      }
      const bytes = await file.download(max).catch(() => null);
      if (!bytes) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'unavailable' });
        continue;
      }
      if (bytes.byteLength > max) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'size' });
        continue;
      }
      const contentType = sniffType(bytes);
      if (!contentType) {
        notes.push({ kind: 'attachment_dropped', fileName, reason: 'type' });
        continue;
      }
      const { key, sizeBytes } = await attachmentStorage.write(
        (async function* () {
          yield bytes;
        })(),
      );
      kept.push({ fileName, contentType, sizeBytes, storageKey: key });
    }
  } catch (error) {
    await discardStored(kept.map((k) => k.storageKey));
    throw error;
  }
  return { kept, notes };
}

export async function discardStored(keys: string[]) {
  for (const key of keys) await attachmentStorage.remove(key);
}

/**
 * A kept file for staff, streamed from the store (never held whole in memory). The type sent
 * is the one the file's own bytes proved when it arrived; images open inline, PDFs are
 * downloaded. Never cached, never sniffed, sandboxed should a browser render it anyway. A
 * missing file is a 404; a store that is down, a 503 with Retry-After.
 */
export function attachmentResponse(
  request: Request,
  file: { fileName: string; contentType: string; sizeBytes: number; storageKey: string },
): Promise<Response> {
  return answeringStorageOutage(request, async () => {
    const body = await attachmentStorage.read(file.storageKey);
    if (!body) return new Response(null, { status: 404 });
    request.signal?.addEventListener('abort', () => body.destroy(), { once: true });
    const inline = file.contentType.startsWith('image/');
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return new Response(createReadableStreamFromReadable(body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.sizeBytes),
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  });
}

/** Reads at most `limit + 1` bytes of a response body (enough to know it is too large). */
export async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  if (!response.ok || !response.body) return null;
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    return new Uint8Array(limit + 1);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return new Uint8Array(limit + 1);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
