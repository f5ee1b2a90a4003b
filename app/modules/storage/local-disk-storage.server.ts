import { createReadStream, mkdirSync } from 'node:fs';
import { access, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { recordStorageError } from '~/modules/observability/metrics.server';
import { generateId } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';
import { isStorageKey, StorageUnavailableError, type ObjectStorage } from './object-storage';

const INCOMING = '.incoming';

/** Objects as files in one folder (DATA_DIR/media/… by default): one machine's own disk. */
export class LocalDiskStorage implements ObjectStorage {
  readonly backend = 'local' as const;

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

  /** A failure of the disk itself (not "no such file"): counted, logged once, and a 503. */
  private failed(operation: string, error: unknown): never {
    recordStorageError('local', operation);
    const reason = (error as NodeJS.ErrnoException)?.code ?? String(error);
    logger.warn('storage.failed', { backend: 'local', operation, reason });
    throw new StorageUnavailableError('local', operation, reason);
  }

  async write(source: AsyncIterable<Uint8Array>) {
    const key = generateId();
    // Written beside the final place and renamed only when complete, so a half-written file
    // never has a key anyone can reach.
    const partial = path.join(this.root, INCOMING, `${key}.part`);
    let sizeBytes = 0;
    let sourceFailed = false;
    const counted = async function* () {
      try {
        for await (const chunk of source) {
          sizeBytes += chunk.byteLength;
          yield chunk;
        }
      } catch (error) {
        sourceFailed = true;
        throw error;
      }
    };
    try {
      // Created before anything is piped, so the removal below can never run before the file
      // exists, whatever order a destroyed pipeline and createWriteStream's asynchronous open
      // take. (A CI run under load once found an orphaned .part after a broken-off upload; not
      // reproduced locally — this removes the one ordering that could leave it.)
      const file = await open(partial, 'wx');
      await pipeline(Readable.from(counted()), file.createWriteStream());
      await rename(partial, this.pathOf(key));
    } catch (error) {
      await rm(partial, { force: true });
      // The source's own refusal (a limit, a signature) is the caller's to answer.
      if (sourceFailed) throw error;
      this.failed('write', error);
    }
    return { key, sizeBytes };
  }

  async size(key: string) {
    if (!isStorageKey(key)) return null;
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (isMissing(error)) return null;
      this.failed('size', error);
    }
  }

  async read(key: string, range?: { start: number; end: number }) {
    if (!isStorageKey(key)) return null;
    // Opened before the stream is handed out, so a missing or unreadable file is known now.
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      this.failed('read', error);
    }
    return createReadStream('', {
      fd: handle,
      highWaterMark: this.readChunkBytes,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
  }

  async readHead(key: string, length: number) {
    if (!isStorageKey(key)) return new Uint8Array();
    let handle;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) return new Uint8Array();
      this.failed('readHead', error);
    }
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
    try {
      await rm(this.pathOf(key), { force: true });
    } catch (error) {
      this.failed('remove', error);
    }
  }

  async list() {
    try {
      const names = await readdir(this.root);
      return names.filter(isStorageKey);
    } catch (error) {
      this.failed('list', error);
    }
  }

  async listIncoming() {
    return readdir(path.join(this.root, INCOMING));
  }

  async listWithTimes(): Promise<{ key: string; modifiedAt: Date }[]> {
    const found: { key: string; modifiedAt: Date }[] = [];
    for (const key of await this.list()) {
      const info = await stat(this.pathOf(key)).catch(() => null);
      if (info?.isFile()) found.push({ key, modifiedAt: info.mtime });
    }
    return found;
  }

  /** A live upload writes to its part file continuously, so an old mtime means abandoned. */
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

  async check() {
    try {
      await access(path.join(this.root, INCOMING));
    } catch (error) {
      this.failed('check', error);
    }
  }
}

function isMissing(error: unknown) {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
