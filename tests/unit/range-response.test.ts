import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadStream } from 'node:fs';
import { LocalDiskStorage } from '~/modules/video/media-storage.server';
import { videoResponse } from '~/modules/video/media-response.server';

const root = mkdtempSync(path.join(os.tmpdir(), 'startline-range-test-'));
const storage = new LocalDiskStorage(root);
const SIZE = 1024 * 1024 + 17;
const bytes = randomBytes(SIZE);
let key: string;

beforeAll(async () => {
  ({ key } = await storage.write(
    (async function* () {
      // In uneven chunks, as an upload arrives.
      for (let offset = 0; offset < SIZE; offset += 70_001)
        yield bytes.subarray(offset, offset + 70_001);
    })(),
  ));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const request = (range?: string, signal?: AbortSignal) =>
  new Request('http://localhost/media/x', { headers: range ? { Range: range } : {}, signal });

describe('videoResponse reads exactly the requested bytes from storage', () => {
  it.each([
    ['first byte', 'bytes=0-0', 0, 0],
    ['middle', 'bytes=500000-600000', 500_000, 600_000],
    ['last byte', `bytes=${SIZE - 1}-`, SIZE - 1, SIZE - 1],
    ['open-ended', 'bytes=1000000-', 1_000_000, SIZE - 1],
    ['suffix', 'bytes=-4096', SIZE - 4096, SIZE - 1],
  ])('%s', async (_name, range, start, end) => {
    const response = await videoResponse(
      request(range),
      { storageKey: key, contentType: 'video/mp4' },
      storage,
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers.get('Content-Type')).toBe('video/mp4');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers 416 for a range past the end, without opening the file', async () => {
    const response = await videoResponse(
      request(`bytes=${SIZE}-`),
      { storageKey: key, contentType: 'video/mp4' },
      storage,
    );
    expect(response.status).toBe(416);
    expect(response.body).toBeNull();
  });

  it('answers 403 (not 500) when the stored file is gone', async () => {
    const response = await videoResponse(
      request('bytes=0-1'),
      { storageKey: 'AAAAAAAAAAAAAAAAAAAAAA', contentType: 'video/mp4' },
      storage,
    );
    expect(response.status).toBe(403);
  });

  it('closes the file when the viewer goes away mid-stream', async () => {
    const controller = new AbortController();
    const file = (await storage.read(key, { start: 0, end: SIZE - 1 })) as ReadStream;
    const spy = {
      ...storage,
      read: async () => file,
      size: storage.size.bind(storage),
    } as unknown as LocalDiskStorage;
    const response = await videoResponse(
      request('bytes=0-', controller.signal),
      { storageKey: key, contentType: 'video/mp4' },
      spy,
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    if (!file.closed) await once(file, 'close');
    expect(file.destroyed).toBe(true);
    expect(file.bytesRead).toBeLessThan(SIZE);
  });
});
