import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  channels,
  consentRecords,
  invitations,
  joinConfirmations,
  memberships,
  sessions,
  staffInvitations,
  users,
} from '~db/schema';
import * as settingsRoute from '~/routes/e.$slug.settings';
import * as exportRoute from '~/routes/e.$slug.settings.export[.json]';
import * as signInRoute from '~/routes/sign-in';
import * as accountRoute from '~/routes/account._index';
import * as accountExportRoute from '~/routes/account.export[.json]';
import { getSessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { isSuppressed } from '~/modules/invitations/suppression.server';
import { mayEmailMember } from '~/modules/membership/channel-preferences.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { generateId, sha256 } from '~/modules/security/tokens.server';
import { signedInUser } from '../support/auth';
import { addMember, addStaff, createTestEvent, membershipStatus } from '../support/events';
import { deliverQueuedMail } from '../support/mail';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';

/** The action's refusal: Conform's reply, errors as message keys (translated when rendered). */
type FormReply = {
  submission: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
};

function settings(
  slug: string,
  fields: Record<string, string | string[]>,
  cookie: string | null,
  lang = 'ja',
) {
  return callRoute(
    settingsRoute.action,
    formRequest(`/e/${slug}/settings`, fields, {
      cookie,
      headers: { 'Accept-Language': lang, 'User-Agent': 'TestBrowser/1.0' },
    }),
    { slug },
  );
}

async function channelIds(eventId: string) {
  const rows = await db
    .select({ id: channels.id, slug: channels.slug })
    .from(channels)
    .where(eq(channels.eventId, eventId));
  return Object.fromEntries(rows.map((r) => [r.slug, r.id])) as Record<
    'official' | 'course' | 'sponsors',
    string
  >;
}

describe('channel email settings', () => {
  it('saves every channel’s on/off from one form, and sending checks them', async () => {
    const { eventId, slug } = await createTestEvent('prefs');
    const member = await addMember(eventId, 'prefs@example.com');
    const ids = await channelIds(eventId);

    const page = await callRoute(
      settingsRoute.loader,
      getRequest(`/e/${slug}/settings`, { cookie: member.cookie }),
      { slug },
    );
    expect(page.status).toBe(200);
    const before = await jsonOf<{
      channels: { id: string; nameJa: string; emailEnabled: boolean }[];
    }>(page);
    expect(before.channels.map((c) => [c.nameJa, c.emailEnabled])).toEqual([
      ['公式のお知らせ', true],
      ['コース情報', true],
      ['協賛社からのお知らせ', true],
    ]);

    const saved = await settings(
      slug,
      { intent: 'preferences', email: [ids.official] },
      member.cookie,
    );
    expect(saved.status).toBe(200);
    expect(await jsonOf(saved)).toEqual({ saved: true });
    expect(await mayEmailMember(member.membershipId, ids.official)).toBe(true);
    expect(await mayEmailMember(member.membershipId, ids.course)).toBe(false);
    expect(await mayEmailMember(member.membershipId, ids.sponsors)).toBe(false);

    // Another event's channel id is ignored, and the last form wins.
    const other = await createTestEvent('prefs-other');
    const otherIds = await channelIds(other.eventId);
    await settings(
      slug,
      { intent: 'preferences', email: [ids.course, otherIds.official] },
      member.cookie,
    );
    expect(await mayEmailMember(member.membershipId, ids.official)).toBe(false);
    expect(await mayEmailMember(member.membershipId, ids.course)).toBe(true);
    expect(await mayEmailMember(member.membershipId, otherIds.official)).toBe(false);
  });

  it('is not reachable by staff who are not members, nor by anyone signed out', async () => {
    const { eventId, slug, owner } = await createTestEvent('prefs-gate');
    const viewer = await addStaff(eventId, 'prefs-viewer@example.com', 'viewer');
    for (const cookie of [owner.cookie, viewer.cookie]) {
      expect(
        (
          await callRoute(settingsRoute.loader, getRequest(`/e/${slug}/settings`, { cookie }), {
            slug,
          })
        ).status,
      ).toBe(404);
      expect((await settings(slug, { intent: 'preferences' }, cookie)).status).toBe(404);
      expect(
        (
          await callRoute(
            exportRoute.loader,
            getRequest(`/e/${slug}/settings/export.json`, { cookie }),
            { slug },
          )
        ).status,
      ).toBe(404);
    }
    expect((await settings(slug, { intent: 'preferences' }, null)).status).toBe(302);
  });

  it('answers a form without a known intent with a localized 400', async () => {
    const { eventId, slug } = await createTestEvent('prefs-bad');
    const member = await addMember(eventId, 'prefs-bad@example.com');
    const response = await settings(slug, { intent: 'explode' }, member.cookie, 'en');
    expect(response.status).toBe(400);
    expect((await jsonOf<FormReply>(response)).submission.error.intent).toEqual([
      'form.errorSummary',
    ]);
  });
});

describe('leaving an event', () => {
  it('needs the confirmation box; without it, a localized 400 and nothing changes', async () => {
    const { eventId, slug } = await createTestEvent('leave-confirm');
    const member = await addMember(eventId, 'leave-confirm@example.com');
    const response = await settings(slug, { intent: 'leave' }, member.cookie);
    expect(response.status).toBe(400);
    const body = await jsonOf<FormReply>(response);
    expect(body.submission.error.confirm).toEqual(['members.settings.confirmRequired']);
    expect(body.submission.initialValue.intent).toBe('leave');
    expect((await membershipStatus(member.membershipId))?.status).toBe('active');
  });

  it('ends the membership at once, records the withdrawal, and stops all mail', async () => {
    const { eventId, slug } = await createTestEvent('leave');
    const member = await addMember(eventId, 'leaver@example.com');
    const ids = await channelIds(eventId);
    expect(await mayEmailMember(member.membershipId, ids.official)).toBe(true);

    const response = await settings(slug, { intent: 'leave', confirm: 'yes' }, member.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/?notice=left');

    const status = await membershipStatus(member.membershipId);
    expect(status?.status).toBe('left');
    expect(status?.leftAt).toBeInstanceOf(Date);
    for (const id of Object.values(ids))
      expect(await mayEmailMember(member.membershipId, id)).toBe(false);
    const consents = await db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.userId, member.userId));
    const withdrawal = consents.find((c) => c.action === 'withdrawn');
    expect(withdrawal).toMatchObject({
      method: 'left',
      eventId,
      consentVersion: consents[0].consentVersion,
    });
    expect(withdrawal?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, eventId), eq(auditLog.action, 'member.leave')));
    expect(entry).toMatchObject({
      actorUserId: member.userId,
      target: `membership:${member.membershipId}`,
    });

    // The member pages close; leaving twice changes nothing more.
    expect(
      (
        await callRoute(
          settingsRoute.loader,
          getRequest(`/e/${slug}/settings`, { cookie: member.cookie }),
          { slug },
        )
      ).status,
    ).toBe(404);
    expect((await settings(slug, { intent: 'leave', confirm: 'yes' }, member.cookie)).status).toBe(
      404,
    );
    // Still signed in: leaving one community is not leaving Startline.
    expect(await getSessionUser(getRequest('/', { cookie: member.cookie }))).not.toBeNull();
  });
});

