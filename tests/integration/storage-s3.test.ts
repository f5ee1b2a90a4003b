/**
 * The storage module's contract, run against both backends: local disk (a temp folder) and
 * S3-compatible object storage (the real @aws-sdk/client-s3 against s3rver started here).
 * Then what only matters with a remote store: an interrupted upload leaves neither an object
 * nor an open multipart upload, and a store that stops answering turns a media request into a
 * localized 503 with Retry-After, not a 500.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { translator } from '~/i18n/translate';
import { LocalDiskStorage } from '~/modules/storage/local-disk-storage.server';
import { attachmentResponse } from '~/modules/relay/relay-attachments.server';
import { imageResponse } from '~/modules/sponsors/offer-image.server';
import { StorageUnavailableError, type ObjectStorage } from '~/modules/storage/object-storage';
import { attachmentStorage, offerImageStorage } from '~/modules/storage/storages.server';
import { createS3Client, S3Storage } from '~/modules/storage/s3-storage.server';
import { videoResponse } from '~/modules/video/media-response.server';
import { S3_TEST_CREDENTIALS, startS3Server, type TestS3Server } from '../support/s3-server';

const MiB = 1024 * 1024;
let s3: TestS3Server;
let folder: string;
const backends: Record<'local' | 's3', () => ObjectStorage> = {
  local: () => new LocalDiskStorage(folder),
  s3: () => s3Storage('contract/'),
};

function s3Storage(prefix: string) {
  const client = createS3Client({
    bucket: s3.bucket,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    ...S3_TEST_CREDENTIALS,
    forcePathStyle: true,
  });
  return new S3Storage(client, s3.bucket, prefix);
}

beforeAll(async () => {
  s3 = await startS3Server();
  folder = mkdtempSync(path.join(os.tmpdir(), 'startline-storage-contract-'));
});

afterAll(async () => {
  await s3?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

async function* chunksOf(bytes: Uint8Array, chunk = 256 * 1024) {
  for (let at = 0; at < bytes.byteLength; at += chunk) yield bytes.subarray(at, at + chunk);
}

/** A source that delivers `bytesBeforeFailure` bytes and then breaks, as a dropped upload. */
async function* breakingSource(bytesBeforeFailure: number) {
  yield* chunksOf(new Uint8Array(randomBytes(bytesBeforeFailure)));
  throw new Error('connection dropped');
}

async function readAll(
  storage: ObjectStorage,
  key: string,
  range?: { start: number; end: number },
) {
  const body = await storage.read(key, range);
  return body ? new Uint8Array(await buffer(body)) : null;
}

describe.each(['local', 's3'] as const)('the %s storage', (backend) => {
  let storage: ObjectStorage;
  beforeAll(() => {
    storage = backends[backend]();
  });

  it('writes, sizes, reads whole and by range, lists and removes an object', async () => {
    // Larger than one 8 MiB multipart part, so ranges cross part boundaries on S3.
    const bytes = new Uint8Array(randomBytes(17 * MiB + 123));
    const { key, sizeBytes } = await storage.write(chunksOf(bytes));
    expect(sizeBytes).toBe(bytes.byteLength);
    expect(await storage.size(key)).toBe(bytes.byteLength);
    expect(Buffer.from((await readAll(storage, key))!).equals(Buffer.from(bytes))).toBe(true);
    // (Not bytes=0-0: s3rver answers it with the whole object, where real stores do not.)
    for (const [start, end] of [
      [1, 1],
      [8 * MiB - 10, 8 * MiB + 10],
      [bytes.byteLength - 5, bytes.byteLength - 1],
    ]) {
      const part = await readAll(storage, key, { start, end });
      expect(Buffer.from(part!).equals(Buffer.from(bytes.subarray(start, end + 1)))).toBe(true);
    }
    expect(Buffer.from(await storage.readHead(key, 16))).toEqual(
      Buffer.from(bytes.subarray(0, 16)),
    );
    expect(await storage.list()).toContain(key);
    const listed = (await storage.listWithTimes()).find((o) => o.key === key);
    expect(Math.abs(listed!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);

    await storage.remove(key);
    expect(await storage.size(key)).toBeNull();
    expect(await storage.read(key)).toBeNull();
    expect(await storage.list()).not.toContain(key);
    // Removing twice, or a key that never existed, is not an error.
    await storage.remove(key);
    expect(await storage.size('not a key/../x')).toBeNull();
  });

  it('stores a small and an empty object', async () => {
    const small = await storage.write(chunksOf(new Uint8Array([1, 2, 3])));
    expect(await readAll(storage, small.key)).toEqual(new Uint8Array([1, 2, 3]));
    const empty = await storage.write(chunksOf(new Uint8Array()));
    expect(empty.sizeBytes).toBe(0);
    expect(await storage.size(empty.key)).toBe(0);
    expect(await readAll(storage, empty.key)).toEqual(new Uint8Array());
    await storage.remove(small.key);
    await storage.remove(empty.key);
  });

  it.each([
    ['before the first part', 3 * MiB],
    ['after multipart parts were sent', 19 * MiB],
  ])('keeps nothing of an upload interrupted %s', async (_when, bytesBeforeFailure) => {
    const before = await storage.list();
    await expect(storage.write(breakingSource(bytesBeforeFailure))).rejects.toThrow(
      'connection dropped',
    );
    expect(await storage.list()).toEqual(before);
    expect(await storage.listIncoming()).toEqual([]);
    if (backend === 's3') expect(await s3.openUploads()).toEqual([]);
  });

  it('removes stale unfinished uploads and keeps a live one', async () => {
    if (storage instanceof S3Storage) {
      await storage.client.send(
        new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: 'contract/crashed-upload' }),
      );
    } else {
      await writeFile(path.join(folder, '.incoming', 'crashed.part'), 'half');
    }
    expect(await storage.listIncoming()).toHaveLength(1);
    expect(await storage.removeStalePartials(new Date(Date.now() - 60_000))).toBe(0);
    expect(await storage.removeStalePartials(new Date(Date.now() + 60_000))).toBe(1);
    expect(await storage.listIncoming()).toEqual([]);
    if (backend === 's3') expect(await s3.openUploads()).toEqual([]);
  });
});

