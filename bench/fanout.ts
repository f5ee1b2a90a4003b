/**
 * npm run bench:fanout   (not part of npm test)
 *
 * 50,000 members, one announcement to everyone, sent through the one outbound pipeline (the
 * sender loops that startWorkers starts in this process) against the fake Resend API (in a
 * child process) at MAIL_RATE_PER_SECOND=10 (1,000 emails/s in batches of 100). Delivery is
 * over when the announcement's mail stream is done and the announcement is "sent". Prints:
 *   - time to commit the send (snapshot check, 50,000 delivery rows and as many outbound
 *     messages, one mail stream) — target ≤ 3 s
 *   - delivery throughput as a fraction of the configured rate — target ≥ 0.9
 *   - duplicates at the fake API (emails to an address beyond the first) — must be 0
 *   - peak RSS of this process (the app and its workers, and on PGlite the embedded PostgreSQL)
 *     — target ≤ 300 MB
 * Runs on PGlite in a temporary data directory (BENCH_PGLITE_DIR=memory:// for an in-memory
 * one), or on PostgreSQL with BENCH_DATABASE_URL: a fresh database is created on that server
 * for the run and dropped afterwards (the one named in the URL is left alone; DATABASE_URL is
 * ignored). BENCH_MEMBERS and BENCH_RATE change the size and the rate; delivery is given
 * BENCH_DEADLINE_SECONDS (default 150, so that a run stays within ~4 minutes on 2 cores) and
 * measured up to there if it has not finished.
 *
 * The npm script caps the old-space heap at 256 MB, as a worker process should run: the working
 * set is under 100 MB of heap, but an uncapped V8 lets garbage from 500 batch payloads pile up
 * to ~350 MB of RSS before collecting it. Run with `npx tsx bench/fanout.ts` to see that.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const DEADLINE_SECONDS = Number(process.env.BENCH_DEADLINE_SECONDS ?? 150);

type Stats = {
  received: number;
  addresses: number;
  duplicates: number;
  multiRecipient: number;
  requests: number;
  sends: number;
  firstAt: number | null;
  lastAt: number | null;
  maxPerSecond: number;
};

// On PostgreSQL: a database of the run's own on BENCH_DATABASE_URL's server, dropped at the end.
const serverUrl = process.env.BENCH_DATABASE_URL;
const scratchName = `startline_bench_fanout_${randomBytes(5).toString('hex')}`;
async function dropScratch() {
  if (!serverUrl) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
  await admin.end();
}
async function fail(error: unknown) {
  console.error(error);
  child.kill();
  await dropScratch().catch(() => undefined);
  process.exit(2);
}
process.on('uncaughtException', (error) => void fail(error));
process.on('unhandledRejection', (error) => void fail(error));

const child = fork(fileURLToPath(new URL('./fake-resend-child.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { url: string })),
);
const stats = () =>
  new Promise<Stats>((resolve) => {
    child.once('message', (m) => resolve(m as Stats));
    child.send('stats');
  });

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'true';
process.env.RESEND_API_KEY = 're_bench_fake_key';
process.env.RESEND_BASE_URL = url;
process.env.MAIL_RATE_PER_SECOND = String(RATE);
const pgliteDir =
  process.env.BENCH_PGLITE_DIR === 'memory://'
    ? 'memory://'
    : mkdtempSync(path.join(tmpdir(), 'bench-fanout-'));
// The embedded database is measured as `npm start` runs it: in DATA_DIR/pglite on disk, on a
// data directory that a first start (run here in a child process, see pglite-first-start.ts)
// has already initialized. BENCH_PGLITE_DIR=memory:// measures an in-memory database instead,
// whose files (WAL included) then count towards this process's RSS.
let firstStartPeakRss: number | null = null;
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${scratchName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${scratchName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = pgliteDir;
  if (pgliteDir !== 'memory://') {
    const first = fork(
      fileURLToPath(new URL('./pglite-first-start.ts', import.meta.url)),
      [path.join(pgliteDir, 'pglite')],
      { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    firstStartPeakRss = await new Promise<number>((resolve, reject) => {
      first.once('message', (m) => resolve((m as { peakRss: number }).peakRss));
      first.once('exit', (code) => reject(new Error(`first start exited with ${code}`)));
    });
  }
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)}`;
const phases: string[] = [];
const phase = (label: string) => {
  const m = process.memoryUsage();
  phases.push(
    `${label.padEnd(22)} rss ${mb(m.rss).padStart(4)}  heap ${mb(m.heapUsed).padStart(4)}  external ${mb(m.external).padStart(4)}  arrayBuffers ${mb(m.arrayBuffers).padStart(4)} MB`,
  );
};
phase('start');

let peakRss = 0;
let peakDetail = '';
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) {
    peakRss = m.rss;
    peakDetail = `heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, buffers ${mb(m.arrayBuffers)} MB`;
  }
}, 50);

const { sql, eq } = await import('drizzle-orm');
const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { database, db } = await import('~/modules/database/database.server');
phase('database open');
const schema = await import('~db/schema');
const { generateId } = await import('~/modules/security/tokens.server');
const { startWorkers } = await import('~/modules/jobs/queue.server');
const { createDraft } = await import('~/modules/announcements/drafts.server');
const { freezeAudience } = await import('~/modules/announcements/audience-snapshot.server');
const { sendAnnouncement } = await import('~/modules/announcements/send-announcement.server');
const { deliveryCounts } = await import('~/modules/delivery/delivery-status.server');

const eventId = generateId();
await db.insert(schema.events).values({
  id: eventId,
  slug: 'bench-marathon',
  nameJa: 'ベンチマラソン',
  nameEn: 'Bench Marathon',
  eventDate: '2027-03-28',
  organizerNameJa: 'ベンチ実行委員会',
  organizerNameEn: 'Bench Committee',
  contactEmail: 'office@bench.example',
});
const channelId = generateId();
await db
  .insert(schema.channels)
  .values({ id: channelId, eventId, slug: 'official', nameJa: '公式', nameEn: 'Official' });
const ownerId = generateId();
await db.insert(schema.users).values({ id: ownerId, email: 'owner@bench.example' });
await db.insert(schema.eventStaff).values({ eventId, userId: ownerId, role: 'owner' });
const seedStart = performance.now();
await db.execute(sql`
  INSERT INTO users (id, email, locale)
  SELECT 'u' || g, 'runner' || g || '@bench.example', CASE WHEN g % 10 = 0 THEN 'en' ELSE 'ja' END
  FROM generate_series(1, ${MEMBERS}) g`);
await db.execute(sql`
  INSERT INTO memberships (id, event_id, user_id, alias_number, bib)
  SELECT 'm' || g, ${eventId}, 'u' || g, 1000 + g, (1000 + g)::text FROM generate_series(1, ${MEMBERS}) g`);
const seedMs = performance.now() - seedStart;
phase('seeded');

const staff = {
  user: { id: ownerId, email: 'owner@bench.example', locale: 'ja' as const },
  event: {
    id: eventId,
    slug: 'bench-marathon',
    nameJa: 'ベンチマラソン',
    nameEn: 'Bench Marathon',
  },
  role: 'owner' as const,
};
const { env } = await import('~/env.server');
env.BROADCAST_APPROVAL_THRESHOLD = MEMBERS + 1;
const draft = await createDraft(staff, {
  channelId,
  titleJa: '大会当日のご案内',
  bodyJa:
    '## 受付\n\n**7時00分**から受付を開始します。詳しくは [大会サイト](https://example.com) をご覧ください。',
  titleEn: 'Race day information',
  bodyEn: '## Check-in\n\nCheck-in opens at **7:00**. See [the race site](https://example.com).',
  audienceMode: 'everyone_on_channel',
  bibFrom: null,
  bibTo: null,
  category: '',
});
if (!draft.ok) throw new Error('draft failed');
const freezeStart = performance.now();
const frozen = await freezeAudience(staff, draft.id);
const freezeMs = performance.now() - freezeStart;
if (!frozen.ok) throw new Error('freeze failed');

const commitStart = performance.now();
const sent = await sendAnnouncement(staff, {
  announcementId: draft.id,
  snapshotId: frozen.snapshotId,
  expectedCount: frozen.count,
  expectedChannelId: channelId,
});
const commitMs = performance.now() - commitStart;
if (!sent.ok) throw new Error(`send refused: ${sent.reason}`);

const setupRss = process.memoryUsage().rss;
phase('send committed');
const deliverStart = performance.now();
await startWorkers();
// Over when the send's stream has settled every message and the announcement is "sent" (the
// stream's finishing hook writes both in one transaction). Every message settled and the
// stream still open 10 s later means that finishing step was missed: reported, not waited out.
let delivered = false;
let settledMs: number | null = null;
let final = { status: '', stream: '' as string | null };
while (
  !delivered &&
  performance.now() - deliverStart < DEADLINE_SECONDS * 1000 &&
  !(settledMs !== null && performance.now() - deliverStart - settledMs > 10_000)
) {
  await new Promise((r) => setTimeout(r, 500));
  const [row] = await db
    .select({
      status: schema.announcements.status,
      stream: schema.mailStreams.status,
      left: sql<number>`(SELECT count(*)::int FROM outbound_emails o
        WHERE o.stream_id = ${schema.mailStreams.id} AND o.status IN ('queued', 'sending'))`,
    })
    .from(schema.announcements)
    .leftJoin(schema.mailStreams, eq(schema.mailStreams.subjectId, schema.announcements.id))
    .where(eq(schema.announcements.id, draft.id));
  final = row;
  delivered = row.status === 'sent' && row.stream === 'done';
  if (settledMs === null && row.stream && Number(row.left) === 0) {
    settledMs = performance.now() - deliverStart;
  }
}
const deliverMs = performance.now() - deliverStart;
const counts = await deliveryCounts(draft.id);
phase('delivered');
const fake = await stats();
clearInterval(sampler);

const spanSeconds = fake.firstAt && fake.lastAt ? (fake.lastAt - fake.firstAt) / 1000 : 0;
const batches = Math.ceil(MEMBERS / 100);
// n requests spaced 1/rate apart span (n-1)/rate seconds (also when delivery was cut short).
const achieved = spanSeconds > 0 ? (fake.sends - 1) / spanSeconds : 0;
const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(34)} ${value.padEnd(22)} ${target}`);
const measured =
  database.kind === 'postgres'
    ? `PostgreSQL at ${new URL(serverUrl ?? '').host}, a fresh database (a server process of its own: not in the RSS figures)`
    : pgliteDir === 'memory://'
      ? 'embedded PGlite, in memory (its files count as RSS)'
      : 'embedded PGlite, data directory on disk, started before (as npm start runs it)';
console.log(
  `\nbench:fanout — ${MEMBERS.toLocaleString('en')} members, rate ${RATE} requests/s\ndatabase: ${measured}`,
);
line('seed members', `${(seedMs / 1000).toFixed(2)} s`);
line('freeze audience (preview)', `${(freezeMs / 1000).toFixed(2)} s`);
line('commit the send', `${(commitMs / 1000).toFixed(2)} s`, '(target ≤ 3 s)');
line(
  'deliver (start → announcement sent)',
  delivered
    ? `${(deliverMs / 1000).toFixed(1)} s`
    : settledMs !== null
      ? `never (all settled at ${(settledMs / 1000).toFixed(1)} s)`
      : `not done in ${DEADLINE_SECONDS} s (${fake.received} emails)`,
  delivered
    ? ''
    : `(announcement '${final.status}', stream '${final.stream}' when the bench stopped waiting)`,
);
line('provider requests', `${fake.requests} (${batches} batches)`);
line(
  'throughput / configured rate',
  `${(achieved / RATE).toFixed(3)} (${achieved.toFixed(2)}/s)`,
  '(target ≥ 0.9)',
);
line('max requests in any 1 s', String(fake.maxPerSecond), `(rate ${RATE})`);
line('emails received / unique addresses', `${fake.received} / ${fake.addresses}`);
line('duplicates', String(fake.duplicates), '(must be 0)');
line('emails with more than one recipient', String(fake.multiRecipient), '(must be 0)');
line('deliveries sent / failed / pending', `${counts.sent} / ${counts.failed} / ${counts.pending}`);
line('RSS before delivery', `${(setupRss / 1024 / 1024).toFixed(0)} MB`);
// The sampler can miss a short spike; ru_maxrss is the kernel's high-water mark.
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
line(
  database.kind === 'postgres' ? 'peak RSS (app process)' : 'peak RSS (app incl. embedded PG)',
  `${(peakRss / 1024 / 1024).toFixed(0)} MB`,
  `(target ≤ 300 MB; sampled peak: ${peakDetail})`,
);
if (firstStartPeakRss !== null)
  line(
    'first start on empty data dir',
    `${(firstStartPeakRss / 1024 / 1024).toFixed(0)} MB`,
    '(peak RSS of initdb + migrations, once per data directory; own process)',
  );
console.log('\nmemory by phase:');
for (const p of phases) console.log(`  ${p}`);

await app.stop({ graceful: false });
await dropScratch();
if (pgliteDir !== 'memory://') rmSync(pgliteDir, { recursive: true, force: true });
child.send('close');
const ok =
  delivered &&
  commitMs <= 3000 &&
  achieved / RATE >= 0.9 &&
  fake.duplicates === 0 &&
  peakRss <= 300 * 1024 * 1024;
process.exit(ok ? 0 : 1);
