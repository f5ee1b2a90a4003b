/**
 * A write whose source fails leaves no partial file behind and stores nothing, whether the
 * source fails before its first byte (a signature refused at once) or midway (a connection
 * broken off): the upload refusals rely on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '~/modules/storage/local-disk-storage.server';

const root = mkdtempSync(path.join(os.tmpdir(), 'startline-local-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('LocalDiskStorage.write', () => {
  it('removes the partial file when the source fails before its first byte', async () => {
    const storage = new LocalDiskStorage(root);
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const failing = async function* (): AsyncGenerator<Uint8Array> {
        throw new Error('connection reset by peer');
      };
      await expect(storage.write(failing())).rejects.toThrow('connection reset by peer');
    }
    expect(await storage.listIncoming()).toEqual([]);
    expect(await storage.list()).toEqual([]);
  });

  it('removes it when the source fails midway, and keeps nothing', async () => {
    const storage = new LocalDiskStorage(root);
    const failing = async function* () {
      yield new Uint8Array(64 * 1024);
      throw new Error('connection reset by peer');
    };
    await expect(storage.write(failing())).rejects.toThrow('connection reset by peer');
    expect(await storage.listIncoming()).toEqual([]);
    expect(await storage.list()).toEqual([]);
  });
});
