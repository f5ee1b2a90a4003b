import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, videos } from '~db/schema';
import * as uploadRoute from '~/routes/staff.$slug.videos.new';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { mediaStorage, type LocalDiskStorage } from '~/modules/video/media-storage.server';
import { StorageUnavailableError } from '~/modules/storage/object-storage';
import { translate, translator } from '~/i18n/translate';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, jsonOf } from '../support/requests';
import {
  mp4Bytes,
  multipartBody,
  pdfBytes,
  pngBytes,
  storedMedia,
  uploadRequest,
  videoCount,
  webmBytes,
} from '../support/video';

let event: Awaited<ReturnType<typeof createTestEvent>>;
const defaultLimit = env.VIDEO_MAX_BYTES;

beforeAll(async () => {
  event = await createTestEvent('upload-race');
});

// What storage and the database held before each test: a refused upload must add nothing.
let baseline: { objects: string[]; incoming: string[]; videos: number };
beforeEach(async () => {
  baseline = { ...(await storedMedia()), videos: await videoCount(event.eventId) };
});

afterEach(() => {
  env.VIDEO_MAX_BYTES = defaultLimit;
});

const fields = (overrides: Record<string, string> = {}) =>
  Object.entries({
    titleJa: 'コース紹介',
    titleEn: 'Course preview',
    descriptionJa: '42.195km のコースをご紹介します。',
    descriptionEn: 'A look at the 42.195 km course.',
    ...overrides,
  }).map(([name, value]) => ({ name, value }));

function upload(
  cookie: string,
  parts: Parameters<typeof multipartBody>[0],
  options: { lang?: string; headers?: Record<string, string> } = {},
) {
  const { body, contentType } = multipartBody(parts);
  return callRoute(
    uploadRoute.action,
    uploadRequest(`/staff/${event.slug}/videos/new`, body, contentType, {
      cookie,
      headers: { 'Accept-Language': options.lang ?? 'ja', ...options.headers },
    }),
    { slug: event.slug },
  );
}

async function expectNothingStored() {
  const now = await storedMedia();
  expect(now.objects.sort()).toEqual([...baseline.objects].sort());
  expect(now.incoming).toEqual([]);
  expect(await videoCount(event.eventId)).toBe(baseline.videos);
}

async function errorsOf(response: Response) {
  return jsonOf<{
    formError?: string;
    fieldErrors: Record<string, string>;
    values: Record<string, string>;
  }>(response);
}

