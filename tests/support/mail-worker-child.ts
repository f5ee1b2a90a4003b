/**
 * A worker process for the crash test (tests/integration/mail-crash.test.ts), run with
 * `node --import tsx`. Its database and the fake Resend URL come from the environment.
 *   seed-and-send <members>  seeds an event and its members, sends one announcement to
 *                            everyone, then works the queue until it is killed or done
 *   work                     works the queue until every announcement is sent, then exits
 * Prints one JSON line on stdout when done.
 */
const mode = process.argv[2];
const members = Number(process.argv[3] ?? 0);

const { sql, eq } = await import('drizzle-orm');
const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { db } = await import('~/modules/database/database.server');
const schema = await import('~db/schema');
const { startWorkers } = await import('~/modules/jobs/queue.server');

if (mode === 'seed-and-send') {
  const { generateId } = await import('~/modules/security/tokens.server');
  const { announceToChannel } = await import('./announce-to-channel');
  const { env } = await import('~/env.server');
  env.BROADCAST_APPROVAL_THRESHOLD = members + 1;
  const eventId = generateId();
  await db.insert(schema.events).values({
    id: eventId,
    slug: `crash-${eventId.slice(0, 6).toLowerCase()}`,
    nameJa: 'クラッシュ検証マラソン',
    nameEn: 'Crash Test Marathon',
    eventDate: '2027-03-28',
    organizerNameJa: '検証委員会',
    organizerNameEn: 'Test Committee',
    contactEmail: 'office@crash.example',
  });
  const channelId = generateId();
  await db
    .insert(schema.channels)
    .values({ id: channelId, eventId, slug: 'official', nameJa: '公式', nameEn: 'Official' });
  const ownerId = generateId();
  await db.insert(schema.users).values({ id: ownerId, email: `owner-${eventId}@crash.example` });
  await db.insert(schema.eventStaff).values({ eventId, userId: ownerId, role: 'owner' });
  await db.execute(sql`
    INSERT INTO users (id, email) SELECT ${eventId} || '-u' || g, 'crash' || g || '@crash.example'
    FROM generate_series(1, ${members}) g`);
  await db.execute(sql`
    INSERT INTO memberships (id, event_id, user_id, alias_number, bib)
    SELECT ${eventId} || '-m' || g, ${eventId}, ${eventId} || '-u' || g, g, g::text FROM generate_series(1, ${members}) g`);
  const staff = {
    user: { id: ownerId, email: `owner-${eventId}@crash.example`, locale: 'ja' as const },
    event: { id: eventId, slug: 'crash', nameJa: '', nameEn: '' },
    role: 'owner' as const,
  };
  await announceToChannel(staff, channelId);
  process.stderr.write('sent\n');
}

await startWorkers();
for (;;) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.announcements)
    .where(eq(schema.announcements.status, 'sending'));
  const [any] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.announcements);
  if (row.n === 0 && any.n > 0) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const [counts] = await db
  .select({
    sent: sql<number>`count(*) FILTER (WHERE status = 'sent')::int`,
    total: sql<number>`count(*)::int`,
  })
  .from(schema.outboundEmails);
process.stdout.write(`${JSON.stringify(counts)}\n`);
await app.stop({ graceful: false });
process.exit(0);

export {};
