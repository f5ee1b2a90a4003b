import type { Readable } from 'node:stream';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { answeringStorageOutage } from '~/modules/storage/storage-response.server';
import { sniffPoster } from './file-signature.server';
import { mediaStorage, type MediaStorage } from './media-storage.server';
import { contentRange, parseRange, unsatisfiedRange } from './range.server';

/**
 * Headers on every media answer. `private, no-store`: no shared cache (a proxy, a CDN) and no
 * disk cache keeps a copy of a members-only video. `inline`: play it, don't offer to save it.
 */
function mediaHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Cache-Control': 'private, no-store',
    'Content-Disposition': 'inline',
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    // Media URLs carry a token; never hand it on to another site.
    'Referrer-Policy': 'no-referrer',
  });
}

/** The answer for every refused media request: no body, nothing about why. */
export function mediaForbidden(): Response {
  return mediaRefused(403);
}

/** 403 for a refused request; 404 for a video its staff took off the members' pages. */
export function mediaRefused(status: 403 | 404): Response {
  return new Response(null, { status, headers: { 'Cache-Control': 'private, no-store' } });
}

/**
 * Streams a stored video with HTTP Range support (206 / 200 / 416). The file is read with a
 * stream for exactly the requested bytes (a ranged GetObject on S3); nothing is buffered
 * whole, and the read stops when the viewer goes away. The size comes from the video's row
 * when it is known, so a seek costs one read of the store, not a HEAD as well. A store that
 * is unreachable answers 503 with Retry-After.
 */
export function videoResponse(
  request: Request,
  video: { storageKey: string; contentType: string; sizeBytes?: number | null },
  storage: MediaStorage = mediaStorage,
): Promise<Response> {
  return answeringStorageOutage(request, () => streamVideo(request, video, storage));
}

async function streamVideo(
  request: Request,
  video: { storageKey: string; contentType: string; sizeBytes?: number | null },
  storage: MediaStorage,
): Promise<Response> {
  const size = video.sizeBytes ?? (await storage.size(video.storageKey));
  if (size === null) return mediaForbidden();
  const headers = mediaHeaders(video.contentType);
  const range = parseRange(request.headers.get('Range'), size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', unsatisfiedRange(size));
    headers.delete('Content-Type');
    return new Response(null, { status: 416, headers });
  }
  const { start, end, status } =
    range.kind === 'partial'
      ? { start: range.start, end: range.end, status: 206 }
      : { start: 0, end: size - 1, status: 200 };
  headers.set('Content-Length', String(end - start + 1));
  if (status === 206) headers.set('Content-Range', contentRange(start, end, size));
  if (request.method === 'HEAD') return new Response(null, { status, headers });
  // An empty file has no byte to read (and a ranged read of it would be refused).
  if (size === 0) return new Response(null, { status, headers });
  const file = await storage.read(video.storageKey, { start, end });
  if (!file) return mediaForbidden();
  return new Response(streamOf(request, file), { status, headers });
}

export function posterResponse(
  request: Request,
  video: { posterKey: string | null },
  storage: MediaStorage = mediaStorage,
): Promise<Response> {
  return answeringStorageOutage(request, () => streamPoster(request, video, storage));
}

async function streamPoster(
  request: Request,
  video: { posterKey: string | null },
  storage: MediaStorage,
): Promise<Response> {
  if (!video.posterKey) return mediaForbidden();
  const size = await storage.size(video.posterKey);
  if (size === null) return mediaForbidden();
  const type = sniffPoster(await storage.readHead(video.posterKey, 16));
  if (!type) return mediaForbidden();
  const headers = mediaHeaders(type);
  headers.delete('Accept-Ranges');
  headers.set('Content-Length', String(size));
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const file = await storage.read(video.posterKey);
  if (!file) return mediaForbidden();
  return new Response(streamOf(request, file), { status: 200, headers });
}

function streamOf(request: Request, file: Readable) {
  // A viewer who seeks or leaves aborts the request: close the file at once.
  request.signal?.addEventListener('abort', () => file.destroy(), { once: true });
  return createReadableStreamFromReadable(file);
}
