/**
 * npx tsx bench/staff-lists.ts   (not part of npm test)
 *
 * The staff side of race week (issue 12, items 3 and 4), without HTTP: the module calls behind
 * the member directory, the announcement list and the preview, on an event of 50,000 members
 * with Japanese, kana and Latin names and 300 announcements. Prints the median and p95 of
 * each call over BENCH_ROUNDS rounds (default 20), and the preview opened for everyone and for a
 * filtered audience (freeze + sample and email count, as the POST and the page load do).
 *
 * Runs on PostgreSQL with BENCH_DATABASE_URL (a fresh database on that server, dropped at the
 * end) or else on an in-memory PGlite. BENCH_MEMBERS changes the size. BENCH_ONLY=preview runs
 * only the preview part. The script also runs unchanged on the commit before issue 12, to compare.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const ONLY = process.env.BENCH_ONLY ?? '';

const serverUrl = process.env.BENCH_DATABASE_URL;
const scratchName = `startline_bench_staff_${randomBytes(5).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
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
const { generateId } = await import('~/modules/security/tokens.server');
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const { createDraft } = await import('~/modules/announcements/drafts.server');
const { freezeAudience, getSnapshot, snapshotSample } =
  await import('~/modules/announcements/audience-snapshot.server');

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

// Names as an entrant list has them: kanji, the same in katakana or hiragana, full-width or
// Latin, with and without the space. Ids are random like generateId's; alias numbers random
// and unique, as join.server.ts draws them.
const family = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const familyKana = ['ヤマダ', 'サトウ', 'すずき', 'タカハシ', 'たなか', 'イトウ', 'わたなべ'];
const given = ['花子', '太郎', 'さくら', '翔太', '美咲', '大輔', '陽菜', '蓮', '結衣', '健'];
const latin = ['Ken', 'Mary', 'ＳＡＫＵＲＡ', 'John', 'Emma', 'Hiro', 'Aiko'];
const seedStart = performance.now();
await db.execute(sql`
  INSERT INTO users (id, email)
  SELECT 'u' || g, 'runner' || g || '@bench.example' FROM generate_series(1, ${MEMBERS}) g`);
await db.execute(sql`
  INSERT INTO memberships (id, event_id, user_id, alias_number, name, bib, category)
  SELECT translate(left(encode(sha256(('m' || g)::bytea), 'base64'), 22), '+/', '-_'),
    ${eventId}, 'u' || g, alias,
    CASE g % 4
      WHEN 0 THEN (string_to_array(${family.join(',')}, ','))[1 + (g * 7) % 10] || ' ' || (string_to_array(${given.join(',')}, ','))[1 + (g * 13) % 10]
      WHEN 1 THEN (string_to_array(${family.join(',')}, ','))[1 + (g * 3) % 10] || (string_to_array(${given.join(',')}, ','))[1 + (g * 11) % 10]
      WHEN 2 THEN (string_to_array(${familyKana.join(',')}, ','))[1 + (g * 5) % 7] || '　' || (string_to_array(${given.join(',')}, ','))[1 + g % 10]
      ELSE (string_to_array(${latin.join(',')}, ','))[1 + g % 7] || ' ' || (string_to_array(${family.join(',')}, ','))[1 + (g * 17) % 10]
    END,
    (10000 + g)::text,
    CASE WHEN g % 3 = 0 THEN 'full' ELSE 'half' END
  FROM (
    SELECT alias, row_number() OVER (ORDER BY md5(alias::text)) AS g
    FROM generate_series(1000, 99999) alias
  ) numbered
  WHERE g <= ${MEMBERS}`);
await db.execute(sql`
  INSERT INTO channel_preferences (membership_id, channel_id, email_enabled)
  SELECT id, ${channelId}, false FROM memberships WHERE event_id = ${eventId} AND alias_number % 7 = 0`);
await db.execute(sql`
  INSERT INTO announcements (id, event_id, channel_id, title_ja, title_en, audience_mode, edited_by_role, created_at, updated_at)
  SELECT 'a' || g, ${eventId}, ${channelId}, 'お知らせ ' || g, 'Notice ' || g, 'everyone_on_channel', 'owner',
    now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
  FROM generate_series(1, 300) g`);
if (database.kind === 'postgres') await db.execute(sql`ANALYZE`);
const seedMs = performance.now() - seedStart;

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

async function timed(label: string, run: () => Promise<unknown>, rounds = ROUNDS) {
  await run(); // warm: plans and caches, as a server that has served the page before
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    `${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`,
  );
}

console.log(
  `\nstaff lists — ${MEMBERS.toLocaleString('en')} members, 300 announcements, ${
    database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite in memory'
  }; seeded in ${(seedMs / 1000).toFixed(1)} s\n`,
);

if (ONLY !== 'preview') {
  // The same script runs on the commit before issue 12 (pages by number, OFFSET), so the two
  // can be compared on one machine: it calls whichever of the two APIs the tree has.
  const directory: Record<string, unknown> =
    await import('~/modules/membership/member-directory.server');
  const keyset = 'memberCursorFromUrl' in directory;
  const list = directory.listMembers as (
    eventId: string,
    options: Record<string, unknown>,
  ) => Promise<{ next?: unknown }>;
  const pageAt = (cursor: unknown, page: number) => (keyset ? { cursor } : { page });
  // The alias of the 49,950th member: the page the old OFFSET paging read last.
  const [deep] = rowsOf<{ alias_number: number }>(
    await db.execute(sql`
      SELECT alias_number FROM memberships WHERE event_id = ${eventId}
      ORDER BY alias_number OFFSET ${Math.max(0, MEMBERS - 50)} LIMIT 1`),
  );
  const deepPage = Math.ceil(MEMBERS / 50);
  console.log(keyset ? 'keyset pages (this tree)' : 'numbered pages (OFFSET, before issue 12)');
  await timed('members: first page', () => list(eventId, {}));
  await timed('members: page of the 49,951st–50,000th', () =>
    list(eventId, pageAt({ after: Number(deep.alias_number) - 1 }, deepPage)),
  );
  await timed('members: last page', () => list(eventId, pageAt({ last: true }, deepPage)));
  for (const [label, query] of [
    ['bib exact "12345"', '12345'],
    ['bib prefix "１２３"', '１２３'],
    ['name "山田花子"', '山田花子'],
    ['name "山田"', '山田'],
    ['name "やまだ" (kana)', 'やまだ'],
    ['name "ﾀｶﾊｼ" (half-width)', 'ﾀｶﾊｼ'],
    ['name "sakura" (Latin)', 'sakura'],
  ]) {
    await timed(`members: ${label}`, () => list(eventId, { query }));
  }
  await timed('members: name "山田", second page', async () => {
    const first = await list(eventId, { query: '山田' });
    return list(eventId, { query: '山田', ...pageAt(first.next, 2) });
  });
  if (keyset) {
    const { listAnnouncementsPage } =
      await import('~/modules/announcements/announcement-list.server');
    await timed('announcements: first page', () => listAnnouncementsPage(eventId, null));
    await timed('announcements: oldest page', () => listAnnouncementsPage(eventId, 'oldest'));
  }
  console.log('');
}

async function preview(label: string, input: Parameters<typeof createDraft>[1]) {
  const draft = await createDraft(staff, input);
  if (!draft.ok) throw new Error('draft failed');
  let count = 0;
  const parts = { freeze: [] as number[], sample: [] as number[] };
  await timed(
    label,
    async () => {
      const start = performance.now();
      const frozen = await freezeAudience(staff, draft.id);
      if (!frozen.ok) throw new Error('freeze failed');
      count = frozen.count;
      const frozenAt = performance.now();
      const snapshot = await getSnapshot(draft.id, frozen.snapshotId);
      if (!snapshot) throw new Error('no snapshot');
      await snapshotSample(snapshot);
      parts.freeze.push(frozenAt - start);
      parts.sample.push(performance.now() - frozenAt);
    },
    Math.min(ROUNDS, 10),
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${''.padEnd(44)} (${count.toLocaleString('en')} recipients; freeze ${median(parts.freeze).toFixed(0)} ms, then sample and email count ${median(parts.sample).toFixed(0)} ms)`,
  );
}
const draftInput = {
  channelId,
  titleJa: '大会当日のご案内',
  bodyJa: '受付は7時からです。',
  titleEn: 'Race day',
  bodyEn: 'Check-in opens at 7:00.',
  category: '',
};
await preview('preview open: everyone', {
  ...draftInput,
  audienceMode: 'everyone_on_channel',
  bibFrom: null,
  bibTo: null,
});
await preview('preview open: bibs 10001–20000', {
  ...draftInput,
  audienceMode: 'filter',
  bibFrom: 10001,
  bibTo: 20000,
});

await app.stop({ graceful: false });
await dropScratch();