describe('uploading a video (owners and editors)', () => {
  it('stores a WebM and its poster under random names, records the video and audits the upload', async () => {
    const bytes = webmBytes(150_000);
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: '../../etc/passwd.webm', type: 'video/webm', bytes },
      { name: 'poster', filename: 'poster.png', type: 'image/png', bytes: pngBytes() },
    ]);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/${event.slug}/videos?uploaded=1`);

    const [row] = await db.select().from(videos).where(eq(videos.eventId, event.eventId));
    expect(row).toMatchObject({
      titleJa: 'コース紹介',
      titleEn: 'Course preview',
      descriptionEn: 'A look at the 42.195 km course.',
      contentType: 'video/webm',
      sizeBytes: 150_000,
      uploadedBy: event.owner.userId,
    });
    expect(row.storageKey).toMatch(/^[\w-]{22}$/);
    expect(row.posterKey).toMatch(/^[\w-]{22}$/);
    const stored = await readFile(
      path.join((mediaStorage as LocalDiskStorage).root, row.storageKey),
    );
    expect(stored.equals(Buffer.from(bytes))).toBe(true);
    expect((await storedMedia()).incoming).toEqual([]);

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.eventId), eq(auditLog.action, 'video.upload')));
    expect(audit.target).toBe(`video:${row.id}`);

    // Clean up for the "nothing stored" checks below.
    await db.delete(videos).where(eq(videos.id, row.id));
    await mediaStorage.remove(row.storageKey);
    await mediaStorage.remove(row.posterKey!);
  });

  it('accepts an MP4 from an editor, without a poster (an empty file input)', async () => {
    const editor = await addStaff(event.eventId, 'editor@upload-race.example', 'editor');
    const response = await upload(editor.cookie, [
      ...fields(),
      {
        name: 'video',
        filename: 'clip.mov',
        type: 'application/octet-stream',
        bytes: mp4Bytes(20_000),
      },
      { name: 'poster', filename: '', type: 'application/octet-stream', bytes: new Uint8Array() },
    ]);
    expect(response.status).toBe(302);
    const [row] = await db.select().from(videos).where(eq(videos.eventId, event.eventId));
    expect(row.contentType).toBe('video/mp4');
    expect(row.posterKey).toBeNull();
    await db.delete(videos).where(eq(videos.id, row.id));
    await mediaStorage.remove(row.storageKey);
    await expectNothingStored();
  });

  it('refuses viewers (403), members and strangers (404) before reading the file', async () => {
    const viewer = await addStaff(event.eventId, 'viewer@upload-race.example', 'viewer');
    const member = await addMember(event.eventId, 'member@upload-race.example');
    const parts = [
      ...fields(),
      { name: 'video', filename: 'a.webm', type: 'video/webm', bytes: webmBytes(1000) },
    ];
    expect((await upload(viewer.cookie, parts)).status).toBe(403);
    expect((await upload(member.cookie, parts)).status).toBe(404);
    await expectNothingStored();
  });
});

describe('a refused or broken upload leaves nothing behind, with a clear localized error', () => {
  it('refuses a renamed non-video file (a PDF called .mp4) by its contents', async () => {
    const parts = [
      ...fields(),
      { name: 'video', filename: 'course.mp4', type: 'video/mp4', bytes: pdfBytes(50_000) },
    ];
    const ja = await upload(event.owner.cookie, parts);
    expect(ja.status).toBe(400);
    const jaErrors = await errorsOf(ja);
    expect(jaErrors.fieldErrors.video).toBe(translate('ja', 'video.upload.notVideo'));
    expect(jaErrors.values).toMatchObject({ titleJa: 'コース紹介', titleEn: 'Course preview' });
    const en = await upload(event.owner.cookie, parts, { lang: 'en' });
    expect((await errorsOf(en)).fieldErrors.video).toBe(
      'This file is not an MP4 or WebM video. We check the file’s contents, not its name.',
    );
    await expectNothingStored();
  });

  it('refuses an image that only looks like MP4 (HEIC has an ftyp box too)', async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.alloc(2000),
    ]);
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: 'photo.mp4', type: 'video/mp4', bytes: new Uint8Array(heic) },
    ]);
    expect(response.status).toBe(400);
    await expectNothingStored();
  });

  it('refuses a file over the size limit while streaming it (413)', async () => {
    env.VIDEO_MAX_BYTES = 64 * 1024;
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: 'big.webm', type: 'video/webm', bytes: webmBytes(64 * 1024 + 1) },
    ]);
    expect(response.status).toBe(413);
    expect((await errorsOf(response)).fieldErrors.video).toBe(
      translate('ja', 'video.upload.tooLarge', { size: '64 KB' }),
    );
    await expectNothingStored();
  });

  it('refuses at once an upload whose declared length is over the limit (413)', async () => {
    env.VIDEO_MAX_BYTES = 64 * 1024;
    const response = await upload(
      event.owner.cookie,
      [
        ...fields(),
        { name: 'video', filename: 'a.webm', type: 'video/webm', bytes: webmBytes(1000) },
      ],
      { headers: { 'Content-Length': String(50 * 1024 * 1024) } },
    );
    expect(response.status).toBe(413);
    await expectNothingStored();
  });

  it('accepts a file of exactly the limit', async () => {
    env.VIDEO_MAX_BYTES = 64 * 1024;
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: 'exact.webm', type: 'video/webm', bytes: webmBytes(64 * 1024) },
    ]);
    expect(response.status).toBe(302);
    const [row] = await db.select().from(videos).where(eq(videos.eventId, event.eventId));
    await db.delete(videos).where(eq(videos.id, row.id));
    await mediaStorage.remove(row.storageKey);
    await expectNothingStored();
  });

  it('discards everything when the connection breaks off mid-file', async () => {
    const { body, contentType } = multipartBody([
      ...fields(),
      { name: 'video', filename: 'long.webm', type: 'video/webm', bytes: webmBytes(400_000) },
    ]);
    const cut = Math.floor(body.length * 0.6);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= cut) {
          controller.error(new Error('connection reset by peer'));
          return;
        }
        const next = body.subarray(sent, Math.min(sent + 16 * 1024, cut));
        sent += next.length;
        controller.enqueue(new Uint8Array(next));
      },
    });
    const response = await callRoute(
      uploadRoute.action,
      uploadRequest(`/staff/${event.slug}/videos/new`, stream, contentType, {
        cookie: event.owner.cookie,
        headers: { 'Accept-Language': 'en' },
      }),
      { slug: event.slug },
    );
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).formError).toBe(
      'The upload was interrupted and nothing was saved. Please check your connection and try again.',
    );
    expect(sent).toBeGreaterThan(100_000); // part of the file had arrived (and was written)
    await expectNothingStored();
  });

  it('discards the stored video when the poster is not an image', async () => {
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: 'ok.webm', type: 'video/webm', bytes: webmBytes(30_000) },
      { name: 'poster', filename: 'poster.png', type: 'image/png', bytes: pdfBytes(1000) },
    ]);
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).fieldErrors.poster).toBe(
      translate('ja', 'video.upload.posterNotImage'),
    );
    await expectNothingStored();
  });

  it('discards the stored files when a title is missing, and returns the typed text', async () => {
    const response = await upload(event.owner.cookie, [
      // English is optional; the Japanese title is not.
      ...fields({ titleJa: '   ' }),
      { name: 'video', filename: 'ok.webm', type: 'video/webm', bytes: webmBytes(30_000) },
      { name: 'poster', filename: 'p.png', type: 'image/png', bytes: pngBytes() },
    ]);
    expect(response.status).toBe(400);
    const errors = await errorsOf(response);
    expect(errors.fieldErrors.titleJa).toBe(translate('ja', 'form.required'));
    expect(errors.fieldErrors.titleEn).toBeUndefined();
    expect(errors.values.titleEn).toBe('Course preview');
    await expectNothingStored();
  });

  it('answers 503 with the localized message when the store is unreachable, keeping nothing', async () => {
    const write = vi
      .spyOn(mediaStorage, 'write')
      .mockRejectedValueOnce(new StorageUnavailableError('s3', 'write', 'ECONNREFUSED'));
    try {
      const response = await upload(
        event.owner.cookie,
        [
          ...fields(),
          { name: 'video', filename: 'a.webm', type: 'video/webm', bytes: webmBytes() },
        ],
        { lang: 'en' },
      );
      expect(response.status).toBe(503);
      const errors = await errorsOf(response);
      expect(errors.formError).toBe(translator('en')('video.media.unavailable'));
      expect(errors.values.titleEn).toBe('Course preview');
    } finally {
      write.mockRestore();
    }
    await expectNothingStored();
  });

  it('asks for a file when none was chosen', async () => {
    const response = await upload(event.owner.cookie, [
      ...fields(),
      { name: 'video', filename: '', type: 'application/octet-stream', bytes: new Uint8Array() },
    ]);
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).fieldErrors.video).toBe(
      translate('ja', 'video.upload.missingVideo'),
    );
    await expectNothingStored();
  });

  it('refuses a form that is not multipart (415) and a body that is not valid multipart (400)', async () => {
    const urlencoded = await callRoute(
      uploadRoute.action,
      uploadRequest(
        `/staff/${event.slug}/videos/new`,
        new TextEncoder().encode('titleJa=x'),
        'application/x-www-form-urlencoded',
        {
          cookie: event.owner.cookie,
        },
      ),
      { slug: event.slug },
    );
    expect(urlencoded.status).toBe(415);
    const garbage = await callRoute(
      uploadRoute.action,
      uploadRequest(
        `/staff/${event.slug}/videos/new`,
        new TextEncoder().encode('not multipart at all'),
        'multipart/form-data; boundary=zzz',
        {
          cookie: event.owner.cookie,
        },
      ),
      { slug: event.slug },
    );
    expect(garbage.status).toBe(400);
    await expectNothingStored();
  });
});