describe('exporting my data', () => {
  it('requires a session, is an uncached attachment, and is recorded', async () => {
    const { eventId, slug } = await createTestEvent('export-headers');
    const member = await addMember(eventId, 'export-headers@example.com');
    const signedOut = await callRoute(
      exportRoute.loader,
      getRequest(`/e/${slug}/settings/export.json`),
      { slug },
    );
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('Location')).toMatch(/^\/sign-in\?next=/);

    const response = await callRoute(
      exportRoute.loader,
      getRequest(`/e/${slug}/settings/export.json`, { cookie: member.cookie }),
      { slug },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('application/json');
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="startline-my-data-export-headers-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('Cache-Control')).toContain('no-store');
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, eventId), eq(auditLog.action, 'member.export')));
    expect(entry).toMatchObject({
      actorUserId: member.userId,
      target: `membership:${member.membershipId}`,
    });
    expect(JSON.stringify(entry)).not.toContain(member.email);
  });

  it('contains my own data, across events, and nobody else’s', async () => {
    const first = await createTestEvent('export-a');
    const second = await createTestEvent('export-b');
    const me = await addMember(first.eventId, 'me@example.com', { name: '鈴木 一郎', bib: '777' });
    await addMember(second.eventId, 'me@example.com', { name: '鈴木 一郎', bib: '888' });
    const neighbour = await addMember(first.eventId, 'neighbour@example.com', {
      name: '隣の 次郎',
      bib: 'N-778',
    });
    await db.insert(invitations).values([
      {
        id: generateId(),
        eventId: first.eventId,
        email: 'me@example.com',
        name: '鈴木 一郎',
        bib: '777',
        tokenHash: sha256(generateId()),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      {
        id: generateId(),
        eventId: first.eventId,
        email: 'neighbour@example.com',
        name: '隣の 次郎',
        bib: 'N-778',
        tokenHash: sha256(generateId()),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    ]);
    const ids = await channelIds(first.eventId);
    await settings(first.slug, { intent: 'preferences', email: [ids.official] }, me.cookie);
    await settings(first.slug, { intent: 'preferences', email: [] }, neighbour.cookie);

    const response = await callRoute(
      exportRoute.loader,
      getRequest(`/e/${first.slug}/settings/export.json`, { cookie: me.cookie }),
      { slug: first.slug },
    );
    const text = await response.clone().text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({ email: 'me@example.com', id: me.userId });
    expect(data.memberships.map((m: { bib: string }) => m.bib).sort()).toEqual(['777', '888']);
    expect(data.invitations).toHaveLength(1);
    expect(data.invitations[0]).toMatchObject({ name: '鈴木 一郎', bib: '777' });
    expect(data.consentRecords).toHaveLength(2);
    expect(data.channelPreferences).toHaveLength(3);
    expect(data.sessions.length).toBeGreaterThan(0);
    // The first download is recorded, so the next one lists it among my activity.
    const again = await callRoute(
      exportRoute.loader,
      getRequest(`/e/${first.slug}/settings/export.json`, { cookie: me.cookie }),
      { slug: first.slug },
    );
    const activity = (await jsonOf<{ activity: { action: string; byMe: boolean }[] }>(again))
      .activity;
    expect(activity).toContainEqual(
      expect.objectContaining({ action: 'member.export', byMe: true }),
    );

    for (const other of [
      'neighbour@example.com',
      '隣の 次郎',
      // Not a bare number: '778' turned up in a timestamp's milliseconds.
      'N-778',
      neighbour.userId,
      neighbour.membershipId,
      first.owner.email,
    ]) {
      expect(text).not.toContain(other);
    }
    // Secrets stay out even though they are "about" me: token hashes and session ids.
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, me.userId));
    expect(text).not.toContain(session.id);
    expect(text).not.toMatch(/tokenHash|codeHash|idHash/);
  });
});

