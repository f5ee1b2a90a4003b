/**
 * npm run bench:invitees   (not part of npm test)
 *
 * The staff invitations page at race size (issue 13): the page's own loader — session, role,
 * list, count and categories, as a request runs it — over 60,000 invitees of one event (and
 * 5,000 of a second one), for a bib search (exact and prefix), a name search, a status filter
 * and the 100th page of the list. Prints the median and p95 over BENCH_ROUNDS rounds (default
 * 30) and each one's ratio to two baselines measured in the same run: the members page's
 * loader for a bib search over 60,000 members, and a bare `SELECT 1` through the same driver.
 *
 * Runs on PostgreSQL with BENCH_DATABASE_URL (or DATABASE_URL): a fresh database on that
 * server, dropped at the end. Without either, on an in-memory PGlite. BENCH_INVITEES changes
 * the size.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const INVITEES = Number(process.env.BENCH_INVITEES ?? 60_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const scratchName = `startline_bench_invitees_${randomBytes(5).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
process.env.APP_URL ??= 'http://localhost:3000';
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${scratchName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${scratchName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = 'memory://';
}
async function dropScratch() {
  if (!serverUrl) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
  await admin.end();
}
async function fail(error: unknown) {
  console.error(error);
  await dropScratch().catch(() => undefined);
  process.exit(2);
}
process.on('uncaughtException', (error) => void fail(error));
process.on('unhandledRejection', (error) => void fail(error));

const { sql } = await import('drizzle-orm');
const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { database, db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { createUserSession } = await import('~/modules/auth/session.server');
const { encodeInviteePosition } = await import('~/modules/invitations/invitee-directory.server');
const invitationsRoute = await import('~/routes/staff.$slug.invitations._index');
const membersRoute = await import('~/routes/staff.$slug.members._index');
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

async function createEvent(slug: string) {
  const id = `event-${slug}`;
  await db.insert(schema.events).values({
    id,
    slug,
    nameJa: 'ベンチマラソン',
    nameEn: 'Bench Marathon',
    eventDate: '2027-03-28',
    organizerNameJa: 'ベンチ実行委員会',
    organizerNameEn: 'Bench Committee',
    contactEmail: 'office@bench.example',
  });
  await db.insert(schema.eventCategories).values([
    { eventId: id, name: 'フル' },
    { eventId: id, name: 'ハーフ' },
    { eventId: id, name: '10km' },
  ]);
  return id;
}

const family = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const familyKana = [
  'ヤマダ',
  'サトウ',
  'スズキ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
];
const given = ['花子', '太郎', 'さくら', '翔太', '美咲', '大輔', '陽菜', '蓮', '結衣', '健'];
const givenKana = [
  'ハナコ',
  'タロウ',
  'サクラ',
  'ショウタ',
  'ミサキ',
  'ダイスケ',
  'ヒナ',
  'レン',
  'ユイ',
  'ケン',
];
const arr = (xs: string[]) => `{${xs.join(',')}}`;

/**
 * Invitations as a wave and its reminder leave them: most sent, many reminded, some joined,
 * declined, bounced, revoked, a few never sent. Bibs 10001…, random ids like generateId's.
 */
async function seedInvitations(eventId: string, count: number, prefix: string) {
  await db.execute(sql`
    INSERT INTO invitations (id, event_id, email, name, name_kana, bib, category, status,
      expires_at, sent_at, reminded_at, bounced_at, responded_at, revoked_at)
    SELECT translate(left(encode(sha256((${prefix} || g)::bytea), 'base64'), 22), '+/', '-_'),
      ${eventId}, ${prefix} || g || '@bench.example',
      (${arr(family)}::text[])[1 + (g * 7) % 10] || ' ' || (${arr(given)}::text[])[1 + (g * 13) % 10],
      (${arr(familyKana)}::text[])[1 + (g * 7) % 10] || ' ' || (${arr(givenKana)}::text[])[1 + (g * 13) % 10],
      (10000 + g)::text,
      (ARRAY['フル', 'ハーフ', '10km'])[1 + g % 3],
      CASE WHEN g % 20 = 0 THEN 'joined' WHEN g % 97 = 0 THEN 'declined'
        WHEN g % 211 = 0 THEN 'revoked' ELSE 'pending' END,
      now() + interval '20 days',
      CASE WHEN g % 50 = 1 THEN NULL ELSE now() - interval '5 days' END,
      CASE WHEN g % 5 < 2 AND g % 50 <> 1 THEN now() - interval '2 days' END,
      CASE WHEN g % 199 = 0 THEN now() - interval '4 days' END,
      CASE WHEN g % 20 = 0 OR g % 97 = 0 THEN now() - interval '1 day' END,
      CASE WHEN g % 211 = 0 THEN now() - interval '1 day' END
    FROM generate_series(1, ${count}) g`);
}

