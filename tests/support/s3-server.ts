/**
 * An S3-protocol server for the tests (s3rver, started in-process on a free port with a temp
 * directory), so the storage module runs the real @aws-sdk/client-s3 against it, as the fake
 * Resend API does for mail. Path-style addresses, credentials S3RVER/S3RVER.
 *
 * s3rver 3.7 does not implement two calls that real stores (AWS, R2, MinIO) do and that the
 * storage module uses for interrupted uploads: ListMultipartUploads and AbortMultipartUpload.
 * They are answered here from s3rver's own folder of open uploads, in the S3 wire format.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  status: number;
  body: unknown;
  type: string;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  port: number;
  bucket: string;
  directory: string;
  /** The environment that points the app at this server. */
  env: Record<string, string>;
  /** Open (neither completed nor aborted) multipart uploads, as their object names. */
  openUploads(): Promise<string[]>;
  /** Stops answering at once (open connections cut), as an outage would. */
  stop(): Promise<void>;
  /** Starts again on the same port and folder. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startS3Server(
  options: { bucket?: string; port?: number } = {},
): Promise<TestS3Server> {
  const bucket = options.bucket ?? 'startline-test';
  const directory = mkdtempSync(path.join(os.tmpdir(), 'startline-s3rver-'));
  const uploadsFolder = path.join(directory, bucket, '._S3rver_uploads');
  let server: S3rverInstance | null = null;
  let port = options.port ?? 0;

  async function openUploadList() {
    const ids = await readdir(uploadsFolder).catch(() => [] as string[]);
    const uploads: { key: string; uploadId: string; initiated: Date }[] = [];
    for (const uploadId of ids) {
      const key = await readFile(path.join(uploadsFolder, uploadId, 'key'), 'utf8').catch(
        () => null,
      );
      const info = await stat(path.join(uploadsFolder, uploadId)).catch(() => null);
      if (key !== null && info) uploads.push({ key, uploadId, initiated: info.mtime });
    }
    return uploads;
  }

  const multipartCalls: KoaMiddleware = async (ctx, next) => {
    const [bucketName, ...keyParts] = ctx.path.split('/').filter(Boolean);
    if (bucketName !== bucket) return next();
    if (ctx.method === 'GET' && keyParts.length === 0 && 'uploads' in ctx.query) {
      const prefix = ctx.query.prefix ?? '';
      const uploads = (await openUploadList()).filter((u) => u.key.startsWith(prefix));
      ctx.type = 'application/xml';
      ctx.status = 200;
      ctx.body =
        `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
        `<Bucket>${bucket}</Bucket><Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>` +
        uploads
          .map(
            (u) =>
              `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`,
          )
          .join('') +
        `</ListMultipartUploadsResult>`;
      return;
    }
    if (ctx.method === 'DELETE' && keyParts.length > 0 && ctx.query.uploadId) {
      const uploadId = ctx.query.uploadId;
      if (!/^[A-Za-z0-9_-]+$/.test(uploadId)) return next();
      await rm(path.join(uploadsFolder, uploadId), { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    return next();
  };

  async function start() {
    server = new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    server.middleware.unshift(multipartCalls);
    const address = await server.run();
    port = address.port;
  }

  async function stop() {
    if (!server) return;
    const closing = server.close();
    server.httpServer.closeAllConnections();
    await closing;
    server = null;
  }

  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    bucket,
    directory,
    env: {
      STORAGE_BACKEND: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    openUploads: async () => (await openUploadList()).map((u) => u.key),
    stop,
    restart: start,
    dispose: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function escapeXml(text: string) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