describe('deleting my account', () => {
  it('needs the confirmation box and refuses while I am an event’s only owner', async () => {
    const { eventId, slug, owner } = await createTestEvent('delete-owner');
    const ownerAsMember = await addMember(eventId, owner.email);
    const unconfirmed = await settings(slug, { intent: 'delete' }, ownerAsMember.cookie, 'en');
    expect(unconfirmed.status).toBe(400);
    expect((await jsonOf<FormReply>(unconfirmed)).submission.error.confirm).toEqual([
      'members.settings.confirmRequired',
    ]);

    const refused = await settings(
      slug,
      { intent: 'delete', confirm: 'yes' },
      ownerAsMember.cookie,
    );
    expect(refused.status).toBe(409);
    const refusal = await jsonOf<FormReply & { soleOwnerOf: string[] }>(refused);
    expect(refusal.submission.error['']).toEqual(['members.delete.soleOwner']);
    expect(refusal.soleOwnerOf.join(' ')).toContain('delete-owner');
    expect(await db.select().from(users).where(eq(users.id, owner.userId))).toHaveLength(1);
  });

  it('erases my address from every text column of every table, keeps an anonymous withdrawal, and signs me out', async () => {
    const { eventId, slug } = await createTestEvent('delete-me');
    const other = await createTestEvent('delete-other');
    const email = 'erase-me@example.com';
    const me = await addMember(eventId, email, { name: '消去 太郎', bib: '4242' });
    await addMember(other.eventId, email);
    await addStaff(other.eventId, email, 'editor');
    const bystander = await addMember(eventId, 'bystander@example.com');
    // Everything else the address can be stored in: an invitation, a join confirmation, a
    // staff invitation, sign-in codes (and their rate-limit counters), queued and delivered mail.
    await db.insert(invitations).values({
      id: generateId(),
      eventId,
      email,
      name: '消去 太郎',
      bib: '4242',
      tokenHash: sha256(generateId()),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await db.insert(joinConfirmations).values({
      tokenHash: sha256(generateId()),
      eventId,
      email,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await db.insert(staffInvitations).values({
      id: generateId(),
      eventId,
      email,
      role: 'viewer',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await callRoute(signInRoute.action, formRequest('/sign-in', { email }));
    await deliverQueuedMail();
    await sendEmail({ to: email, template: 'sign-in-unknown-address', props: { locale: 'ja' } });
    const ids = await channelIds(eventId);
    await settings(slug, { intent: 'preferences', email: [ids.official] }, me.cookie);
    await callRoute(
      exportRoute.loader,
      getRequest(`/e/${slug}/settings/export.json`, { cookie: me.cookie }),
      { slug },
    );
    expect(await occurrences(email)).not.toEqual([]);

    const response = await settings(slug, { intent: 'delete', confirm: 'yes' }, me.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/?notice=deleted');
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect(await getSessionUser(getRequest('/', { cookie: me.cookie }))).toBeNull();

    await deliverQueuedMail();
    expect(await occurrences(email)).toEqual([]);
    expect(await occurrences('消去 太郎')).toEqual([]);
    expect(
      await db.select().from(memberships).where(eq(memberships.userId, me.userId)),
    ).toHaveLength(0);

    // The consent log keeps one anonymous withdrawal per event, and nothing else of mine.
    const anonymous = await db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.method, 'account_deleted')));
    expect(anonymous.map((r) => r.eventId).sort()).toEqual([eventId, other.eventId].sort());
    for (const record of anonymous) {
      expect(record).toMatchObject({
        userId: null,
        action: 'withdrawn',
        ipHash: null,
        userAgentHash: null,
      });
    }
    expect(
      await db.select().from(consentRecords).where(eq(consentRecords.userId, me.userId)),
    ).toHaveLength(0);
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'member.delete'));
    expect(entries.map((e) => e.eventId).sort()).toEqual([eventId, other.eventId].sort());

    // A later re-import of the entrant list will not invite the address again.
    expect(await isSuppressed(eventId, email)).toBe(true);
    expect(await isSuppressed(other.eventId, email)).toBe(true);

    // Someone else's data is untouched.
    expect((await membershipStatus(bystander.membershipId))?.status).toBe('active');
  });
});

describe('the account page', () => {
  it('lets someone who has left every community still export and delete, and no one signed out', async () => {
    const { eventId, slug } = await createTestEvent('account-page');
    const member = await addMember(eventId, 'left-everything@example.com');
    await settings(slug, { intent: 'leave', confirm: 'yes' }, member.cookie);

    expect((await callRoute(accountRoute.loader, getRequest('/account'))).status).toBe(302);
    expect(
      (await callRoute(accountExportRoute.loader, getRequest('/account/export.json'))).status,
    ).toBe(302);
    expect(
      (
        await callRoute(
          accountRoute.action,
          formRequest('/account', { intent: 'delete', confirm: 'yes' }),
        )
      ).status,
    ).toBe(302);

    const download = await callRoute(
      accountExportRoute.loader,
      getRequest('/account/export.json', { cookie: member.cookie }),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('Cache-Control')).toContain('no-store');
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; /);
    const data = await jsonOf<{ memberships: { status: string }[] }>(download);
    expect(data.memberships).toEqual([expect.objectContaining({ status: 'left' })]);

    const unconfirmed = await callRoute(
      accountRoute.action,
      formRequest('/account', { intent: 'delete' }, { cookie: member.cookie }),
    );
    expect(unconfirmed.status).toBe(400);
    const deleted = await callRoute(
      accountRoute.action,
      formRequest('/account', { intent: 'delete', confirm: 'yes' }, { cookie: member.cookie }),
    );
    expect(deleted.status).toBe(302);
    expect(await db.select().from(users).where(eq(users.id, member.userId))).toHaveLength(0);
    expect(await occurrences(member.email)).toEqual([]);
  });
});

/** Every (schema, table, column) in public and pgboss whose text contains `needle`. */
async function occurrences(needle: string): Promise<string[]> {
  const result = await db.execute<{
    table_schema: string;
    table_name: string;
    column_name: string;
  }>(sql`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema in ('public', 'pgboss')
      and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
  `);
  const columns = rowsOf<{ table_schema: string; table_name: string; column_name: string }>(result);
  expect(columns.length).toBeGreaterThan(30);
  const found: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const hits = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} where strpos(${sql.identifier(column_name)}::text, ${needle}) > 0`,
    );
    const rows = rowsOf<{ n: number }>(hits);
    if (Number(rows[0]?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
  }
  return found;
}

// postgres.js returns the rows as an array, PGlite as { rows }.
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
