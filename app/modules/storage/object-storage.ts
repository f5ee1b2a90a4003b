import type { Readable } from 'node:stream';

/**
 * Every stored file (videos, posters, relay attachments, offer images) goes through this one
 * interface. Objects are named by random ids chosen here, never by anything a person typed or
 * uploaded, so a name cannot walk out of its folder or bucket prefix. Two implementations,
 * chosen by STORAGE_BACKEND: local disk (the default) and S3-compatible object storage
 * (docs/decisions/095-object-storage.md).
 */
export interface ObjectStorage {
  readonly backend: 'local' | 's3';
  /**
   * Streams `source` into a new object and returns its key. Writing is all or nothing: if the
   * source fails part-way (a limit, a wrong signature, a dropped connection) nothing is kept.
   */
  write(source: AsyncIterable<Uint8Array>): Promise<{ key: string; sizeBytes: number }>;
  /** Size in bytes, or null when there is no such object. */
  size(key: string): Promise<number | null>;
  /**
   * The bytes from start to end inclusive (the whole object without a range), as a stream, or
   * null when there is no such object. Opening is awaited, so a store that is down fails here
   * (StorageUnavailableError) while the answer can still be a 503, not mid-body.
   */
  read(key: string, range?: { start: number; end: number }): Promise<Readable | null>;
  /** The first bytes of an object (empty when there is none), for checking its signature. */
  readHead(key: string, length: number): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
  /** Every stored key (maintenance and tests). */
  list(): Promise<string[]>;
  /** Every stored object with its last write time (for the storage sweep). */
  listWithTimes(): Promise<{ key: string; modifiedAt: Date }[]>;
  /**
   * Removes unfinished uploads started before `before`: what a crash or a killed process left
   * behind (partial files on disk, open multipart uploads in a bucket). Returns how many.
   */
  removeStalePartials(before: Date): Promise<number>;
  /** Unfinished uploads right now (tests check an interrupted upload left none). */
  listIncoming(): Promise<string[]>;
  /** Whether the store answers at all (start-up check and /readyz). */
  check(): Promise<void>;
}

/** Kept as the older name: the video module spoke of "media storage" first. */
export type MediaStorage = ObjectStorage;

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/**
 * The store could not be reached or refused us (network, 5xx, revoked credentials, a failing
 * disk): not the visitor's fault and usually brief, so the answer is a 503 with Retry-After.
 * The message names the backend and operation only, never a key's owner.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly backend: 'local' | 's3',
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`storage ${backend} ${operation} failed: ${reason}`);
    this.name = 'StorageUnavailableError';
  }
}

export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}
