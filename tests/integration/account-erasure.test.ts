/**
 * Account deletion against every kind of personal data (SPEC P11, issue #11): a runner, an
 * invitee, an editor and a sponsor's contact each leave their traces through the real flows —
 * entrant upload, invitation and join, join by event code, decline, staff and sponsor
 * invitations with sign-in, replies by email (with a file) and from the app, a staff answer,
 * an announcement, a video play, a coupon claim, an export — and then delete their accounts.
 * Afterwards no text or JSON column of any table holds their address, name or bib, except
 * where the personal-data registry documents it as kept without identity.
 *
 * Runs against the fake Resend API (relay inbound needs it), so the fake starts before any
 * app module loads: app modules are imported dynamically below.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  channels,
  consentRecords,
  entrantImports,
  memberships,
  offerCodes,
  offers,
  relayThreads,
  sponsors,
  sponsorStaff,
  users,
  videoViews,
} from '~db/schema';
import { startFakeResend } from '../support/fake-resend';
import {
  newWebhookSecret,
  PNG_BYTES,
  receive,
  signedWebhookRequest,
} from '../support/relay-webhooks';

const fake = await startFakeResend();
const SECRET = newWebhookSecret();
process.env.RESEND_API_KEY = 're_test_fake_key';
process.env.RESEND_BASE_URL = fake.url;
process.env.RESEND_WEBHOOK_SECRET = SECRET;

const webhookRoute = await import('~/routes/webhooks.resend');
const signInRoute = await import('~/routes/sign-in');
const codeRoute = await import('~/routes/sign-in_.code.$challengeId');
const teamRoute = await import('~/routes/staff.$slug.team');
const staffSponsorsRoute = await import('~/routes/staff.$slug.sponsors._index');
const joinRoute = await import('~/routes/join.$token');
const declineRoute = await import('~/routes/join.$token.decline');
const eventPageRoute = await import('~/routes/e.$slug._index');
const confirmRoute = await import('~/routes/e.$slug.confirm.$token');
const messagesRoute = await import('~/routes/e.$slug.messages');
const threadRoute = await import('~/routes/staff.$slug.inbox.$threadId');
const offerRoute = await import('~/routes/e.$slug.offers.$offerId._index');
const playbackRoute = await import('~/routes/e.$slug.videos.$videoId.playback');
const accountRoute = await import('~/routes/account._index');
const accountExportRoute = await import('~/routes/account.export[.json]');
const { runPendingJobs } = await import('~/modules/jobs/queue.server');
const { db } = await import('~/modules/database/database.server');
const { ensureRelayAddresses } = await import('~/modules/relay/relay-address.server');
const { attachmentStorage } = await import('~/modules/relay/relay-attachments.server');
const { inviteSponsorStaff } = await import('~/modules/sponsors/sponsor-accounts.server');
const { retainedAfterErasure } = await import('~/modules/membership/personal-data-registry.server');
const { createTestEvent } = await import('../support/events');
const { createLiveOffer } = await import('../support/sponsors');
const { storeTestVideo } = await import('../support/video');
const { createDraft, draftFields, freeze, sendAsShown } =
  await import('../support/announcement-flow');
const { joinForm, joinTokenIn, upload } = await import('../fixtures/invitations');
const { callRoute, cookieFrom, formRequest, getRequest, jsonOf } =
  await import('../support/requests');

afterAll(() => fake.close());

// Each test drives a whole event's worth of flows for four people before it asserts anything.
const SEEDED_TEST_TIMEOUT = 120_000;

async function mailsTo(address: string) {
  await runPendingJobs();
  return fake.received.filter((m) => m.to === address);
}

/** The links of the latest email to `address` whose subject contains `subject`. */
async function linksTo(address: string, subject: string): Promise<string[]> {
  const mail = (await mailsTo(address)).filter((m) => m.subject.includes(subject)).at(-1);
  if (!mail) throw new Error(`no mail to ${address} about ${subject}`);
  return [...`${mail.html ?? ''}\n${mail.text ?? ''}`.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map(
    (m) => m[0].replace(/&amp;/g, '&'),
  );
}

/** Signs in with the emailed code, as the person does; returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const start = await callRoute(signInRoute.action, formRequest('/sign-in', { email }));
  const challengeId = decodeURIComponent(start.headers.get('Location')!.split('/').pop()!);
  const mail = (await mailsTo(email)).at(-1)!;
  const code = mail.text?.match(/\b(\d{8})\b/)?.[1];
  if (!code) throw new Error(`no sign-in code for ${email}`);
  const verified = await callRoute(
    codeRoute.action,
    formRequest(`/sign-in/code/${challengeId}`, { code }),
    { challengeId },
  );
  const cookie = cookieFrom(verified);
  if (verified.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}`);
  return cookie;
}

async function userIdOf(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row.id;
}

/**
 * For each needle, every (schema.)table.column in public and pgboss whose text holds it. One
 * query per column for all needles together.
 */
async function occurrences(needles: string[]): Promise<Record<string, string[]>> {
  const columns = rowsOf<{ table_schema: string; table_name: string; column_name: string }>(
    await db.execute(sql`
      select c.table_schema, c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema in ('public', 'pgboss')
        and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`),
  );
  expect(columns.length).toBeGreaterThan(30);
  const found: Record<string, string[]> = Object.fromEntries(needles.map((n) => [n, []]));
  const candidates = sql.join(
    needles.map((n) => sql`(${n})`),
    sql`, `,
  );
  for (const { table_schema, table_name, column_name } of columns) {
    const table = sql`${sql.identifier(table_schema)}.${sql.identifier(table_name)}`;
    const hits = rowsOf<{ needle: string }>(
      await db.execute(sql`
        select n.needle from (values ${candidates}) as n(needle)
        where exists (
          select 1 from ${table} where strpos(${sql.identifier(column_name)}::text, n.needle) > 0
        )`),
    );
    for (const { needle } of hits) {
      found[needle].push(
        table_schema === 'public'
          ? `${table_name}.${column_name}`
          : `${table_schema}.${table_name}.${column_name}`,
      );
    }
  }
  return found;
}

// postgres.js returns the rows as an array, PGlite as { rows }.
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Four people with every kind of personal data, made through the pages and the domain
 * functions the product uses; `tag` keeps each test's events and addresses apart.
 */
async function seedEveryone(tag: string) {
  const a = await createTestEvent(`${tag}-a`);
  const b = await createTestEvent(`${tag}-b`);
  const c = await createTestEvent(`${tag}-c`);
  const owner = a.owner;
  const editor = { email: `editor@${tag}.example` };
  const clerk = { email: `clerk@${tag}-sponsor.example` };
  const runner = { email: `runner@${tag}.example`, name: `消去 一郎${tag}`, bib: `RB-${tag}-1` };
  const invitee = { email: `invitee@${tag}.example`, name: `招待 花子${tag}` };
  const inviteeBibs = { a: `IB-${tag}-A`, b: `IB-${tag}-B`, c: `IB-${tag}-C` };

  // Organizer staff: the owner invites an editor, who becomes staff by signing in.
  const invited = await callRoute(
    teamRoute.action,
    formRequest(
      `/staff/${a.slug}/team`,
      { intent: 'invite', email: editor.email, role: 'editor' },
      { cookie: owner.cookie },
    ),
    { slug: a.slug },
  );
  expect(invited.status).toBe(200);
  const editorCookie = await signIn(editor.email);

  // The editor uploads the entrant list; the runner joins from the invitation email.
  const csv = `email,name,bib\n${runner.email},${runner.name},${runner.bib}\n${invitee.email},${invitee.name},${inviteeBibs.a}\n`;
  expect((await upload(a.slug, csv, editorCookie)).status).toBe(302);
  const runnerToken = joinTokenIn(await linksTo(runner.email, a.slug));
  const joined = await callRoute(
    joinRoute.action,
    formRequest(`/join/${runnerToken}`, joinForm({ consent: 'yes' }), {
      headers: { 'User-Agent': 'RunnerPhone/1.0' },
    }),
    { token: runnerToken },
  );
  expect(joined.status).toBe(302);
  const runnerCookie = cookieFrom(joined)!;
  const [runnerMembership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.eventId, a.eventId));

  // The invitee: pending in A, declines C, joins B by event code (the invitation got lost).
  const upC = `email,name,bib\n${invitee.email},${invitee.name},${inviteeBibs.c}\n`;
  expect((await upload(c.slug, upC, c.owner.cookie)).status).toBe(302);
  const declineToken = joinTokenIn(await linksTo(invitee.email, c.slug));
  expect(
    (
      await callRoute(declineRoute.action, formRequest(`/join/${declineToken}/decline`, {}), {
        token: declineToken,
      })
    ).status,
  ).toBe(200);
  const upB = `email,name,bib\n${invitee.email},${invitee.name},${inviteeBibs.b}\n`;
  expect((await upload(b.slug, upB, b.owner.cookie)).status).toBe(302);
  await callRoute(eventPageRoute.action, formRequest(`/e/${b.slug}`, { email: invitee.email }), {
    slug: b.slug,
  });
  const confirmLink = (await linksTo(invitee.email, '参加のご確認')).find((l) =>
    l.includes('/confirm/'),
  )!;
  const confirmToken = new URL(confirmLink).pathname.split('/').pop()!;
  const confirmed = await callRoute(
    confirmRoute.action,
    formRequest(`/e/${b.slug}/confirm/${confirmToken}`, joinForm({ consent: 'yes' })),
    { slug: b.slug, token: confirmToken },
  );
  expect(confirmed.status).toBe(302);
  const inviteeCookie = cookieFrom(confirmed)!;

  // A sponsor's contact, invited by the owner, signs in and drafts an offer the owner approves.
  const sponsorCreated = await callRoute(
    staffSponsorsRoute.action,
    formRequest(
      `/staff/${a.slug}/sponsors`,
      { nameJa: 'さくらスポーツ', nameEn: 'Sakura Sports', email: clerk.email, locale: 'ja' },
      { cookie: owner.cookie },
    ),
    { slug: a.slug },
  );
  expect(sponsorCreated.status).toBe(302);
  const clerkCookie = await signIn(clerk.email);
  const clerkUserId = await userIdOf(clerk.email);
  const [{ sponsorId }] = await db
    .select({ sponsorId: sponsorStaff.sponsorId })
    .from(sponsorStaff)
    .where(eq(sponsorStaff.userId, clerkUserId));
  const offerId = await createLiveOffer({
    sponsor: { sponsorId, eventId: a.eventId, userId: clerkUserId },
    ownerUserId: owner.userId,
    codes: 5,
  });

  // The runner claims a coupon and watches a video.
  const claimed = await callRoute(
    offerRoute.action,
    formRequest(`/e/${a.slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: runnerCookie }),
    { slug: a.slug, offerId },
  );
  expect(claimed.status).toBe(302);
  const video = await storeTestVideo(a.eventId);
  expect(
    (
      await callRoute(
        playbackRoute.action,
        formRequest(
          `/e/${a.slug}/videos/${video.videoId}/playback`,
          { event: 'play' },
          { cookie: runnerCookie },
        ),
        { slug: a.slug, videoId: video.videoId },
      )
    ).status,
  ).toBe(200);

  // An announcement reaches the runner; the editor drafts another.
  const [official] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.eventId, a.eventId), eq(channels.slug, 'official')));
  const announcementId = await createDraft(owner.cookie, a.slug, draftFields(official.id));
  const snapshotId = await freeze(owner.cookie, a.slug, announcementId);
  expect((await sendAsShown(owner.cookie, a.slug, announcementId, snapshotId)).status).toBe(302);
  await createDraft(editorCookie, a.slug, draftFields(official.id, { titleJa: '下書き' }));

  // The runner writes to the office by email (with a photo) and from the app, naming
  // themselves as runners do; the editor answers.
  const relay = (await ensureRelayAddresses([runnerMembership.id])).get(runnerMembership.id)!;
  const { event: webhook } = receive(fake, {
    from: runner.email,
    to: relay,
    text: `ゼッケン${runner.bib}の${runner.name}です。写真を送ります。`,
    attachments: [{ filename: `${runner.name}.png`, content_type: 'image/png', bytes: PNG_BYTES }],
  });
  expect(
    (await callRoute(webhookRoute.action, signedWebhookRequest(webhook, { secret: SECRET })))
      .status,
  ).toBe(200);
  await runPendingJobs();
  expect(
    (
      await callRoute(
        messagesRoute.action,
        formRequest(
          `/e/${a.slug}/messages`,
          { intent: 'send', body: `${runner.name}です。スタート時刻を教えてください。` },
          { cookie: runnerCookie },
        ),
        { slug: a.slug },
      )
    ).status,
  ).toBeLessThan(400);
  const [thread] = await db
    .select({ id: relayThreads.id })
    .from(relayThreads)
    .where(eq(relayThreads.membershipId, runnerMembership.id));
  expect(
    (
      await callRoute(
        threadRoute.action,
        formRequest(
          `/staff/${a.slug}/inbox/${thread.id}`,
          { intent: 'answer', body: '7時スタートです。' },
          { cookie: editorCookie },
        ),
        { slug: a.slug, threadId: thread.id },
      )
    ).status,
  ).toBeLessThan(400);
  await runPendingJobs();

  return {
    events: { a, b, c },
    owner,
    sponsorId,
    offerId,
    video,
    runner: { ...runner, cookie: runnerCookie, membershipId: runnerMembership.id },
    invitee: { ...invitee, bibs: inviteeBibs, cookie: inviteeCookie },
    editor: { ...editor, cookie: editorCookie },
    clerk: { ...clerk, cookie: clerkCookie },
  };
}

async function exportOf(cookie: string) {
  const response = await callRoute(
    accountExportRoute.loader,
    getRequest('/account/export.json', { cookie }),
  );
  expect(response.status).toBe(200);
  return jsonOf<Record<string, unknown[]> & { account: { email: string } }>(response);
}

async function deleteAccount(cookie: string) {
  const response = await callRoute(
    accountRoute.action,
    formRequest('/account', { intent: 'delete', confirm: 'yes' }, { cookie }),
  );
  expect(response.status).toBe(302);
}

describe('the data export', () => {
  it(
    'includes sponsor roles, sponsor invitations and coupon claims',
    { timeout: SEEDED_TEST_TIMEOUT },
    async () => {
      const world = await seedEveryone('exp');

      const clerk = await exportOf(world.clerk.cookie);
      expect(clerk.account.email).toBe(world.clerk.email);
      expect(clerk.sponsorRoles).toEqual([
        expect.objectContaining({
          sponsor: { nameJa: 'さくらスポーツ', nameEn: 'Sakura Sports' },
          event: expect.objectContaining({ slug: world.events.a.slug }),
        }),
      ]);
      expect(clerk.sponsorInvitations).toEqual([
        expect.objectContaining({
          sponsor: { nameJa: 'さくらスポーツ', nameEn: 'Sakura Sports' },
          acceptedAt: expect.any(String),
        }),
      ]);

      const runner = await exportOf(world.runner.cookie);
      const [code] = await db
        .select({ code: offerCodes.code })
        .from(offerCodes)
        .where(eq(offerCodes.claimedBy, world.runner.membershipId));
      expect(runner.offerClaims).toEqual([
        expect.objectContaining({
          code: code.code,
          status: 'claimed',
          offer: { titleJa: 'シューズ 20%オフ', titleEn: '20% off shoes' },
          sponsor: { nameJa: 'さくらスポーツ', nameEn: 'Sakura Sports' },
        }),
      ]);
      expect(runner.videoViews).toHaveLength(1);
      expect(runner.messagesWithOrganizers).toHaveLength(3);
      // Nothing of the sponsor's contact or the staff in the runner's export, and the other way.
      const runnerText = JSON.stringify(runner);
      for (const other of [world.clerk.email, world.editor.email, world.owner.email]) {
        expect(runnerText).not.toContain(other);
      }
      expect(JSON.stringify(clerk)).not.toContain(world.runner.email);
      expect(JSON.stringify(clerk)).not.toContain(code.code);

      const invitee = await exportOf(world.invitee.cookie);
      expect(invitee.invitations).toHaveLength(2);
      expect(invitee.joinConfirmations).toHaveLength(1);
      expect(invitee.inviteSuppressions).toEqual([
        expect.objectContaining({
          reason: 'declined',
          event: expect.objectContaining({ slug: world.events.c.slug }),
        }),
      ]);
    },
  );
});

describe('deleting every kind of account', () => {
  it(
    'leaves no address, name or bib behind beyond what the registry documents as kept',
    { timeout: SEEDED_TEST_TIMEOUT },
    async () => {
      const world = await seedEveryone('del');
      const { runner, invitee, editor, clerk } = world;
      const [storedFile] = rowsOf<{ storage_key: string }>(
        await db.execute(sql`
        select a.storage_key from relay_attachments a
        join relay_messages m on m.id = a.message_id
        join relay_threads t on t.id = m.thread_id
        where t.membership_id = ${runner.membershipId}`),
      );
      const needles = [
        runner.email,
        runner.name,
        runner.bib,
        invitee.email,
        invitee.name,
        invitee.bibs.a,
        invitee.bibs.b,
        invitee.bibs.c,
        editor.email,
        clerk.email,
      ];
      // Everything is there before: the search finds each person.
      const before = await occurrences(needles);
      for (const needle of needles) expect(before[needle], needle).not.toEqual([]);
      expect(before[clerk.email]).toContain('sponsor_invitations.email');

      for (const person of [clerk, editor, runner, invitee]) await deleteAccount(person.cookie);
      await runPendingJobs();

      const after = await occurrences(needles);
      const kept = retainedAfterErasure();
      for (const needle of needles) {
        expect(
          after[needle].filter((column) => !kept.has(column)),
          needle,
        ).toEqual([]);
      }
      // No address and no name at all; the one bib left is that of the invitation declined
      // earlier, kept for the office's funnel without address or name (045).
      expect(after).toEqual({
        ...Object.fromEntries(needles.map((n) => [n, []])),
        [invitee.bibs.c]: ['invitations.bib'],
      });
      expect(await attachmentStorage.size(storedFile.storage_key)).toBeNull();

      // What counts for others stays, pointing at nobody.
      const [claimedCode] = await db
        .select({ status: offerCodes.status, claimedBy: offerCodes.claimedBy })
        .from(offerCodes)
        .where(and(eq(offerCodes.offerId, world.offerId), eq(offerCodes.status, 'claimed')));
      expect(claimedCode).toEqual({ status: 'claimed', claimedBy: null });
      expect(
        await db
          .select({ plays: videoViews.plays })
          .from(videoViews)
          .where(and(eq(videoViews.videoId, world.video.videoId), isNull(videoViews.membershipId))),
      ).toEqual([{ plays: 1 }]);
      const withdrawals = await db
        .select({ eventId: consentRecords.eventId, userId: consentRecords.userId })
        .from(consentRecords)
        .where(eq(consentRecords.method, 'account_deleted'));
      expect(withdrawals.map((w) => w.eventId).sort()).toEqual(
        [world.events.a.eventId, world.events.b.eventId].sort(),
      );
      const [upload] = await db
        .select({ importedBy: entrantImports.importedBy })
        .from(entrantImports)
        .where(eq(entrantImports.eventId, world.events.a.eventId));
      expect(upload.importedBy).toBeNull();
    },
  );

  it(
    'keeps a sponsor whose last contact deleted their account, and lets the owner invite a new one',
    { timeout: SEEDED_TEST_TIMEOUT },
    async () => {
      const world = await seedEveryone('spn');
      await deleteAccount(world.clerk.cookie);

      const [sponsor] = await db
        .select({ id: sponsors.id, createdBy: sponsors.createdBy })
        .from(sponsors)
        .where(eq(sponsors.id, world.sponsorId));
      expect(sponsor).toEqual({ id: world.sponsorId, createdBy: world.owner.userId });
      expect(
        await db.select().from(sponsorStaff).where(eq(sponsorStaff.sponsorId, world.sponsorId)),
      ).toEqual([]);
      const [offer] = await db
        .select({ status: offers.status, createdBy: offers.createdBy })
        .from(offers)
        .where(eq(offers.id, world.offerId));
      expect(offer).toEqual({ status: 'approved', createdBy: null });

      const result = await inviteSponsorStaff({
        eventId: world.events.a.eventId,
        sponsorId: world.sponsorId,
        email: 'new-clerk@spn-sponsor.example',
        locale: 'ja',
        invitedBy: world.owner.userId,
      });
      expect(result).toEqual({ ok: true });
      await signIn('new-clerk@spn-sponsor.example');
      expect(
        await db
          .select({ sponsorId: sponsorStaff.sponsorId })
          .from(sponsorStaff)
          .where(eq(sponsorStaff.sponsorId, world.sponsorId)),
      ).toHaveLength(1);
    },
  );
});
