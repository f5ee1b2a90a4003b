import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { auditLog, entrantImports, eventCategories, invitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import {
  REMINDER_AFTER_DAYS,
  sendReminders,
  startInvitationWave,
} from '~/modules/invitations/invitation-delivery.server';
import { generateId } from '~/modules/security/tokens.server';
import * as joinRoute from '~/routes/join.$token';
import * as detailRoute from '~/routes/staff.$slug.invitations.$invitationId';
import * as listRoute from '~/routes/staff.$slug.invitations._index';
import * as csvRoute from '~/routes/staff.$slug.invitations[.csv]';
import { joinForm, joinTokenIn } from '../fixtures/invitations';
import { signedInUser } from '../support/auth';
import { addStaff, createTestEvent } from '../support/events';
import { deliverQueuedMail, lastMailTo, linksIn } from '../support/mail';
import { callRoute, formRequest, getRequest } from '../support/requests';

const DAY = 86_400_000;

type Entrant = { email: string; name: string; kana?: string; bib: string; category?: string };

/** Invitations as an import leaves them (one import id), not yet sent. */
async function seedInvitees(eventId: string, entrants: Entrant[]) {
  const importId = generateId();
  await db
    .insert(entrantImports)
    .values({ id: importId, eventId, fileName: 'entrants.csv', encoding: 'utf-8' });
  await db.insert(invitations).values(
    entrants.map((e) => ({
      id: generateId(),
      eventId,
      email: e.email,
      name: e.name,
      nameKana: e.kana ?? '',
      bib: e.bib,
      category: e.category ?? null,
      importId,
      expiresAt: new Date(Date.now() + 30 * DAY),
    })),
  );
  return importId;
}

type ListPage = {
  count: number;
  invitees: {
    id: string;
    bib: string;
    name: string;
    status: string;
    maskedEmail: string;
    sentAt: string | null;
    remindedAt: string | null;
    respondedAt: string | null;
  }[];
  previous: Record<string, string> | null;
  next: Record<string, string> | null;
};

async function listPage(slug: string, cookie: string, search = '') {
  const response = await callRoute(
    listRoute.loader,
    getRequest(`/staff/${slug}/invitations${search}`, { cookie }),
    { slug },
  );
  const text = await response.text();
  return { status: response.status, text, page: JSON.parse(text) as ListPage };
}

async function statusOfBib(slug: string, cookie: string, bib: string) {
  const { page } = await listPage(slug, cookie, `?q=${bib}`);
  const row = page.invitees.find((i) => i.bib === bib);
  if (!row) throw new Error(`bib ${bib} not listed`);
  return row;
}

describe('the staff invitations page', () => {
  it('shows each invitee as sent, then reminded, then joined, with the dates, and the address only masked', async () => {
    const event = await createTestEvent('inv-progress');
    const owner = event.owner;
    const importId = await seedInvitees(event.eventId, [
      {
        email: 'yamada.hanako@progress.example',
        name: '山田 花子',
        kana: 'ヤマダ ハナコ',
        bib: '101',
      },
      { email: 'sato@progress.example', name: '佐藤 一郎', bib: '102' },
    ]);

    let row = await statusOfBib(event.slug, owner.cookie, '101');
    expect(row.status).toBe('not_sent');
    expect(row.maskedEmail).toBe('y***@p***.example');

    await startInvitationWave(importId);
    await deliverQueuedMail();
    row = await statusOfBib(event.slug, owner.cookie, '101');
    expect(row.status).toBe('sent');
    expect(row.sentAt).not.toBeNull();

    // Three days later the one reminder goes out.
    await db
      .update(invitations)
      .set({ sentAt: new Date(Date.now() - REMINDER_AFTER_DAYS * DAY - 60_000) })
      .where(eq(invitations.eventId, event.eventId));
    const ids = (
      await db
        .select({ id: invitations.id })
        .from(invitations)
        .where(eq(invitations.eventId, event.eventId))
    ).map((r) => r.id);
    expect(await sendReminders(ids)).toBe(2);
    await deliverQueuedMail();
    row = await statusOfBib(event.slug, owner.cookie, '101');
    expect(row.status).toBe('reminded');
    expect(row.remindedAt).not.toBeNull();

    // The runner joins through the link in their email.
    const token = joinTokenIn(linksIn(await lastMailTo('yamada.hanako@progress.example')));
    const joined = await callRoute(
      joinRoute.action,
      formRequest(`/join/${token}`, joinForm({ consent: 'yes' })),
      { token },
    );
    expect(joined.status).toBe(302);
    row = await statusOfBib(event.slug, owner.cookie, '101');
    expect(row.status).toBe('joined');
    expect(row.respondedAt).not.toBeNull();
    expect((await statusOfBib(event.slug, owner.cookie, '102')).status).toBe('reminded');

    // The whole list, and the one invitee's page, never carry an address.
    const { text } = await listPage(event.slug, owner.cookie);
    expect(text).not.toContain('@progress.example');
    const detail = await callRoute(
      detailRoute.loader,
      getRequest(`/staff/${event.slug}/invitations/${row.id}`, { cookie: owner.cookie }),
      { slug: event.slug, invitationId: row.id },
    );
    expect(detail.status).toBe(200);
    const detailText = await detail.text();
    expect(detailText).toContain('y***@p***.example');
    expect(detailText).not.toContain('@progress.example');
  });

  it('finds an invitee by bib (exact or prefix), by name or by its reading, and filters by status and category', async () => {
    const event = await createTestEvent('inv-search');
    const cookie = event.owner.cookie;
    await seedInvitees(event.eventId, [
      {
        email: 'a@search.example',
        name: '山田 花子',
        kana: 'ヤマダ ハナコ',
        bib: '1024',
        category: 'フル',
      },
      {
        email: 'b@search.example',
        name: '佐藤 一郎',
        kana: 'サトウ イチロウ',
        bib: '1025',
        category: 'ハーフ',
      },
      { email: 'c@search.example', name: 'Ken Tanaka', bib: 'A300', category: 'フル' },
      { email: 'd@search.example', name: '鈴木 次郎', bib: '2048', category: 'ハーフ' },
    ]);
    await db.insert(eventCategories).values([
      { eventId: event.eventId, name: 'フル' },
      { eventId: event.eventId, name: 'ハーフ' },
    ]);
    const bibs = async (search: string) =>
      (await listPage(event.slug, cookie, search)).page.invitees.map((i) => i.bib).sort();

    expect(await bibs('?q=1024')).toEqual(['1024']);
    expect(await bibs('?q=102')).toEqual(['1024', '1025']);
    expect(await bibs('?q=a300')).toEqual(['A300']);
    // The name as written, its kana in hiragana, full-width Latin letters.
    expect(await bibs(`?q=${encodeURIComponent('山田')}`)).toEqual(['1024']);
    expect(await bibs(`?q=${encodeURIComponent('さとう')}`)).toEqual(['1025']);
    expect(await bibs(`?q=${encodeURIComponent('ｔａｎａｋａ')}`)).toEqual(['A300']);
    expect(await bibs(`?q=${encodeURIComponent('nobody')}`)).toEqual([]);

    expect(await bibs(`?category=${encodeURIComponent('フル')}`)).toEqual(['1024', 'A300']);
    await db
      .update(invitations)
      .set({ bouncedAt: new Date(), sentAt: new Date() })
      .where(eq(invitations.bib, '2048'));
    expect(await bibs('?status=bounced')).toEqual(['2048']);
    expect(await bibs('?status=not_sent')).toEqual(['1024', '1025', 'A300']);
    const filtered = await listPage(
      event.slug,
      cookie,
      `?status=not_sent&category=${encodeURIComponent('ハーフ')}`,
    );
    expect(filtered.page.invitees.map((i) => i.bib)).toEqual(['1025']);
    expect(filtered.page.count).toBe(1);

    // A status that does not exist or a cursor that is not one: a clear 400, not a 500.
    for (const bad of ['?status=everyone', '?after=%25%25', '?after=abc&before=abc', '?last=2']) {
      const response = await listPage(event.slug, cookie, bad).catch(() => null);
      expect(response?.status, bad).toBe(400);
      expect(JSON.parse(response!.text).formError).toBeTruthy();
    }
  });

  it('pages through 120 invitees 50 at a time in bib order, forwards and back, keeping the filter', async () => {
    const event = await createTestEvent('inv-paging');
    const cookie = event.owner.cookie;
    await seedInvitees(
      event.eventId,
      Array.from({ length: 120 }, (_, i) => ({
        email: `runner${i}@paging.example`,
        name: `Runner ${i}`,
        bib: String(5000 + i),
        category: i % 2 === 0 ? 'even' : 'odd',
      })),
    );
    const seen: string[] = [];
    let search = '';
    const pages: ListPage[] = [];
    for (;;) {
      const { page } = await listPage(event.slug, cookie, search);
      expect(page.count).toBe(120);
      pages.push(page);
      seen.push(...page.invitees.map((i) => i.bib));
      if (!page.next) break;
      search = `?${new URLSearchParams(page.next)}`;
    }
    expect(pages.map((p) => p.invitees.length)).toEqual([50, 50, 20]);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(5000 + i)));
    expect(pages[0].previous).toBeNull();

    // Back from the third page is the second page.
    const back = await listPage(event.slug, cookie, `?${new URLSearchParams(pages[2].previous!)}`);
    expect(back.page.invitees.map((i) => i.bib)).toEqual(pages[1].invitees.map((i) => i.bib));
    const last = await listPage(event.slug, cookie, '?last=1');
    // The last page is the last 50, with the way back before them.
    expect(last.page.invitees.map((i) => i.bib)).toEqual(seen.slice(70));
    expect(last.page.next).toBeNull();
    const beforeLast = await listPage(
      event.slug,
      cookie,
      `?${new URLSearchParams(last.page.previous!)}`,
    );
    expect(beforeLast.page.invitees.map((i) => i.bib)).toEqual(seen.slice(20, 70));

    // With a filter the pages and the count are the filter's.
    const odd = await listPage(event.slug, cookie, '?category=odd');
    expect(odd.page.count).toBe(60);
    expect(odd.page.invitees).toHaveLength(50);
    const oddNext = await listPage(
      event.slug,
      cookie,
      `?category=odd&${new URLSearchParams(odd.page.next!)}`,
    );
    expect(oddNext.page.invitees).toHaveLength(10);
    expect(oddNext.page.invitees.every((i) => Number(i.bib) % 2 === 1)).toBe(true);
  });

  it('lets an owner download the status list as CSV, without addresses, formulas defused, audit-logged', async () => {
    const event = await createTestEvent('inv-csv');
    const owner = event.owner;
    const editor = await addStaff(event.eventId, 'editor@csv.example', 'editor');
    const viewer = await addStaff(event.eventId, 'viewer@csv.example', 'viewer');
    const stranger = await signedInUser('stranger@csv.example');
    await seedInvitees(event.eventId, [
      {
        email: 'one@csv.example',
        name: '山田 花子',
        kana: 'ヤマダ ハナコ',
        bib: '1',
        category: 'フル',
      },
      { email: 'two@csv.example', name: '=HYPERLINK("http://evil")', bib: '2', category: '@SUM' },
      { email: 'three@csv.example', name: 'Quote "Q" Runner', bib: '3' },
    ]);
    const csv = (cookie: string, search = '') =>
      callRoute(
        csvRoute.loader,
        getRequest(`/staff/${event.slug}/invitations.csv${search}`, {
          cookie,
          headers: { 'Accept-Language': 'ja' },
        }),
        { slug: event.slug },
      );

    expect((await csv(editor.cookie)).status).toBe(403);
    expect((await csv(viewer.cookie)).status).toBe(403);
    expect((await csv(stranger.cookie)).status).toBe(404);
    expect(
      await db.select().from(auditLog).where(eq(auditLog.action, 'invitations.export')),
    ).toEqual([]);

    const response = await csv(owner.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('text/csv');
    expect(response.headers.get('Content-Disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '"ゼッケン","氏名","フリガナ","種目","状況","送信日時","リマインド日時","回答日時"',
    );
    const notSent = translate('ja', 'invitees.status.not_sent');
    expect(lines[1]).toBe(`"1","山田 花子","ヤマダ ハナコ","フル","${notSent}","","",""`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain(`"'@SUM"`);
    expect(lines[3]).toContain('"Quote ""Q"" Runner"');
    expect(text).not.toContain('@csv.example');
    expect(text).not.toMatch(/\*\*\*@/);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.eventId, event.eventId), eq(auditLog.action, 'invitations.export')));
    expect(entry.actorUserId).toBe(owner.userId);

    // The page's filters apply to the download.
    const filtered = await csv(owner.cookie, `?category=${encodeURIComponent('フル')}`);
    expect((await filtered.text()).trimEnd().split('\r\n')).toHaveLength(2);
    expect((await csv(owner.cookie, '?status=nonsense')).status).toBe(400);
  });

  it('streams a long list in chunks and lists every invitee exactly once', async () => {
    const event = await createTestEvent('inv-csv-long');
    await seedInvitees(
      event.eventId,
      Array.from({ length: 4_500 }, (_, i) => ({
        email: `r${i}@long.example`,
        name: `Runner ${i}`,
        bib: String(i).padStart(5, '0'),
      })),
    );
    const response = await callRoute(
      csvRoute.loader,
      getRequest(`/staff/${event.slug}/invitations.csv`, { cookie: event.owner.cookie }),
      { slug: event.slug },
    );
    const lines = (await response.text()).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(4_500);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(4_500);
  });

  it('is open to every staff role and to nobody else', async () => {
    const event = await createTestEvent('inv-roles');
    const viewer = await addStaff(event.eventId, 'viewer@roles.example', 'viewer');
    const stranger = await signedInUser('stranger@roles.example');
    await seedInvitees(event.eventId, [{ email: 'x@roles.example', name: 'X', bib: '1' }]);
    expect((await listPage(event.slug, viewer.cookie)).page.invitees).toHaveLength(1);
    const response = await callRoute(
      listRoute.loader,
      getRequest(`/staff/${event.slug}/invitations`, { cookie: stranger.cookie }),
      { slug: event.slug },
    );
    expect(response.status).toBe(404);
    const anonymous = await callRoute(
      listRoute.loader,
      getRequest(`/staff/${event.slug}/invitations`),
      { slug: event.slug },
    );
    expect([302, 401, 404]).toContain(anonymous.status);
    const [row] = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(inArray(invitations.eventId, [event.eventId]));
    const unknown = await callRoute(
      detailRoute.loader,
      getRequest(`/staff/${event.slug}/invitations/nope`, { cookie: viewer.cookie }),
      { slug: event.slug, invitationId: 'nope' },
    );
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { formError: string }).formError).toBeTruthy();
    const own = await callRoute(
      detailRoute.loader,
      getRequest(`/staff/${event.slug}/invitations/${row.id}`, { cookie: viewer.cookie }),
      { slug: event.slug, invitationId: row.id },
    );
    expect(own.status).toBe(200);
  });
});