const seedStart = performance.now();
const eventId = await createEvent('bench-marathon');
const otherEventId = await createEvent('bench-trail');
await seedInvitations(eventId, INVITEES, 'r');
await seedInvitations(otherEventId, 5_000, 't');
// The members page's baseline: as many members as invitees, bibs like theirs.
await db.execute(sql`
  INSERT INTO users (id, email)
  SELECT 'u' || g, 'member' || g || '@bench.example' FROM generate_series(1, ${INVITEES}) g`);
await db.execute(sql`
  INSERT INTO memberships (id, event_id, user_id, alias_number, name, bib)
  SELECT 'm' || g, ${eventId}, 'u' || g, 1000 + g,
    (${arr(family)}::text[])[1 + (g * 7) % 10] || ' ' || (${arr(given)}::text[])[1 + (g * 13) % 10],
    (10000 + g)::text
  FROM generate_series(1, ${INVITEES}) g`);
const ownerId = 'owner';
await db.insert(schema.users).values({ id: ownerId, email: 'owner@bench.example' });
await db.insert(schema.eventStaff).values([
  { eventId, userId: ownerId, role: 'owner' },
  { eventId: otherEventId, userId: ownerId, role: 'owner' },
]);
if (database.kind === 'postgres') await db.execute(sql`ANALYZE`);
const seedMs = performance.now() - seedStart;
const cookie = (await createUserSession(ownerId, new Request('http://localhost:3000'))).split(
  ';',
)[0];

async function measure(run: () => Promise<unknown>) {
  await run(); // warm: plans and caches, as a server that has served the page before
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function load(
  route: { loader: (args: never) => Promise<Response> },
  path: string,
  expectRows?: (body: { invitees?: unknown[]; members?: unknown[]; count?: unknown }) => boolean,
) {
  const request = new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } });
  const response = await route.loader({
    request,
    params: { slug: 'bench-marathon' },
    context: { cspNonce: '', clientIp: '127.0.0.1', requestId: 'bench' },
  } as never);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const body = await response.json();
  if (expectRows && !expectRows(body))
    throw new Error(`${path}: unexpected ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

// The cursor of the 100th page: after the 4,950th invitee in list order.
const [deep] = rowsOf<{ bib: string; id: string }>(
  await db.execute(sql`
    SELECT bib, id FROM invitations WHERE event_id = ${eventId}
    ORDER BY bib USING ~<~, id OFFSET 4949 LIMIT 1`),
);
const page100 = encodeInviteePosition({ bib: deep.bib, id: deep.id });

const base = '/staff/bench-marathon/invitations';
const bare = await measure(() => db.execute(sql`SELECT 1`));
const members = await measure(() =>
  load(membersRoute, '/staff/bench-marathon/members?q=12345', (b) => (b.members?.length ?? 0) >= 1),
);
const cases: [string, string, (b: { invitees?: unknown[] }) => boolean][] = [
  ['bib exact "12345"', `${base}?q=12345`, (b) => b.invitees?.length === 1],
  ['bib prefix "123"', `${base}?q=123`, (b) => (b.invitees?.length ?? 0) > 1],
  ['name "山田"', `${base}?q=${encodeURIComponent('山田')}`, (b) => (b.invitees?.length ?? 0) > 1],
  [
    'name "やまだ はなこ" (kana)',
    `${base}?q=${encodeURIComponent('やまだ はなこ')}`,
    (b) => (b.invitees?.length ?? 0) > 1,
  ],
  ['status "reminded"', `${base}?status=reminded`, (b) => b.invitees?.length === 50],
  [
    'status "bounced" + category "フル"',
    `${base}?status=bounced&category=${encodeURIComponent('フル')}`,
    (b) => (b.invitees?.length ?? 0) > 0,
  ],
  ['first page', base, (b) => b.invitees?.length === 50],
  ['page 100', `${base}?after=${page100}`, (b) => b.invitees?.length === 50],
  ['last page', `${base}?last=1`, (b) => b.invitees?.length === 50],
];

console.log(
  `\ninvitations page — ${INVITEES.toLocaleString('en')} invitees (+5,000 in a second event), ${
    database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite in memory'
  }; seeded in ${(seedMs / 1000).toFixed(1)} s; ${ROUNDS} rounds each\n`,
);
const line = (label: string, t: { p50: number; p95: number }, ratios = '') =>
  console.log(
    `${label.padEnd(46)} p50 ${t.p50.toFixed(1).padStart(6)} ms   p95 ${t.p95.toFixed(1).padStart(6)} ms${ratios}`,
  );
line('baseline: SELECT 1', bare);
line('baseline: members page, bib "12345"', members);
console.log('');
for (const [label, path, check] of cases) {
  const t = await measure(() => load(invitationsRoute, path, check));
  line(
    `invitations page: ${label}`,
    t,
    `   ×${(t.p50 / members.p50).toFixed(1)} members, ×${(t.p50 / bare.p50).toFixed(0)} SELECT 1`,
  );
}
console.log('');

await app.stop({ graceful: false });
await dropScratch();
