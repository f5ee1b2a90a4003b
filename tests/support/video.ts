import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { videos } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { mediaStorage } from '~/modules/video/media-storage.server';
import { generateId } from '~/modules/security/tokens.server';
import { APP_ORIGIN } from './requests';

/** The start of a real WebM file (EBML header, DocType "webm"), then `size` bytes in all. */
export function webmBytes(size = 64 * 1024): Uint8Array {
  const header = Buffer.from(
    '1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853',
    'hex',
  );
  const body = randomBytes(Math.max(0, size - header.length));
  return new Uint8Array(Buffer.concat([header, body]));
}

/** The start of an MP4 file (`ftyp` box with brand isom), then `size` bytes in all. */
export function mp4Bytes(size = 64 * 1024): Uint8Array {
  const header = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2', 'latin1'),
  ]);
  return new Uint8Array(Buffer.concat([header, randomBytes(Math.max(0, size - header.length))]));
}

export function pngBytes(): Uint8Array {
  return new Uint8Array(
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c0c3b10000000049454e44ae426082',
      'hex',
    ),
  );
}

/** A PDF, as a person might rename one to "video.mp4". */
export function pdfBytes(size = 4096): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n'), randomBytes(size)]));
}

/** A video row with a stored file, as an upload leaves it. Returns the file's bytes too. */
export async function storeTestVideo(
  eventId: string,
  options: { bytes?: Uint8Array; poster?: boolean; contentType?: 'video/webm' | 'video/mp4' } = {},
) {
  const bytes = options.bytes ?? webmBytes(200_000);
  const file = await mediaStorage.write(
    (async function* () {
      yield bytes;
    })(),
  );
  const poster = options.poster
    ? await mediaStorage.write(
        (async function* () {
          yield pngBytes();
        })(),
      )
    : null;
  const id = generateId();
  await db.insert(videos).values({
    id,
    eventId,
    titleJa: 'テスト動画',
    titleEn: 'Test video',
    storageKey: file.key,
    posterKey: poster?.key ?? null,
    contentType: options.contentType ?? 'video/webm',
    sizeBytes: file.sizeBytes,
  });
  return { videoId: id, bytes, storageKey: file.key, posterKey: poster?.key ?? null };
}

export async function videoCount(eventId: string) {
  const [row] = await db.select({ n: count() }).from(videos).where(eq(videos.eventId, eventId));
  return row.n;
}

/** Everything in media storage, finished or half-written. */
export async function storedMedia() {
  return { objects: await mediaStorage.list(), incoming: await mediaStorage.listIncoming() };
}

/** The media URL (path and query) on a video page, as the player receives it. */
export function mediaPath(src: string) {
  const url = new URL(src, APP_ORIGIN);
  return `${url.pathname}${url.search}`;
}

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; type: string; bytes: Uint8Array };

/** A multipart/form-data body as a browser sends it, with a fixed boundary. */
export function multipartBody(
  parts: Part[],
  boundary = '----StartlineTestBoundary7MA4YWxkTrZu0gW',
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.from(part.bytes));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`),
      );
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A browser-like upload POST; `body` may be a stream (to break it off part-way). */
export function uploadRequest(
  path: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  contentType: string,
  options: { cookie?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(`${APP_ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      Origin: APP_ORIGIN,
      'Content-Type': contentType,
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: body as BodyInit,
    duplex: 'half',
  } as RequestInit);
}
