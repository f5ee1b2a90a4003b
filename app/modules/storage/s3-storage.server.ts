import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { recordStorageError } from '~/modules/observability/metrics.server';
import { generateId } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';
import { isStorageKey, StorageUnavailableError, type ObjectStorage } from './object-storage';

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/**
 * Multipart parts of 8 MiB, at most two in flight: an upload of any size holds about 16 MiB,
 * however large the video (the SDK's minimum part is 5 MiB).
 */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

/** One client per process, shared by every namespace: one connection pool. */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
    },
    // A store that does not answer must fail the request (503) rather than hang it.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    maxAttempts: 2,
    // Checksums only where the protocol demands them: several S3-compatible stores refuse or
    // mishandle the SDK's default trailing checksums, and a ranged read cannot be verified.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Objects in an S3-compatible bucket (AWS, Cloudflare R2, Sakura Cloud, MinIO) under one
 * prefix per namespace (`${S3_PREFIX}videos/<key>`): each storage instance sees only its own
 * objects, so listing, sweeping and removing one kind can never touch another.
 */
export class S3Storage implements ObjectStorage {
  readonly backend = 's3' as const;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    /** Ends with '/', e.g. 'startline/videos/'. */
    readonly prefix: string,
  ) {}

  objectName(key: string) {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    return `${this.prefix}${key}`;
  }

  /** Counted, logged once (no key, no person), and turned into the 503 error. */
  private failed(operation: string, error: unknown): never {
    recordStorageError('s3', operation);
    const reason = describeS3Error(error);
    logger.warn('storage.failed', { backend: 's3', operation, reason });
    throw new StorageUnavailableError('s3', operation, reason);
  }

  async write(source: AsyncIterable<Uint8Array>) {
    const key = generateId();
    let sizeBytes = 0;
    let sourceError: { error: unknown } | null = null;
    const counted = async function* () {
      try {
        for await (const chunk of source) {
          sizeBytes += chunk.byteLength;
          yield chunk;
        }
      } catch (error) {
        sourceError = { error };
        throw error;
      }
    };
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectName(key), Body: Readable.from(counted()) },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // On any failure the multipart upload is aborted: no parts are left to pay for, and
      // nothing was ever completed under the key.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The source's own refusal (a limit, a signature, a dropped body) is the caller's to
      // answer, whatever the abort said after it.
      const failedSource = sourceError as { error: unknown } | null;
      if (failedSource) throw failedSource.error;
      this.failed('write', error);
    }
    return { key, sizeBytes };
  }

  async size(key: string) {
    if (!isStorageKey(key)) return null;
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectName(key) }),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      this.failed('size', error);
    }
  }

  async read(key: string, range?: { start: number; end: number }) {
    if (!isStorageKey(key)) return null;
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectName(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      // In Node the body is the HTTP response itself: streamed on, never buffered here.
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) return null;
      // A range past the end of a shorter (or empty) object: there are no such bytes.
      if (range && statusOf(error) === 416) return Readable.from([]);
      this.failed('read', error);
    }
  }

  async readHead(key: string, length: number) {
    const body = await this.read(key, { start: 0, end: length - 1 });
    if (!body) return new Uint8Array();
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of body) chunks.push(chunk as Buffer);
    } catch (error) {
      this.failed('readHead', error);
    }
    return new Uint8Array(Buffer.concat(chunks).subarray(0, length));
  }

  async remove(key: string) {
    if (!isStorageKey(key)) return;
    try {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectName(key) }),
      );
    } catch (error) {
      if (isMissing(error)) return;
      this.failed('remove', error);
    }
  }

  async list() {
    return (await this.listWithTimes()).map((object) => object.key);
  }

  async listWithTimes(): Promise<{ key: string; modifiedAt: Date }[]> {
    const found: { key: string; modifiedAt: Date }[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix,
            ContinuationToken: token,
          }),
        );
        for (const object of page.Contents ?? []) {
          const key = (object.Key ?? '').slice(this.prefix.length);
          if (isStorageKey(key)) found.push({ key, modifiedAt: object.LastModified ?? new Date() });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      this.failed('list', error);
    }
    return found;
  }

  private async openUploads(): Promise<{ key: string; uploadId: string; initiated: Date }[]> {
    const found: { key: string; uploadId: string; initiated: Date }[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: this.prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId) continue;
          found.push({
            key: upload.Key,
            uploadId: upload.UploadId,
            initiated: upload.Initiated ?? new Date(),
          });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      this.failed('listIncoming', error);
    }
    return found;
  }

  async listIncoming() {
    return (await this.openUploads()).map((upload) => upload.key);
  }

  /** Multipart uploads a killed process never completed nor aborted (their parts cost money). */
  async removeStalePartials(before: Date): Promise<number> {
    let removed = 0;
    for (const upload of await this.openUploads()) {
      if (upload.initiated >= before) continue;
      try {
        await this.client.send(
          new AbortMultipartUploadCommand({
            Bucket: this.bucket,
            Key: upload.key,
            UploadId: upload.uploadId,
          }),
        );
      } catch (error) {
        if (!isMissing(error)) this.failed('abortUpload', error);
      }
      removed += 1;
    }
    return removed;
  }

  async check() {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      this.failed('check', error);
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown) {
  const name = (error as { name?: string })?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchUpload';
}

/**
 * What went wrong, in words an operator can act on: the S3 error name and HTTP status, or the
 * network error's code. Never the request's signature or credentials.
 */
export function describeS3Error(error: unknown): string {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e?.$metadata?.httpStatusCode;
  // A HEAD answer has no body, so its error has no name of its own ("Unknown").
  if (status)
    return e.name && e.name !== 'Unknown' ? `${e.name} (HTTP ${status})` : `HTTP ${status}`;
  return e?.code ?? e?.name ?? String(error);
}
