import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import { videos } from '~db/schema';
import { env } from '~/env.server';
import type { MessageKey } from '~/i18n/messages';
import type { Translate } from '~/i18n/translate';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { decodeTextField } from '~/modules/security/input-guard.server';
import { generateId } from '~/modules/security/tokens.server';
import { isStorageUnavailable } from '~/modules/storage/object-storage';
import { parseForm, type FieldErrors } from '~/utils/form.server';
import { logger } from '~/utils/logger.server';
import { BodyTooLargeError, withBodyLimit } from '~/utils/request-body.server';
import { SIGNATURE_BYTES, sniffPoster, sniffVideo, type VideoType } from './file-signature.server';
import { mediaStorage } from './media-storage.server';
import { videoDetailsSchema, type VideoDetails } from './video-details-form';

export const POSTER_MAX_BYTES = 5 * 1024 * 1024;
/** How long a refused upload waits for its parts to clean up before it answers anyway. */
const PART_SETTLE_TIMEOUT_MS = 5_000;

async function settledOrAfter(promises: Promise<unknown>[], ms: number) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** Room for the text fields and multipart framing on top of the two files. */
const FORM_OVERHEAD_BYTES = 256 * 1024;
const TEXT_FIELDS_MAX_BYTES = 64 * 1024;

export function videoUploadLimit(): number {
  return env.VIDEO_MAX_BYTES;
}

// The texts' schema is client-safe (the staff pages check it in the browser): see there.
export { videoDetailsSchema, type VideoDetails };

type Refusal = {
  status: 400 | 413 | 415 | 503;
  key: MessageKey;
  params?: Record<string, string | number>;
  field?: 'video' | 'poster';
};

/** A refused upload: thrown inside the upload handler, so parsing stops at once. */
class UploadRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.key);
  }
}

export type UploadFailure = {
  ok: false;
  status: 400 | 404 | 413 | 415 | 503;
  formError?: string;
  fieldErrors: FieldErrors;
  values: Record<string, string>;
};

export type UploadResult = { ok: true; videoId: string } | UploadFailure;

type StoredFile = { key: string; sizeBytes: number; contentType: VideoType };

/** A media form once every part is stored and checked; nothing is in the database yet. */
type ReceivedMedia = {
  ok: true;
  formData: FormData;
  video: StoredFile | null;
  poster: { key: string } | null;
  /** What the person typed, handed back with any later error so that nothing typed is lost. */
  typed: Record<string, string>;
  /** Removes what was stored: for when the row that would point at it is not written. */
  discard: () => Promise<void>;
};

/**
 * Passes a file part through while counting it against `maxBytes` and checking its first bytes
 * with `accept` before anything is written. Throwing ends the stream, and storage then
 * discards what it had (nothing is kept of a refused or broken upload).
 */
async function* guarded(
  data: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; tooLarge: Refusal; accept: (head: Uint8Array) => void },
): AsyncGenerator<Uint8Array> {
  let total = 0;
  let pending: Uint8Array[] = [];
  let headLength = 0;
  let checked = false;
  const check = () => {
    const head = Buffer.concat(pending).subarray(0, SIGNATURE_BYTES);
    options.accept(new Uint8Array(head));
    checked = true;
  };
  for await (const chunk of data) {
    total += chunk.byteLength;
    if (total > options.maxBytes) throw new UploadRefused(options.tooLarge);
    if (checked) {
      yield chunk;
      continue;
    }
    pending.push(chunk);
    headLength += chunk.byteLength;
    if (headLength >= SIGNATURE_BYTES) {
      check();
      yield* pending;
      pending = [];
    }
  }
  if (!checked) {
    check();
    yield* pending;
  }
}

/**
 * Streams a staff media form (multipart) to storage as it arrives: the video and an optional
 * poster, each checked by signature and size on the way. Any refusal or failure removes
 * whatever was stored. Both the upload of a new video and the replacement of a file use it,
 * so a replacement passes exactly the checks an upload does.
 */
