/**
 * npm run bench:import   (not part of npm test)
 *
 * Uploads a 60,000-row entrant list (UTF-8, Japanese names; BENCH_ROWS to change) through the
 * real import route — multipart parsing, CSV decoding and validation, the set-based insert,
 * the send jobs and the audit entry in one transaction — and prints how long it took
 * (target < 10 s). Then uploads the same file again (every row "already invited") and a
 * Shift_JIS copy of it. Sending the emails is the jobs' work afterwards and is not timed.
 *
 * Runs on an in-memory PGlite, or on PostgreSQL with BENCH_DATABASE_URL (a database that is
 * wiped: use a scratch one). Same runner as the other benchmarks: tsx (resolves the `~/`
 * paths from tsconfig).
 */
import { availableParallelism, loadavg } from 'node:os';
import iconv from 'iconv-lite';

const ROWS = Number(process.env.BENCH_ROWS ?? 60_000);
const TARGET_SECONDS = 10;

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = 'memory://';
}

const { count, eq, sql } = await import('drizzle-orm');
const { database, db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { generateId } = await import('~/modules/security/tokens.server');
const { createUserSession } = await import('~/modules/auth/session.server');
await import('~/modules/jobs/all-queues.server');
// After the queues exist (pg-boss creates its schema on start).
if (process.env.BENCH_DATABASE_URL)
  await db.execute(sql`TRUNCATE events, users, pgboss.job CASCADE`);
const { stopJobs } = await import('~/modules/jobs/queue.server');
const importRoute = await import('~/routes/staff.$slug.import');

const eventId = generateId();
await db.insert(schema.events).values({
  id: eventId,
  slug: 'bench-import',
  nameJa: 'ベンチマラソン',
  nameEn: 'Bench Marathon',
  eventDate: '2027-03-28',
  organizerNameJa: 'ベンチ実行委員会',
  organizerNameEn: 'Bench Committee',
  contactEmail: 'office@bench.example',
});
const ownerId = generateId();
await db.insert(schema.users).values({ id: ownerId, email: 'owner@bench.example' });
await db.insert(schema.eventStaff).values({ eventId, userId: ownerId, role: 'owner' });
const cookie = (await createUserSession(ownerId, new Request('http://localhost:3000/'))).split(
  ';',
)[0];

const family = ['山田', '佐藤', '鈴木', '髙橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const given = ['花子', '健', '恵美', '翔太', '美咲', '大輔', '結衣', '拓也', 'さくら', '蓮'];
const categories = ['フルマラソン', 'ハーフ', '10km'];
const lines = ['メールアドレス,氏名,ゼッケン,種目'];
for (let i = 0; i < ROWS; i += 1) {
  lines.push(
    `runner${i}@bench.example,${family[i % 10]} ${given[((i / 10) % 10) | 0]},${10_000 + i},${categories[i % 3]}`,
  );
}
const csv = `${lines.join('\r\n')}\r\n`;
const utf8 = new TextEncoder().encode(csv);
const sjis = new Uint8Array(iconv.encode(csv.replace(/@bench/g, '@sjis.bench'), 'cp932'));

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'text/csv' }));
  const request = new Request('http://localhost:3000/staff/bench-import/import', {
    method: 'POST',
    headers: { Cookie: cookie, Origin: 'http://localhost:3000' },
    body: form,
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let response: Response;
  try {
    response = (await importRoute.action({
      request,
      params: { slug: 'bench-import' },
      context: { cspNonce: '', clientIp: '127.0.0.1', requestId: 'bench' },
    })) as Response;
  } catch (thrown) {
    response = thrown as Response;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  // On PGlite the database runs inside this process, so CPU time covers the whole import and
  // shows what the wall time would be on an otherwise idle machine.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (response.status !== 302)
    throw new Error(`import failed: ${response.status} ${await response.text()}`);
  const importId = new URL(response.headers.get('Location')!, 'http://x').searchParams.get(
    'result',
  )!;
  const [row] = await db
    .select({ summary: schema.entrantImports.summary })
    .from(schema.entrantImports)
    .where(eq(schema.entrantImports.id, importId));
  return { seconds, cpuSeconds, summary: row.summary as Record<string, number> };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `Entrant import benchmark — ${ROWS.toLocaleString('en')} rows, ${database.kind}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`,
);

const first = await upload(utf8, 'entrants-utf8.csv');
console.log(
  `  first upload (UTF-8, ${mb(utf8.length)} MB): ${first.seconds.toFixed(2)} s (CPU ${first.cpuSeconds.toFixed(2)} s) — created ${first.summary.created}, rejected ${first.summary.rejected}  [target < ${TARGET_SECONDS} s: ${first.seconds < TARGET_SECONDS ? 'ok' : 'MISSED'}]`,
);
const again = await upload(utf8, 'entrants-utf8.csv');
console.log(
  `  same file again: ${again.seconds.toFixed(2)} s (CPU ${again.cpuSeconds.toFixed(2)} s) — created ${again.summary.created}, already invited ${again.summary.alreadyInvited}`,
);
const shiftJis = await upload(sjis, 'entrants-sjis.csv');
console.log(
  `  Shift_JIS copy (${mb(sjis.length)} MB, other addresses): ${shiftJis.seconds.toFixed(2)} s (CPU ${shiftJis.cpuSeconds.toFixed(2)} s) — created ${shiftJis.summary.created}, encoding ${String((shiftJis.summary as unknown as { encoding: string }).encoding)}`,
);

const [{ n: invitationRows }] = await db.select({ n: count() }).from(schema.invitations);
const [{ n: userRows }] = await db.select({ n: count() }).from(schema.users);
const [{ n: membershipRows }] = await db.select({ n: count() }).from(schema.memberships);
const jobs = await db.execute(
  sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'invitations.dispatch'`,
);
const jobRows = (Array.isArray(jobs) ? jobs : (jobs as { rows: { n: number }[] }).rows) as {
  n: number;
}[];
console.log(
  `  invitations ${invitationRows}, dispatch jobs ${jobRows[0].n}, users ${userRows} (the owner only), memberships ${membershipRows}`,
);

if (database.kind === 'pglite' && loadavg()[0] > availableParallelism()) {
  console.log('  (the machine is busy: on an idle machine the wall time is close to the CPU time)');
}

await stopJobs({ graceful: false });
await database.close();
process.exit(0);
