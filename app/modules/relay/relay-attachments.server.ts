import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RelayMessageNote } from '~db/schema';
import { env } from '~/env.server';
import { LocalDiskStorage } from '~/modules/video/media-storage.server';

/**
 * Files that arrive with a reply. Staff may need a photo of a lost bib or a medical
 * certificate (PDF), so images and PDF up to RELAY_ATTACHMENT_MAX_BYTES are kept; everything
 * else is dropped with a note in the thread, never silently. The type is decided by the
 * file's own first bytes, not by the sender's declared content type or file name, and files
 * are stored under random names (DATA_DIR/media/attachments/<key>).
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

function attachmentsRoot(): string {
  if (env.DATA_DIR.startsWith('memory://') || env.NODE_ENV === 'test') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'startline-attachments-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    return folder;
  }
  return path.resolve(env.DATA_DIR, 'media', 'attachments');
}

export const attachmentStorage = new LocalDiskStorage(attachmentsRoot());

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
