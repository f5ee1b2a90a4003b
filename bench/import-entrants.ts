/**
 * npm run bench:import   (not part of npm test)
 *
 * Uploads a 60,000-row entrant list (UTF-8, Japanese names; BENCH_ROWS to change) through the
 * real import route, with its column mapping step — the upload (multipart parsing, the file
 * read and staged), the mapping page (guess and sample values) and the confirm (CSV decoding
 * and validation, the set-based insert, the send jobs and the audit entry in one transaction)
 * — and prints how long it took (target < 10 s, the three steps together). Then uploads the
 * same file again (every row "already invited") and a Shift_JIS copy of it. Sending the
 * emails is the jobs' work afterwards and is not timed.
 *
 * Each figure is also given as a ratio to a baseline measured in the same run on the same
 * machine: reading the same file in memory (parseEntrantList, no database), so a figure
 * from a busy machine can still be compared.
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
const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { database, db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { generateId } = await import('~/modules/security/tokens.server');
const { createUserSession } = await import('~/modules/auth/session.server');
// After the queues exist (pg-boss creates its schema on start).
if (process.env.BENCH_DATABASE_URL)
  await db.execute(sql`TRUNCATE events, users, pgboss.job CASCADE`);
const importRoute = await import('~/routes/staff.$slug.import');
const { parseEntrantList } = await import('~/modules/invitations/entrant-csv.server');

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
/** The list; the Shift_JIS copy has other addresses and other bibs (else every bib is taken). */
function entrantList(domain: string, firstBib: number) {
  const lines = ['メールアドレス,氏名,ゼッケン,種目'];
  for (let i = 0; i < ROWS; i += 1) {
    lines.push(
      `runner${i}@${domain},${family[i % 10]} ${given[((i / 10) % 10) | 0]},${firstBib + i},${categories[i % 3]}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
const utf8 = new TextEncoder().encode(entrantList('bench.example', 10_000));
const sjis = new Uint8Array(iconv.encode(entrantList('sjis.bench.example', 200_000), 'cp932'));

const context = { cspNonce: '', clientIp: '127.0.0.1', requestId: 'bench' };
const pagePath = 'http://localhost:3000/staff/bench-import/import';

async function call(
  fn: typeof importRoute.action | typeof importRoute.loader,
  request: Request,
): Promise<Response> {
  try {
    return (await fn({ request, params: { slug: 'bench-import' }, context })) as Response;
  } catch (thrown) {
    return thrown as Response;
  }
}

/** Upload, mapping page, confirm with the preselected mapping: what the office does. */
async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'text/csv' }));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const staged = await call(
    importRoute.action,
    new Request(pagePath, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://localhost:3000' },
      body: form,
    }),
  );
  const uploadId = new URL(staged.headers.get('Location') ?? '', 'http://x').searchParams.get(
    'upload',
  );
  if (staged.status !== 302 || !uploadId)
    throw new Error(`upload failed: ${staged.status} ${await staged.text()}`);
  const stagedAt = performance.now();

  const page = await call(
    importRoute.loader,
    new Request(`${pagePath}?upload=${uploadId}`, { headers: { Cookie: cookie } }),
  );
  if (page.status !== 200) throw new Error(`mapping page failed: ${page.status}`);
  const { upload: view } = (await page.json()) as {
    upload: { mapping: Record<string, number> };
  };
  const pageAt = performance.now();

  const fields = new URLSearchParams({ intent: 'confirm', uploadId });
  for (const [field, position] of Object.entries(view.mapping)) fields.set(field, String(position));
  const response = await call(
    importRoute.action,
    new Request(`${pagePath}?upload=${uploadId}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        Origin: 'http://localhost:3000',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: fields,
    }),
  );
  const done = performance.now();
  const seconds = (done - started) / 1000;
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
  return {
    seconds,
    cpuSeconds,
    steps: {
      upload: (stagedAt - started) / 1000,
      mapping: (pageAt - stagedAt) / 1000,
      confirm: (done - pageAt) / 1000,
    },
    summary: row.summary as Record<string, number>,
  };
}

// Baseline: the same file read in memory, no database (best of three).
let baseline = Infinity;
for (let i = 0; i < 3; i += 1) {
  const started = performance.now();
  const parsed = parseEntrantList(utf8);
  baseline = Math.min(baseline, (performance.now() - started) / 1000);
  if (!parsed.ok || parsed.rows.length !== ROWS) throw new Error('baseline: the file did not read');
}
const ratio = (seconds: number) => `×${(seconds / baseline).toFixed(1)}`;
const steps = (r: { steps: Record<string, number> }) =>
  Object.entries(r.steps)
    .map(([step, seconds]) => `${step} ${seconds.toFixed(2)} s`)
    .join(', ');

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `Entrant import benchmark — ${ROWS.toLocaleString('en')} rows, ${database.kind}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`,
);
console.log(
  `  baseline (same run): reading the file in memory, no database: ${baseline.toFixed(2)} s`,
);

const first = await upload(utf8, 'entrants-utf8.csv');
console.log(
  `  first upload (UTF-8, ${mb(utf8.length)} MB), upload + mapping + confirm: ${first.seconds.toFixed(2)} s ${ratio(first.seconds)} (CPU ${first.cpuSeconds.toFixed(2)} s) — created ${first.summary.created}, rejected ${first.summary.rejected}  [target < ${TARGET_SECONDS} s: ${first.seconds < TARGET_SECONDS ? 'ok' : 'MISSED'}]`,
);
console.log(`    steps: ${steps(first)}`);
const again = await upload(utf8, 'entrants-utf8.csv');
console.log(
  `  same file again: ${again.seconds.toFixed(2)} s ${ratio(again.seconds)} (CPU ${again.cpuSeconds.toFixed(2)} s) — created ${again.summary.created}, already invited ${again.summary.alreadyInvited}`,
);
const shiftJis = await upload(sjis, 'entrants-sjis.csv');
console.log(
  `  Shift_JIS copy (${mb(sjis.length)} MB, other addresses): ${shiftJis.seconds.toFixed(2)} s ${ratio(shiftJis.seconds)} (CPU ${shiftJis.cpuSeconds.toFixed(2)} s) — created ${shiftJis.summary.created}, rejected ${shiftJis.summary.rejected}, encoding ${String((shiftJis.summary as unknown as { encoding: string }).encoding)}`,
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

await app.stop({ graceful: false });
process.exit(0);
