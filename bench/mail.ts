/**
 * npm run bench:mail   (not part of npm test)
 *
 * One 60,000-invitation wave and a trickle of sign-in codes through the one outbound pipeline,
 * on PostgreSQL, against the fake Resend API, at MAIL_RATE_PER_SECOND=10 (a ceiling of 1,000
 * emails/s in batches of 100). Two worker processes (bench/mail-worker.ts) run startWorkers()
 * as in production, and the first of them queues the wave with startInvitationWave, where the
 * `invitations.dispatch` job would; the fake runs in a process of its own
 * (bench/mail-fake-resend.ts). This process seeds the database and requests a sign-in code
 * every 2.5 s through the real requestSignInCode (app/modules/auth/sign-in.server.ts), each for
 * a user created beforehand. Prints, with PASS/MISS:
 *   - invitation throughput over the steady window (after a 2 s ramp, to the last batch) as a
 *     fraction of the ceiling — target ≥ 0.9 (the sign-ins' own requests share the ceiling)
 *   - sign-in code latency, request → accepted at the fake API: p50/p95 — target p95 ≤ 3 s
 *   - duplicates: invitation emails to an address beyond the first — must be 0
 *   - the most send requests the fake saw in any one second — must be ≤ the rate — and the most
 *     the workers sent in any one second, with how much later the fake stamped their arrival
 *   - peak RSS (VmHWM) of each worker process
 * and, measured in the same run so that the figures can be read as ratios on a shared, noisy
 * machine: the fake's raw capacity (one client, the same payload, no pacing), the sign-in
 * latency with the pipeline idle, the time to insert the rows, and the load average.
 *
 * The database is created for the run on the server of BENCH_ADMIN_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards. BENCH_INVITATIONS,
 * BENCH_RATE, BENCH_DEADLINE_SECONDS (the wave's time limit, default 150) and
 * BENCH_HARD_DEADLINE_SECONDS (the whole run's, default 230) change the run. Progress goes to
 * stderr. Exits 1 if any address got an invitation twice, 2 if the run itself broke, else 0.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 60_000);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const DEADLINE_SECONDS = Number(process.env.BENCH_DEADLINE_SECONDS ?? 150);
const HARD_DEADLINE_SECONDS = Number(process.env.BENCH_HARD_DEADLINE_SECONDS ?? 230);
const WORKERS = 2;
const SIGN_IN_EVERY_MS = 2_500;
const IDLE_SIGN_INS = 4;
const RAMP_MS = 2_000;
const CEILING = 100 * RATE;
const INVITE_DOMAIN = '@invite.bench.example';
const SIGN_IN_DOMAIN = '@signin.bench.example';
const started = Date.now();

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `startline_bench_mail_${randomBytes(5).toString('hex')}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const children: ChildProcess[] = [];
// BENCH_CPU_PROFILE=1: each worker writes a V8 CPU profile (.cpuprofile, for Chrome's DevTools)
// into a temporary folder, named at the end, to see where a worker's time per batch goes.
const cpuProfileDir =
  process.env.BENCH_CPU_PROFILE === '1'
    ? mkdtempSync(path.join(tmpdir(), 'bench-mail-cpu-'))
    : null;
const cpuProfileArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
let dropped = false;

async function dropDatabase() {
  if (dropped) return;
  dropped = true;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

let failing = false;
async function fail(error: unknown) {
  if (failing) return;
  failing = true;
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  await dropDatabase().catch((e) => console.error(`could not drop ${dbName}:`, e));
  process.exit(2);
}
process.on('uncaughtException', (error) => void fail(error));
process.on('unhandledRejection', (error) => void fail(error));
// The app's work runs in the children, so this process's timers keep running: whatever hangs
// there, the run ends here.
setTimeout(
  () => void fail(new Error(`bench:mail hit its hard deadline (${HARD_DEADLINE_SECONDS} s)`)),
  HARD_DEADLINE_SECONDS * 1000,
).unref();

/** Progress on stderr, so that a slow phase on a busy machine shows where the time went. */
const note = (what: string) =>
  console.error(`  [${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The child's next message of this type; null if none came in time. */
function reply<T>(child: ChildProcess, type: string, timeoutMs: number) {
  return new Promise<T | null>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string }).type !== type) return;
      done();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`waiting for '${type}': child exited with ${code}`));
    };
    const timer = setTimeout(() => {
      done();
      resolve(null);
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
async function required<T>(pending: Promise<T | null>, what: string) {
  const value = await pending;
  if (value === null) throw new Error(`no ${what} in time`);
  return value;
}
function peakRssOf(child: ChildProcess) {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
await admin.end();

const fake = fork(here('./mail-fake-resend.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
children.push(fake);
const { url: fakeUrl } = await required(
  reply<{ url: string }>(fake, 'listening', 60_000),
  'fake Resend URL',
);
note(`database ${dbName} created, fake Resend API up`);

Object.assign(process.env, {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  DATABASE_URL: dbUrl.toString(),
  RESEND_API_KEY: 're_bench_fake_key',
  RESEND_BASE_URL: fakeUrl,
  MAIL_RATE_PER_SECOND: String(RATE),
});
// This process seeds and asks for sign-in codes; the worker processes send.
process.env.JOB_WORKER = 'false';

const { sql } = await import('drizzle-orm');
const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { database, db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { generateId } = await import('~/modules/security/tokens.server');
// Creates every queue here, once, before the workers start: two processes creating pg-boss
// queues at the same moment on a fresh database deadlock (seen in the first runs).
const { requestSignInCode } = await import('~/modules/auth/sign-in.server');
const { renderEmail } = await import('~/modules/mail/render-email.server');
const { Resend } = await import('resend');
const rows = <T>(result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const loadAtStart = loadavg()[0];
note('migrated');

// --- seed ---------------------------------------------------------------------------------
const event = {
  id: generateId(),
  slug: 'bench-mail',
  nameJa: 'ベンチマラソン',
  nameEn: 'Bench Marathon',
  eventDate: '2027-03-28',
  organizerNameJa: 'ベンチ実行委員会',
  organizerNameEn: 'Bench Committee',
  contactEmail: 'office@bench.example',
};
await db.insert(schema.events).values(event);
const SIGN_IN_USERS = IDLE_SIGN_INS + Math.ceil((DEADLINE_SECONDS * 1000) / SIGN_IN_EVERY_MS) + 5;
await db.execute(sql`
  INSERT INTO users (id, email, locale)
  SELECT 'signin-' || g, 'signin-' || g || ${SIGN_IN_DOMAIN}, 'ja'
  FROM generate_series(1, ${SIGN_IN_USERS}) g`);
const importId = generateId();
const seedStart = performance.now();
await db.execute(sql`
  INSERT INTO invitations (id, event_id, email, name, bib, import_id, expires_at)
  SELECT ${importId} || '-' || g, ${event.id}, 'runner-' || g || ${INVITE_DOMAIN}, '', g::text,
    ${importId}, now() + interval '30 days'
  FROM generate_series(1, ${INVITATIONS}) g`);
const seedMs = performance.now() - seedStart;
note('seeded');

// --- baseline: the fake's raw capacity, one client, no pacing, the invitation's payload -----
const rendered = await renderEmail('invitation', {
  eventNameJa: event.nameJa,
  eventNameEn: event.nameEn,
  eventDate: event.eventDate,
  organizerNameJa: event.organizerNameJa,
  organizerNameEn: event.organizerNameEn,
  contactEmail: event.contactEmail,
  joinUrl: `http://localhost:3000/join/${'x'.repeat(43)}`,
  declineUrl: `http://localhost:3000/join/${'x'.repeat(43)}/decline`,
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});
const client = new Resend('re_bench_fake_key');
let rawBatch = 0;
async function rawCapacity(inFlight: number, ms: number) {
  let emails = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() - start < ms) {
        const n = (rawBatch += 1);
        const { error } = await client.batch.send(
          Array.from({ length: 100 }, (_, i) => ({
            from: 'Startline <no-reply@startline.local>',
            to: `raw-${n}-${i}@raw.bench.example`,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
          })),
        );
        if (error) throw new Error(`raw capacity baseline: ${error.message}`);
        emails += 100;
      }
    }),
  );
  return emails / ((performance.now() - start) / 1000);
}
// One request at a time, and as many in flight as one worker process's sender loops.
const rawSequential = await rawCapacity(1, 2_000);
const rawConcurrent = await rawCapacity(4, 2_000);
const rawBest = Math.max(rawSequential, rawConcurrent);
fake.send('reset');
await required(reply(fake, 'reset', 10_000), 'reset of the fake');
note('fake API capacity measured');