describe('namespaces in one bucket', () => {
  it('keeps each kind of file under its own prefix', async () => {
    const videos = s3Storage('ns/videos/');
    const attachments = s3Storage('ns/attachments/');
    const { key } = await videos.write(chunksOf(new Uint8Array([9])));
    expect(await attachments.list()).not.toContain(key);
    expect(await attachments.size(key)).toBeNull();
    const objectFolder = path.join(s3.directory, s3.bucket, 'ns', 'videos');
    expect((await readdir(objectFolder)).join()).toContain(key);
    await videos.remove(key);
  });
});

describe('a store that stops answering', () => {
  it('answers the media request 503 with Retry-After in the viewer language, then recovers', async () => {
    const storage = s3Storage('outage/');
    const bytes = new Uint8Array(randomBytes(64 * 1024));
    const { key } = await storage.write(chunksOf(bytes));
    const video = { storageKey: key, contentType: 'video/webm', sizeBytes: bytes.byteLength };
    const rangeRequest = (locale: string) =>
      new Request('http://localhost/media/x', {
        headers: { Range: 'bytes=10-19', 'Accept-Language': locale },
      });
    expect((await videoResponse(rangeRequest('en'), video, storage)).status).toBe(206);

    await s3.stop();
    try {
      for (const locale of ['en', 'ja'] as const) {
        const response = await videoResponse(rangeRequest(locale), video, storage);
        expect(response.status).toBe(503);
        expect(response.headers.get('Retry-After')).toBe('5');
        expect(response.headers.get('Cache-Control')).toBe('no-store');
        expect(await response.text()).toBe(translator(locale)('video.media.unavailable'));
      }
      // Without the size in the row, the HEAD fails the same way.
      const unsized = await videoResponse(
        rangeRequest('en'),
        { storageKey: key, contentType: 'video/webm' },
        storage,
      );
      expect(unsized.status).toBe(503);
    } finally {
      await s3.restart();
    }

    const again = await videoResponse(rangeRequest('en'), video, storage);
    expect(again.status).toBe(206);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes.subarray(10, 20));
  });

  it('answers an attachment or an offer image 503 as well, and a missing one 404', async () => {
    const outage = new StorageUnavailableError('s3', 'read', 'ECONNREFUSED');
    const request = new Request('http://localhost/file', { headers: { 'Accept-Language': 'ja' } });
    const attachmentRead = vi.spyOn(attachmentStorage, 'read').mockRejectedValueOnce(outage);
    const imageRead = vi.spyOn(offerImageStorage, 'read').mockRejectedValueOnce(outage);
    try {
      const file = {
        fileName: 'bib.png',
        contentType: 'image/png',
        sizeBytes: 3,
        storageKey: 'AAAAAAAAAAAAAAAAAAAAAA',
      };
      const attachment = await attachmentResponse(request, file);
      expect(attachment.status).toBe(503);
      expect(attachment.headers.get('Retry-After')).toBe('5');
      expect(await attachment.text()).toBe(translator('ja')('video.media.unavailable'));
      const image = await imageResponse(request, { file: file.storageKey, type: 'image/png' });
      expect(image.status).toBe(503);
      expect((await attachmentResponse(request, file)).status).toBe(404);
      expect(
        (await imageResponse(request, { file: file.storageKey, type: 'image/png' })).status,
      ).toBe(404);
    } finally {
      attachmentRead.mockRestore();
      imageRead.mockRestore();
    }
  });

  it('refuses wrong credentials as unavailable, never as a missing file', async () => {
    const client = createS3Client({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      accessKeyId: 'WRONG',
      secretAccessKey: 'WRONG',
      forcePathStyle: true,
    });
    const storage = new S3Storage(client, s3.bucket, 'outage/');
    await expect(storage.check()).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    await expect(storage.size('AAAAAAAAAAAAAAAAAAAAAA')).rejects.toMatchObject({
      name: 'StorageUnavailableError',
    });
  });
});
