import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '~/env.server';
import { generateId } from '~/modules/security/tokens.server';

/**
 * Where uploaded videos and posters live. Objects are named by random ids chosen here, never
 * by anything a person typed or uploaded, so a file name cannot walk out of the folder.
 * Local disk is the default; an object store can implement the same interface later.
 */
export interface MediaStorage {
  /**
   * Streams `source` into a new object and returns its key. Writing is all or nothing: if the
   * source fails part-way (a limit, a wrong signature, a dropped connection) nothing is kept.
   */
  write(source: AsyncIterable<Uint8Array>): Promise<{ key: string; sizeBytes: number }>;
  /** Size in bytes, or null when there is no such object. */
  size(key: string): Promise<number | null>;
  /** The bytes from start to end inclusive (the whole object without a range), as a stream. */
  read(key: string, range?: { start: number; end: number }): Readable;
  /** The first bytes of an object, for checking a stored file's signature. */
  readHead(key: string, length: number): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
  /** Every stored key (maintenance and tests). */
  list(): Promise<string[]>;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const INCOMING = '.incoming';

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export class LocalDiskStorage implements MediaStorage {
  constructor(
    readonly root: string,
    // 256 KiB reads: a quarter of the per-chunk overhead of fs's 64 KiB default on the way
    // through web streams, and still a small, fixed amount of memory per viewer.
    readonly readChunkBytes = 256 * 1024,
  ) {
    mkdirSync(path.join(root, INCOMING), { recursive: true });
  }

  private pathOf(key: string) {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async write(source: AsyncIterable<Uint8Array>) {
    const key = generateId();
    // Written beside the final place and renamed only when complete, so a half-written file
    // never has a key anyone can reach.
    const partial = path.join(this.root, INCOMING, `${key}.part`);
    let sizeBytes = 0;
    const counted = async function* () {
      for await (const chunk of source) {
        sizeBytes += chunk.byteLength;
        yield chunk;
      }
    };
    try {
      await pipeline(Readable.from(counted()), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, this.pathOf(key));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { key, sizeBytes };
  }

  async size(key: string) {
    if (!isStorageKey(key)) return null;
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? info.size : null;
    } catch {
      return null;
    }
  }

  read(key: string, range?: { start: number; end: number }) {
    return createReadStream(this.pathOf(key), {
      highWaterMark: this.readChunkBytes,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
  }

  async readHead(key: string, length: number) {
    const handle = await open(this.pathOf(key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return new Uint8Array(buffer.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  }

  async remove(key: string) {
    if (!isStorageKey(key)) return;
    await rm(this.pathOf(key), { force: true });
  }

  async list() {
    const names = await readdir(this.root);
    return names.filter(isStorageKey);
  }

  /** Partial uploads still being written (or left by a crash); tests check this is empty. */
  async listIncoming() {
    return readdir(path.join(this.root, INCOMING));
  }

  /** Every stored object with its last write time (for the storage sweep). */
  async listWithTimes(): Promise<{ key: string; modifiedAt: Date }[]> {
    const found: { key: string; modifiedAt: Date }[] = [];
    for (const key of await this.list()) {
      const info = await stat(this.pathOf(key)).catch(() => null);
      if (info?.isFile()) found.push({ key, modifiedAt: info.mtime });
    }
    return found;
  }

  /**
   * Removes partial uploads last written before `before`: what a crash or a killed process
   * left behind (a live upload writes to its part file continuously). Returns how many.
   */
  async removeStalePartials(before: Date): Promise<number> {
    const folder = path.join(this.root, INCOMING);
    let removed = 0;
    for (const name of await readdir(folder)) {
      const file = path.join(folder, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < before) {
        await rm(file, { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }
}

/**
 * DATA_DIR/media by default. The in-memory database used by tests (`memory://`) has no folder
 * of its own, and tests must not write into a developer's ./data, so they get a private
 * temporary folder per process.
 */
function mediaRoot(): string {
  if (env.DATA_DIR.startsWith('memory://') || env.NODE_ENV === 'test') {
    removeAbandonedTestFolders();
    const folder = mkdtempSync(path.join(os.tmpdir(), `${TEST_FOLDER_PREFIX}${process.pid}-`));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    return folder;
  }
  return path.resolve(env.DATA_DIR, 'media');
}

const TEST_FOLDER_PREFIX = 'startline-media-';

// Test workers are often killed rather than exiting, so their 'exit' cleanup never runs: each
// new one removes the folders of processes that no longer exist.
function removeAbandonedTestFolders() {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(new RegExp(`^${TEST_FOLDER_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const mediaStorage = new LocalDiskStorage(mediaRoot());