// --- the worker processes -----------------------------------------------------------------
const workers = Array.from({ length: WORKERS }, () => {
  const child = fork(here('./mail-worker.ts'), [], {
    execArgv: ['--import', 'tsx', ...cpuProfileArgs],
    env: { ...process.env, JOB_WORKER: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
});
await Promise.all(workers.map((w) => required(reply(w, 'ready', 90_000), 'worker start')));
note('workers sending');

// --- sign-ins: the real request function, one fresh user and client address each ------------
const signIns: { email: string; at: number }[] = [];
async function signIn() {
  const n = signIns.length + 1;
  const email = `signin-${n}${SIGN_IN_DOMAIN}`;
  signIns.push({ email, at: Date.now() });
  const result = await requestSignInCode({
    email,
    locale: 'ja',
    clientIp: `198.51.${Math.floor(n / 250)}.${n % 250}`,
  });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
}
async function untilSignInCodesSent(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = rows<{ n: number }>(
      await db.execute(sql`
        SELECT count(*)::int AS n FROM outbound_emails
        WHERE template = 'sign-in-code' AND status IN ('queued', 'sending')`),
    );
    if (Number(row.n) === 0) return;
    await sleep(50);
  }
}

// Baseline: the same sign-in with the pipeline idle (senders polling, nothing else queued).
for (let i = 0; i < IDLE_SIGN_INS; i += 1) {
  await signIn();
  await untilSignInCodesSent(10_000);
  await sleep(300);
}
note('idle sign-ins done');

// --- the wave -----------------------------------------------------------------------------
const waveStart = Date.now();
// The wave's limit, shortened if the set-up was slow: the whole run stays within the hard one.
const waveDeadline = Math.min(
  waveStart + DEADLINE_SECONDS * 1000,
  started + (HARD_DEADLINE_SECONDS - 50) * 1000,
);
let queuedAnswer: { queued: number; ms: number; error?: string } | null = null;
workers[0].send({ type: 'queue', importId });
void reply<{ queued: number; ms: number; error?: string }>(
  workers[0],
  'queued',
  waveDeadline - waveStart,
)
  .then((answer) => {
    queuedAnswer = answer;
    if (answer) note(`wave queued: ${answer.queued} messages${answer.error ?? ''}`);
  })
  .catch(() => undefined);

let waveDone = false;
const trickle = (async () => {
  const pending: Promise<void>[] = [];
  for (let i = 1; ; i += 1) {
    const due = waveStart + i * SIGN_IN_EVERY_MS;
    while (!waveDone && Date.now() < due) await sleep(Math.min(250, due - Date.now()));
    if (waveDone || due >= waveDeadline) break;
    pending.push(signIn());
  }
  await Promise.all(pending);
})();

// Every message settled but the stream not 'done': its finishing step was missed. Waited on
// for STUCK_GRACE_MS, then reported as such instead of waiting out the limit.
const STUCK_GRACE_MS = 10_000;
let settledAt: number | null = null;
let streamStatus = 'not queued';
let lastReport = waveStart;
while (
  !waveDone &&
  Date.now() < waveDeadline &&
  !(settledAt !== null && Date.now() - settledAt > STUCK_GRACE_MS)
) {
  await sleep(1_000);
  const [stream] = rows<{ status: string; left: number }>(
    await db.execute(sql`
      SELECT s.status, (SELECT count(*)::int FROM outbound_emails o
        WHERE o.stream_id = s.id AND o.status IN ('queued', 'sending')) AS left
      FROM mail_streams s WHERE s.subject_id = ${importId}`),
  );
  waveDone = stream?.status === 'done';
  streamStatus = stream?.status ?? streamStatus;
  if (stream && Number(stream.left) === 0 && settledAt === null) settledAt = Date.now();
  if (Date.now() - lastReport >= 15_000) {
    lastReport = Date.now();
    note(
      stream
        ? `${INVITATIONS - Number(stream.left)} of ${INVITATIONS} invitations settled`
        : 'wave not queued yet',
    );
  }
}
const finished = waveDone;
const waveEnd = Date.now();
waveDone = true;
await trickle;
await untilSignInCodesSent(10_000);
note(
  finished
    ? 'wave done'
    : settledAt !== null
      ? `every invitation settled, but the stream is still '${streamStatus}'`
      : 'wave stopped at its time limit',
);

// --- wind down and collect ----------------------------------------------------------------
const peaks = workers.map(peakRssOf);
const stopped = await Promise.all(
  workers.map(async (w) => {
    const answer = reply<{
      logged: { key: string; count: number; text: string }[];
      sentAt: { key: string; at: number }[];
    }>(w, 'stopped', 15_000);
    w.send({ type: 'stop' });
    const report = await answer.catch(() => null);
    if (!report) w.kill('SIGKILL');
    return report;
  }),
);
fake.send('stats');
const stats = await required(
  reply<{
    acceptedTo: string[];
    acceptedAt: number[];
    requestAt: number[];
    requestStatus: number[];
    requestKey: (string | null)[];
  }>(fake, 'stats', 30_000),
  'fake API figures',
);
fake.send('close');

const [outcome] = rows<{
  sent: number;
  failed: number;
  skipped: number;
  left: number;
  invited: number;
  retried: number;
}>(
  await db.execute(sql`
    SELECT
      count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
      count(*) FILTER (WHERE o.status = 'failed')::int AS failed,
      count(*) FILTER (WHERE o.status = 'skipped')::int AS skipped,
      count(*) FILTER (WHERE o.status IN ('queued', 'sending'))::int AS left,
      (SELECT count(*)::int FROM invitations WHERE import_id = ${importId} AND sent_at IS NOT NULL) AS invited,
      (SELECT count(*)::int FROM mail_batches WHERE attempts > 1) AS retried
    FROM outbound_emails o WHERE o.kind = 'invitation'`),
);
await app.stop({ graceful: false });
await dropDatabase();

// --- figures ------------------------------------------------------------------------------
const inviteTimes: number[] = [];
const perAddress = new Map<string, number>();
const signInAccepted = new Map<string, number>();
stats.acceptedTo.forEach((to, index) => {
  const at = stats.acceptedAt[index];
  if (to.endsWith(INVITE_DOMAIN)) {
    inviteTimes.push(at);
    perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  } else if (to.endsWith(SIGN_IN_DOMAIN) && !signInAccepted.has(to)) signInAccepted.set(to, at);
});
let duplicates = 0;
for (const n of perAddress.values()) duplicates += n - 1;
inviteTimes.sort((a, b) => a - b);

// Emails arrive 100 at a time: count those whose batch arrived in [first + ramp, last batch),
// so n batches spaced 1/rate apart count as n - 1 intervals. A wave stopped at its time limit
// is measured up to that moment.
const steadyFrom = (inviteTimes[0] ?? 0) + RAMP_MS;
const steadyTo = finished || settledAt !== null ? inviteTimes[inviteTimes.length - 1] : waveEnd;
const inWindow = inviteTimes.filter((t) => t >= steadyFrom && t < steadyTo).length;
const steadyMs = inviteTimes.length > 1 ? Math.max(0, steadyTo - steadyFrom) : 0;
const steadyRate = steadyMs > 0 ? inWindow / (steadyMs / 1000) : 0;
const overallRate =
  inviteTimes.length > 1
    ? inviteTimes.length / ((inviteTimes[inviteTimes.length - 1] - inviteTimes[0]) / 1000)
    : 0;

const latencies = (list: typeof signIns) =>
  list
    .map((s) => (signInAccepted.has(s.email) ? signInAccepted.get(s.email)! - s.at : Infinity))
    .sort((a, b) => a - b);
const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const idle = latencies(signIns.slice(0, IDLE_SIGN_INS));
const loaded = latencies(signIns.slice(IDLE_SIGN_INS));
const idleP50 = quantile(idle, 0.5);
const p50 = quantile(loaded, 0.5);
const p95 = quantile(loaded, 0.95);
const lost = loaded.filter((l) => l === Infinity).length;

/** The most of these moments (sorted) that fall into any one second. */
function mostInOneSecond(moments: number[]) {
  let most = 0;
  for (let end = 0, start = 0; end < moments.length; end += 1) {
    while (moments[end] - moments[start] >= 1000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
const worstWindow = mostInOneSecond(stats.requestAt);
// The same requests as the workers sent them (the SDK's fetch call, right after the send slot),
// and how much later the fake stamped each one's arrival: it shares the two cores with
// everything else, so its stamps carry its own waits on top of the pacing's spacing.
const sentAtByKey = new Map<string, number>();
for (const report of stopped) {
  for (const { key, at } of report?.sentAt ?? [])
    if (!sentAtByKey.has(key)) sentAtByKey.set(key, at);
}
const sentMoments = [...sentAtByKey.values()].sort((a, b) => a - b);
const arrivalLags = stats.requestKey
  .map((key, index) => {
    const sent = key === null ? undefined : sentAtByKey.get(key);
    return sent === undefined ? null : stats.requestAt[index] - sent;
  })
  .filter((lag): lag is number => lag !== null)
  .sort((a, b) => a - b);
const refused = stats.requestStatus.filter((status) => status !== 200).length;
// The closest `rate + 1` consecutive requests: under 1,000 ms means a one-second window held
// more than the limit, and by how much the spacing fell short.
let closestSpan = Infinity;
for (let i = 0; i + RATE < stats.requestAt.length; i += 1) {
  closestSpan = Math.min(closestSpan, stats.requestAt[i + RATE] - stats.requestAt[i]);
}
// Requests of any kind per second over the steady window, against the rate: what the pacing
// let through, whatever the batches held.
const steadyRequests = stats.requestAt.filter((t) => t >= steadyFrom && t < steadyTo).length;
const slotUse = steadyMs > 0 ? steadyRequests / (steadyMs / 1000) / RATE : 0;

const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never');
const mb = (bytes: number | null) =>
  bytes === null ? 'unknown' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(42)} ${value.padEnd(24)} ${target}`);
const queued = queuedAnswer as { queued: number; ms: number; error?: string } | null;

console.log(
  `\nbench:mail — ${INVITATIONS.toLocaleString('en')} invitations + sign-in codes, rate ${RATE} requests/s (ceiling ${CEILING.toLocaleString('en')} emails/s)`,
);
console.log(
  `PostgreSQL at ${dbUrl.host} (a fresh database, dropped); ${WORKERS} worker processes running startWorkers(); sign-ins through requestSignInCode (app/modules/auth/sign-in.server.ts); ${availableParallelism()} CPUs, load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`,
);
console.log('\nbaselines (same run)');
line(`insert ${INVITATIONS.toLocaleString('en')} invitation rows`, secs(seedMs));
line(
  'fake API raw capacity, one client',
  `${rawSequential.toFixed(0)} / ${rawConcurrent.toFixed(0)} emails/s`,
  `(1 / 4 requests in flight, unpaced, invitation-sized; the ceiling is ${(CEILING / rawBest).toFixed(2)} of the better)`,
);
line('sign-in code latency, pipeline idle', `p50 ${secs(idleP50)}`, `(n=${idle.length})`);
console.log('\nthe wave');
line(
  'queue it (startInvitationWave, in worker 1)',
  queued ? secs(queued.ms) : `still running after ${secs(waveDeadline - waveStart)}`,
  queued?.error ? `failed: ${queued.error}` : '',
);
line(
  'wave (queue → stream done)',
  finished
    ? secs(waveEnd - waveStart)
    : settledAt !== null
      ? `never (all settled at ${secs(settledAt - waveStart)})`
      : `not done in ${secs(waveDeadline - waveStart)}`,
  finished || settledAt === null
    ? ''
    : `MISS the stream stayed '${streamStatus}' ${secs(waveEnd - settledAt)} after its last message settled`,
);
line(
  'invitations sent / failed / skipped / left',
  `${outcome.sent} / ${outcome.failed} / ${outcome.skipped} / ${outcome.left}`,
  `(invitations marked sent: ${outcome.invited} of ${INVITATIONS})`,
);
line(
  'invitation throughput / ceiling',
  `${(steadyRate / CEILING).toFixed(3)} (${steadyRate.toFixed(0)}/s)`,
  `${verdict(steadyRate / CEILING >= 0.9)} target ≥ 0.9 (steady window ${secs(steadyMs)}; whole wave ${(overallRate / CEILING).toFixed(3)}; ${(steadyRate / rawBest).toFixed(2)} of the fake's raw capacity)`,
);
line(
  'sign-in code latency p50 / p95',
  `${secs(p50)} / ${secs(p95)}`,
  `${verdict(loaded.length > 0 && p95 <= 3000)} target p95 ≤ 3 s (n=${loaded.length}, never accepted ${lost}; p50 ${(p50 / idleP50).toFixed(1)}× idle)`,
);
line(
  'duplicates',
  String(duplicates),
  `${verdict(duplicates === 0)} must be 0 (${perAddress.size} addresses got an invitation)`,
);
line(
  'max requests in any 1 s',
  String(worstWindow),
  `${verdict(worstWindow <= RATE)} limit ${RATE} (${stats.requestAt.length} requests, ${refused} not answered 200)`,
);
line(
  '… by the workers’ own send times',
  String(mostInOneSecond(sentMoments)),
  `${verdict(mostInOneSecond(sentMoments) <= RATE)} limit ${RATE} (${sentMoments.length} sent; the fake stamped their arrival p50 ${quantile(arrivalLags, 0.5)} / p99 ${quantile(arrivalLags, 0.99)} / max ${quantile(arrivalLags, 1)} ms later)`,
);
line(
  'send requests / rate, steady window',
  slotUse.toFixed(3),
  `(all lanes; the closest ${RATE + 1} requests spanned ${Number.isFinite(closestSpan) ? `${closestSpan} ms` : '—'})`,
);
line('batches retried', String(outcome.retried));
peaks.forEach((peak, index) =>
  line(
    `peak RSS, worker ${index + 1} (VmHWM)`,
    mb(peak),
    stopped[index] ? '' : '(did not stop within 15 s: killed)',
  ),
);
const logs = new Map<string, { count: number; text: string }>();
for (const report of stopped) {
  for (const { key, count, text } of report?.logged ?? []) {
    const entry = logs.get(key);
    if (entry) entry.count += count;
    else logs.set(key, { count, text });
  }
}
if (logs.size > 0) {
  console.log('\nworkers logged (count, then the first of its kind as the logger wrote it):');
  for (const { count, text } of [...logs.values()].sort((a, b) => b.count - a.count).slice(0, 6)) {
    console.log(`  ×${count}  ${text}`);
  }
}
if (cpuProfileDir) console.log(`\nworker CPU profiles: ${cpuProfileDir}`);
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);

process.exit(duplicates > 0 ? 1 : 0);
