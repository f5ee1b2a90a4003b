/**
 * npm run bench:video
 *
 * How fast the media route serves Range reads, compared in the same run with Node reading the
 * same file through fs.createReadStream (the ratio is the figure to watch; target ≥ 0.8), and
 * how much memory the server uses while streaming a large file (it must stay flat: the file is
 * streamed, never held).
 *
 * The file is a sparse 1 GiB temp file (BENCH_VIDEO_MB to change), so the numbers measure the
 * serving path rather than the disk. Everything runs in this process against an in-memory
 * database and is removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

process.env.NODE_ENV = 'test';
process.env.DATA_DIR = 'memory://';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
delete process.env.DATABASE_URL;

const MiB = 1024 * 1024;
const FILE_BYTES = Number(process.env.BENCH_VIDEO_MB ?? 1024) * MiB;
const RANGE_BYTES = 64 * MiB;
const ROUNDS = 5;
const TARGET = 0.8;

const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { createUserSession, getCurrentSession } = await import('~/modules/auth/session.server');
const { generateId } = await import('~/modules/security/tokens.server');
const { mediaStorage: storedMedia } = await import('~/modules/video/media-storage.server');
type LocalDisk = import('~/modules/storage/local-disk-storage.server').LocalDiskStorage;
// The local run writes its sparse file into the disk store's folder directly.
const mediaStorage = storedMedia as LocalDisk;
const { createMediaToken, mediaUrl } = await import('~/modules/video/media-token.server');
const mediaRoute = await import('~/routes/media.$videoId');
const { writeBody } = await import('~/utils/remix-express.server');

// --- fixture: an event, a member with a session, and a large stored video -----------------
const eventId = generateId();
await db.insert(schema.events).values({
  id: eventId,
  slug: 'bench-race',
  nameJa: 'ベンチ大会',
  nameEn: 'Bench race',
  eventDate: '2027-01-01',
  organizerNameJa: '事務局',
  organizerNameEn: 'Office',
  contactEmail: 'office@bench.example',
});
const userId = generateId();
await db.insert(schema.users).values({ id: userId, email: 'bench@example.com', locale: 'en' });
await db.insert(schema.memberships).values({ id: generateId(), eventId, userId, aliasNumber: 1 });
const cookie = (await createUserSession(userId, new Request('http://localhost/'))).split(';')[0];
const session = await getCurrentSession(
  new Request('http://localhost/', { headers: { Cookie: cookie } }),
);
if (!session) throw new Error('no session');

const storageKey = generateId();
const filePath = path.join(mediaStorage.root, storageKey);
{
  const handle = await open(filePath, 'w');
  await handle.write(
    Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d', 'hex'),
    0,
  );
  await handle.truncate(FILE_BYTES);
  await handle.close();
}
const videoId = generateId();
await db.insert(schema.videos).values({
  id: videoId,
  eventId,
  titleJa: 'ベンチ',
  titleEn: 'Bench',
  storageKey,
  contentType: 'video/webm',
  sizeBytes: FILE_BYTES,
});
const { token } = createMediaToken({ videoId, sessionId: session.sessionId });
const url = `http://localhost${mediaUrl(videoId, token)}`;

// --- helpers -------------------------------------------------------------------------------
function rangesOver(totalBytes: number, rangeBytes: number) {
  const list: [number, number][] = [];
  for (let start = 0; start < totalBytes; start += rangeBytes) {
    list.push([start, Math.min(start + rangeBytes, totalBytes) - 1]);
  }
  return list;
}
const localRanges = rangesOver(FILE_BYTES, RANGE_BYTES);

async function drainNode(stream: NodeJS.ReadableStream) {
  let total = 0;
  for await (const chunk of stream) total += (chunk as Buffer).byteLength;
  return total;
}

async function drainWeb(body: ReadableStream<Uint8Array>) {
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
  }
}

async function callMediaRoute(range: string) {
  const response = (await mediaRoute.loader({
    request: new Request(url, { headers: { Cookie: cookie, Range: range } }),
    params: { videoId },
    context: { cspNonce: '', clientIp: '127.0.0.1', requestId: 'bench' },
  })) as Response;
  if (response.status !== 206) throw new Error(`media route answered ${response.status}`);
  return response;
}

// --- 1. Range reads: fs.createReadStream vs the media route handler ------------------------

// --- 2. The same over HTTP on loopback: fs piped to the socket vs the handler + writeBody ---
const server = createServer((req, res) => {
  const range = req.headers.range ?? 'bytes=0-';
  if (req.url === '/fs') {
    const [, s, e] = /bytes=(\d+)-(\d+)/.exec(range)!;
    res.writeHead(206, { 'Content-Type': 'video/webm' });
    createReadStream(filePath, { start: Number(s), end: Number(e) }).pipe(res);
    return;
  }
  void callMediaRoute(range).then((response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    return writeBody(res, response.body);
  });
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const port = (server.address() as AddressInfo).port;

function httpGet(pathname: string, range: string) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: pathname, headers: { Range: range } },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}
// --- 3. Memory while streaming the whole file as one open-ended range ----------------------
async function peakRssDuring(run: () => Promise<unknown>) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  await run();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { before, peak };
}
const memoryHandler = await peakRssDuring(async () =>
  drainWeb((await callMediaRoute('bytes=0-')).body!),
);
// Over HTTP with a slow client: it reads 8 MiB, pauses a second (a player with a full buffer),
// then reads the rest. The server must not read ahead into memory meanwhile.
const memorySlowClient = await peakRssDuring(async () => {
  const response = await httpGet('/media', 'bytes=0-');
  let seen = 0;
  let paused = false;
  for await (const chunk of response) {
    seen += (chunk as Buffer).byteLength;
    if (!paused && seen > 8 * MiB) {
      paused = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  if (seen !== FILE_BYTES) throw new Error(`slow client read ${seen} bytes`);
});

// Warm up every path once (JIT, page cache). Then each Range is read by all contenders back
// to back, rotating who goes first, so that load from elsewhere on the machine falls on all
// alike; throughput is total bytes over each contender's total time.
type Contender = (range: [number, number]) => Promise<number>;
async function race(contenders: Contender[], ranges = localRanges, totalBytes = FILE_BYTES) {
  for (const contender of contenders) for (const range of ranges) await contender(range);
  const seconds = contenders.map(() => 0);
  const perRound: number[][] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const roundSeconds = contenders.map(() => 0);
    for (const [i, range] of ranges.entries()) {
      for (let k = 0; k < contenders.length; k += 1) {
        const which = (i + round + k) % contenders.length;
        const started = process.hrtime.bigint();
        const bytes = await contenders[which](range);
        roundSeconds[which] += Number(process.hrtime.bigint() - started) / 1e9;
        if (bytes !== range[1] - range[0] + 1) throw new Error(`short read: ${bytes} bytes`);
      }
    }
    roundSeconds.forEach((value, k) => (seconds[k] += value));
    perRound.push(roundSeconds.map((value) => totalBytes / MiB / value));
  }
  return { throughput: seconds.map((value) => (totalBytes * ROUNDS) / MiB / value), perRound };
}
const readChunk = mediaStorage.readChunkBytes;
const direct = await race([
  ([start, end]) => drainNode(createReadStream(filePath, { start, end })),
  async ([start, end]) => drainWeb((await callMediaRoute(`bytes=${start}-${end}`)).body!),
  ([start, end]) => drainNode(createReadStream(filePath, { start, end, highWaterMark: readChunk })),
]);
const overHttp = await race([
  async ([start, end]) => drainNode(await httpGet('/fs', `bytes=${start}-${end}`)),
  async ([start, end]) => drainNode(await httpGet('/media', `bytes=${start}-${end}`)),
]);

server.close();
await rm(filePath, { force: true });

// --- 4. S3-compatible storage: Range reads through the handler vs the SDK directly ---------
// s3rver (started here, in this process) unless S3_BUCKET etc. point at a real store. The
// handler is videoResponse with an S3Storage, as the media route calls it after its checks.
const { startS3Server, S3_TEST_CREDENTIALS } = await import('../tests/support/s3-server');
const { createS3Client, S3Storage } = await import('~/modules/storage/s3-storage.server');
const { videoResponse } = await import('~/modules/video/media-response.server');
const { GetObjectCommand } = await import('@aws-sdk/client-s3');
const S3_BYTES = Number(process.env.BENCH_S3_MB ?? 256) * MiB;
const S3_RANGE_BYTES = 16 * MiB;
const external = Boolean(process.env.S3_BUCKET);
const testS3 = external ? null : await startS3Server({ bucket: 'startline-bench' });
const s3Client = createS3Client({
  bucket: process.env.S3_BUCKET ?? testS3!.bucket,
  region: process.env.S3_REGION ?? 'us-east-1',
  endpoint: process.env.S3_ENDPOINT ?? testS3!.endpoint,
  accessKeyId: process.env.S3_ACCESS_KEY_ID ?? S3_TEST_CREDENTIALS.accessKeyId,
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? S3_TEST_CREDENTIALS.secretAccessKey,
  forcePathStyle: external ? process.env.S3_FORCE_PATH_STYLE === 'true' : true,
});
const s3Bucket = process.env.S3_BUCKET ?? testS3!.bucket;
const s3Storage = new S3Storage(s3Client, s3Bucket, `${process.env.S3_PREFIX ?? ''}bench/`);
const pattern = new Uint8Array(randomBytes(MiB));
let s3Key = '';
const s3Upload = await peakRssDuring(async () => {
  const written = await s3Storage.write(
    (async function* () {
      for (let sent = 0; sent < S3_BYTES; sent += MiB) yield pattern;
    })(),
  );
  s3Key = written.key;
});
const s3Video = { storageKey: s3Key, contentType: 'video/webm', sizeBytes: S3_BYTES };
const s3Ranges = rangesOver(S3_BYTES, S3_RANGE_BYTES);
const s3Race = await race(
  [
    async ([start, end]) => {
      const object = await s3Client.send(
        new GetObjectCommand({
          Bucket: s3Bucket,
          Key: s3Storage.objectName(s3Key),
          Range: `bytes=${start}-${end}`,
        }),
      );
      return drainNode(object.Body as NodeJS.ReadableStream);
    },
    async ([start, end]) => {
      const response = await videoResponse(
        new Request(url, { headers: { Range: `bytes=${start}-${end}` } }),
        s3Video,
        s3Storage,
      );
      if (response.status !== 206) throw new Error(`S3 handler answered ${response.status}`);
      return drainWeb(response.body!);
    },
  ],
  s3Ranges,
  S3_BYTES,
);
const s3Memory = await peakRssDuring(async () => {
  const response = await videoResponse(
    new Request(url, { headers: { Range: 'bytes=0-' } }),
    s3Video,
    s3Storage,
  );
  const read = await drainWeb(response.body!);
  if (read !== S3_BYTES) throw new Error(`S3 whole read: ${read} bytes`);
});
await s3Storage.remove(s3Key);
await testS3?.dispose();
await app.stop({ graceful: false });

// --- report ---------------------------------------------------------------------------------
const fmt = (n: number) => `${n.toFixed(0).padStart(6)} MiB/s`;
const mb = (n: number) => `${(n / MiB).toFixed(0)} MiB`;
const ratio = direct.throughput[1] / direct.throughput[0];
const sameChunkRatio = direct.throughput[1] / direct.throughput[2];
const httpRatio = overHttp.throughput[1] / overHttp.throughput[0];
const perRound = (rounds: number[][], k: number) =>
  rounds.map((r) => (r[k] / r[0]).toFixed(2)).join(', ');
const row = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
console.log(
  `Video streaming benchmark: ${mb(FILE_BYTES)} sparse file, ${localRanges.length} Range reads of ${mb(RANGE_BYTES)}, ${ROUNDS} rounds`,
);
console.log('');
row('fs.createReadStream (defaults, 64 KiB reads)', fmt(direct.throughput[0]));
row('media route handler (loader)', fmt(direct.throughput[1]));
row(
  'ratio handler / fs.createReadStream',
  `${ratio.toFixed(2)}   (target >= ${TARGET}; per round ${perRound(direct.perRound, 1)})`,
);
row(
  `fs.createReadStream with the route's ${readChunk / 1024} KiB reads`,
  fmt(direct.throughput[2]),
);
row("ratio handler / that (the route's own overhead)", sameChunkRatio.toFixed(2));
console.log('');
row('HTTP loopback: fs piped to the socket', fmt(overHttp.throughput[0]));
row('HTTP loopback: handler + writeBody (as server.ts)', fmt(overHttp.throughput[1]));
row('ratio over HTTP', `${httpRatio.toFixed(2)}   (per round ${perRound(overHttp.perRound, 1)})`);
console.log('');
const rss = (m: { before: number; peak: number }) =>
  `peak ${mb(m.peak)} (${mb(m.before)} before, +${mb(m.peak - m.before)})`;
row(`RSS streaming all ${mb(FILE_BYTES)} through the handler`, rss(memoryHandler));
row('RSS streaming it over HTTP to a client pausing 1 s', rss(memorySlowClient));
console.log('  (most of the baseline is the embedded PGlite database)');
console.log('');
const growth = Math.max(
  memoryHandler.peak - memoryHandler.before,
  memorySlowClient.peak - memorySlowClient.before,
);
const memoryFlat = growth < 128 * MiB;
console.log(
  `S3 storage (${external ? 'S3_ENDPOINT' : 's3rver in this process'}): ${mb(S3_BYTES)} object, ${s3Ranges.length} Range reads of ${mb(S3_RANGE_BYTES)}, ${ROUNDS} rounds`,
);
console.log('');
const s3Ratio = s3Race.throughput[1] / s3Race.throughput[0];
row('SDK GetObject with Range, body drained', fmt(s3Race.throughput[0]));
row('media handler (videoResponse) on S3Storage', fmt(s3Race.throughput[1]));
row(
  'ratio handler / SDK directly',
  `${s3Ratio.toFixed(2)}   (target >= ${TARGET}; per round ${perRound(s3Race.perRound, 1)})`,
);
row(`RSS uploading ${mb(S3_BYTES)} (multipart, 8 MiB parts)`, rss(s3Upload));
row(`RSS streaming all ${mb(S3_BYTES)} from S3 through the handler`, rss(s3Memory));
console.log('');
const s3Growth = Math.max(s3Upload.peak - s3Upload.before, s3Memory.peak - s3Memory.before);
const s3Flat = s3Growth < 128 * MiB;
const pass = ratio >= TARGET && memoryFlat && s3Ratio >= TARGET && s3Flat;
console.log(pass ? 'PASS' : 'BELOW TARGET');
process.exitCode = pass ? 0 : 1;