async function receiveMediaForm(input: {
  request: Request;
  t: Translate;
  maxBytes: number;
}): Promise<ReceivedMedia | UploadFailure> {
  const { request, t, maxBytes } = input;
  const refuse = (refusal: Refusal, values: Record<string, string> = {}): UploadFailure => {
    const message = t(refusal.key, refusal.params);
    return {
      ok: false,
      status: refusal.status,
      formError: refusal.field ? undefined : message,
      fieldErrors: refusal.field ? { [refusal.field]: message } : {},
      values,
    };
  };
  const limitParams = { size: formatBytes(maxBytes) };

  const type = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data') {
    return refuse({ status: 415, key: 'errors.unsupportedContentType' });
  }
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > maxBytes + POSTER_MAX_BYTES + FORM_OVERHEAD_BYTES) {
    return refuse({
      status: 413,
      key: 'video.upload.tooLarge',
      params: limitParams,
      field: 'video',
    });
  }

  const stored: string[] = [];
  let video: StoredFile | null = null;
  let poster: { key: string } | null = null;
  let textBytes = 0;
  const typed: Record<string, string> = {};

  // Parts still being written when the parse gives up (the body cap can end it while a file
  // part streams to disk): they must have removed their partial files before the answer goes.
  const inFlight: Promise<unknown>[] = [];
  const handler: UploadHandler = (part) => {
    const handled = handlePart(part);
    inFlight.push(handled);
    return handled;
  };
  const handlePart: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      // A plain text field: small, and read into memory.
      const chunks: Uint8Array[] = [];
      for await (const chunk of data) {
        textBytes += chunk.byteLength;
        if (textBytes > TEXT_FIELDS_MAX_BYTES)
          throw new UploadRefused({ status: 413, key: 'errors.bodyTooLarge' });
        chunks.push(chunk);
      }
      const value = decodeTextField(Buffer.concat(chunks));
      if (value === null) throw new UploadRefused({ status: 400, key: 'errors.invalidCharacters' });
      if (Object.hasOwn(videoDetailsSchema.shape, name)) typed[name] = value;
      return value;
    }
    if (name === 'video' && !video) {
      let contentType: VideoType | null = null;
      const result = await writeGuarded(data, {
        maxBytes,
        tooLarge: {
          status: 413,
          key: 'video.upload.tooLarge',
          params: limitParams,
          field: 'video',
        },
        accept: (head) => {
          contentType = sniffVideo(head);
          if (!contentType)
            throw new UploadRefused({ status: 400, key: 'video.upload.notVideo', field: 'video' });
        },
      });
      if (!result || !contentType) {
        throw new UploadRefused({ status: 400, key: 'video.upload.missingVideo', field: 'video' });
      }
      stored.push(result.key);
      video = { ...result, contentType };
      return result.key;
    }
    if (name === 'poster' && !poster) {
      const result = await writeGuarded(data, {
        maxBytes: POSTER_MAX_BYTES,
        tooLarge: {
          status: 413,
          key: 'video.upload.posterTooLarge',
          params: { size: formatBytes(POSTER_MAX_BYTES) },
          field: 'poster',
        },
        accept: (head) => {
          if (!sniffPoster(head)) {
            throw new UploadRefused({
              status: 400,
              key: 'video.upload.posterNotImage',
              field: 'poster',
            });
          }
        },
      });
      if (!result) return null; // the file input was left empty
      stored.push(result.key);
      poster = { key: result.key };
      return result.key;
    }
    throw new UploadRefused({ status: 400, key: 'video.upload.unexpectedFile' });
  };

  const discard = async () => {
    // A store that is down cannot remove either: those objects have no row, and the daily
    // storage sweep removes them.
    await Promise.all(stored.map((key) => mediaStorage.remove(key).catch(() => undefined)));
  };

  let formData: FormData;
  try {
    // The whole body too: each part is bounded, but not how many parts or part headers come.
    const limited = withBodyLimit(request, maxBytes + POSTER_MAX_BYTES + FORM_OVERHEAD_BYTES);
    formData = await unstable_parseMultipartFormData(limited, handler);
  } catch (error) {
    await settledOrAfter(inFlight, PART_SETTLE_TIMEOUT_MS);
    await discard();
    if (error instanceof UploadRefused) return refuse(error.refusal, typed);
    if (error instanceof BodyTooLargeError) {
      return refuse(
        { status: 413, key: 'video.upload.tooLarge', params: limitParams, field: 'video' },
        typed,
      );
    }
    // The store is unreachable (decision 095): not the uploader's fault, and worth a retry.
    if (isStorageUnavailable(error)) {
      return refuse({ status: 503, key: 'video.media.unavailable' }, typed);
    }
    // The body broke off or was not multipart at all (a dropped connection, a cancelled upload).
    return refuse({ status: 400, key: 'video.upload.interrupted' }, typed);
  }
  return { ok: true, formData, video, poster, typed, discard };

  async function writeGuarded(
    data: AsyncIterable<Uint8Array>,
    options: { maxBytes: number; tooLarge: Refusal; accept: (head: Uint8Array) => void },
  ): Promise<{ key: string; sizeBytes: number } | null> {
    // An empty file input arrives as a part with no bytes: nothing to store.
    const iterator = data[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return null;
    const rest: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: async function* () {
        yield first.value;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      },
    };
    return mediaStorage.write(guarded(rest, options));
  }
}

