import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { env, madeFromEnv } from '~/env.server';
import { forwardTo } from '~/utils/forward-to.server';
import { logger } from '~/utils/logger.server';
import { LocalDiskStorage } from './local-disk-storage.server';
import type { ObjectStorage } from './object-storage';
import { createS3Client, describeS3Error, S3Storage } from './s3-storage.server';

/**
 * The process's stores, one per kind of file, chosen by STORAGE_BACKEND (decision 095).
 * Each kind is its own namespace (a folder on disk, a key prefix in the bucket), so the sweep
 * and the erasure of one kind can never reach another's objects.
 */
export type StorageNamespace = 'videos' | 'attachments' | 'offer-images';

export function storageBackend(): 'local' | 's3' {
  return env.STORAGE_BACKEND;
}

/** S3_PREFIX as a folder: '' or 'something/'. */
function bucketPrefix(): string {
  const prefix = env.S3_PREFIX.replace(/^\/+/, '');
  return prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
}

// Created at first use, not at import (decision 103): a local store makes its folders. Made
// again when the settings are read afresh (a test file of its own in a shared test process).
const s3Client = madeFromEnv((): S3Client | null =>
  env.STORAGE_BACKEND === 's3'
    ? createS3Client({
        bucket: env.S3_BUCKET!,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        accessKeyId: env.S3_ACCESS_KEY_ID!,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : null,
);

/**
 * Local folders: DATA_DIR/media (videos and posters, where they always were),
 * DATA_DIR/media/attachments and DATA_DIR/media/offers. The in-memory database used by tests
 * (`memory://`) has no folder of its own, and tests must not write into a developer's ./data,
 * so they get one private temporary folder per process.
 */
const LOCAL_FOLDERS: Record<StorageNamespace, string[]> = {
  videos: [],
  attachments: ['attachments'],
  'offer-images': ['offers'],
};

let testRoot: string | null = null;
function localRoot(namespace: StorageNamespace): string {
  if (env.DATA_DIR.startsWith('memory://') || env.NODE_ENV === 'test') {
    if (!testRoot) {
      removeAbandonedTestFolders();
      const folder = mkdtempSync(path.join(os.tmpdir(), `${TEST_FOLDER_PREFIX}${process.pid}-`));
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      testRoot = folder;
    }
    return path.join(testRoot, namespace);
  }
  return path.resolve(env.DATA_DIR, 'media', ...LOCAL_FOLDERS[namespace]);
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

function storageFor(namespace: StorageNamespace): ObjectStorage {
  const client = s3Client();
  if (client) return new S3Storage(client, env.S3_BUCKET!, `${bucketPrefix()}${namespace}/`);
  return new LocalDiskStorage(localRoot(namespace));
}

/**
 * A store that comes into being at its first use: importing this module creates no folder and
 * no client (decision 103). The handle forwards to the real store (app/utils/forward-to.server.ts).
 */
function storeAtFirstUse(namespace: StorageNamespace): ObjectStorage {
  return forwardTo(madeFromEnv(() => storageFor(namespace)));
}

/** Uploaded videos and their posters. */
export const mediaStorage: ObjectStorage = storeAtFirstUse('videos');
/** Files kept from replies to the organizers. */
export const attachmentStorage: ObjectStorage = storeAtFirstUse('attachments');
/** Sponsors' offer images. */
export const offerImageStorage: ObjectStorage = storeAtFirstUse('offer-images');

/** The stores to check for readiness: one bucket is one check. */
export function storagesInUse(): ObjectStorage[] {
  return s3Client() ? [mediaStorage] : [mediaStorage, attachmentStorage, offerImageStorage];
}

/**
 * Which variables to look at for a failed HeadBucket: a refusal means the credentials, a
 * missing bucket the name, anything else (no answer, DNS, TLS) the address.
 */
function suspectVariables(error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  if (status === 401 || status === 403)
    return 'S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (and S3_REGION)';
  if (status === 404 || e?.name === 'NoSuchBucket') return 'S3_BUCKET';
  if (status === 301 || status === 400) return 'S3_REGION / S3_ENDPOINT / S3_FORCE_PATH_STYLE';
  return 'S3_ENDPOINT (and S3_REGION)';
}

/**
 * At start, before any request: the bucket must answer with these credentials. As with a
 * database unreachable at boot, the process stops (exit 1) with one line naming what to check,
 * not a stack trace, rather than serving pages whose media would all fail.
 */
export async function verifyStorageAtStart() {
  const client = s3Client();
  if (!client) return;
  try {
    await client.send(new HeadBucketCommand({ Bucket: env.S3_BUCKET! }));
  } catch (error) {
    const where = env.S3_ENDPOINT ? ` at ${new URL(env.S3_ENDPOINT).host}` : '';
    const line =
      `Storage unavailable at start: bucket "${env.S3_BUCKET}"${where} did not answer ` +
      `HeadBucket (${describeS3Error(error)}). Check ${suspectVariables(error)}.`;
    // Under the test runner a thrown error is the test's to see; a server stops cleanly.
    if (process.env.VITEST) throw new Error(line);
    logger.error('storage.unavailable_at_start', { reason: describeS3Error(error) });
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