function missingVideo(t: Translate, typed: Record<string, string>): UploadFailure {
  return {
    ok: false,
    status: 400,
    fieldErrors: { video: t('video.upload.missingVideo') },
    values: typed,
  };
}

/**
 * Receives the staff upload form: the files as receiveMediaForm stores them, then the title
 * and description fields. Nothing reaches the database unless everything is in order.
 */
export async function receiveVideoUpload(input: {
  request: Request;
  event: { id: string };
  actorUserId: string;
  t: Translate;
  maxBytes?: number;
}): Promise<UploadResult> {
  const { t } = input;
  const received = await receiveMediaForm({
    request: input.request,
    t,
    maxBytes: input.maxBytes ?? videoUploadLimit(),
  });
  if (!received.ok) return received;
  const form = parseForm(received.formData, videoDetailsSchema, t);
  if (!received.video) {
    await received.discard();
    const missing = missingVideo(t, received.typed);
    if (!form.ok) missing.fieldErrors = { ...form.fieldErrors, ...missing.fieldErrors };
    return missing;
  }
  if (!form.ok) {
    await received.discard();
    return { ok: false, status: 400, fieldErrors: form.fieldErrors, values: received.typed };
  }

  const videoId = generateId();
  const file = received.video;
  const posterKey = received.poster?.key ?? null;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(videos).values({
        id: videoId,
        eventId: input.event.id,
        titleJa: form.data.titleJa,
        titleEn: form.data.titleEn,
        descriptionJa: form.data.descriptionJa,
        descriptionEn: form.data.descriptionEn,
        storageKey: file.key,
        posterKey,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        uploadedBy: input.actorUserId,
      });
      await appendAudit(
        {
          eventId: input.event.id,
          actorUserId: input.actorUserId,
          action: 'video.upload',
          target: `video:${videoId}`,
          detail: {
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            poster: Boolean(posterKey),
          },
        },
        tx,
      );
    });
  } catch (error) {
    await received.discard();
    throw error;
  }
  return { ok: true, videoId };
}

/**
 * Replaces a video's file (and its poster, when one is sent): the new objects are stored and
 * checked exactly as an upload's, the row is pointed at them (with its audit entry) in one
 * transaction, and only then are the old objects removed — a failed transaction leaves the
 * row on the old file, never on nothing. Views and statistics stay with the video. A video
 * deleted meanwhile answers 404 and keeps nothing of the new upload.
 */
export async function receiveVideoReplacement(input: {
  request: Request;
  event: { id: string };
  videoId: string;
  actorUserId: string;
  t: Translate;
  maxBytes?: number;
}): Promise<{ ok: true } | UploadFailure> {
  const { t } = input;
  const received = await receiveMediaForm({
    request: input.request,
    t,
    maxBytes: input.maxBytes ?? videoUploadLimit(),
  });
  if (!received.ok) return received;
  if (!received.video) {
    await received.discard();
    return missingVideo(t, {});
  }
  const file = received.video;
  const newPosterKey = received.poster?.key ?? null;
  let previous: { storageKey: string; posterKey: string | null } | null;
  try {
    previous = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ storageKey: videos.storageKey, posterKey: videos.posterKey })
        .from(videos)
        .where(and(eq(videos.id, input.videoId), eq(videos.eventId, input.event.id)))
        .for('update');
      if (!row) return null;
      await tx
        .update(videos)
        .set({
          storageKey: file.key,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          // The new file's length is not known (only the demo video states one).
          durationSeconds: null,
          ...(newPosterKey ? { posterKey: newPosterKey } : {}),
          updatedAt: new Date(),
        })
        .where(eq(videos.id, input.videoId));
      await appendAudit(
        {
          eventId: input.event.id,
          actorUserId: input.actorUserId,
          action: 'video.replace',
          target: `video:${input.videoId}`,
          detail: {
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            poster: Boolean(newPosterKey),
          },
        },
        tx,
      );
      return row;
    });
  } catch (error) {
    await received.discard();
    throw error;
  }
  if (!previous) {
    await received.discard();
    return { ok: false, status: 404, fieldErrors: {}, values: {} };
  }
  const oldKeys = [previous.storageKey, newPosterKey ? previous.posterKey : null];
  for (const key of oldKeys) {
    if (!key) continue;
    await mediaStorage.remove(key).catch((error: unknown) => {
      // Nothing points at it any more: the daily storage sweep removes it later.
      logger.warn('video.replace_objects_left', { reason: String(error) });
    });
  }
  return { ok: true };
}

/** "2 GB" / "500 MB": limits as a person reads them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}
