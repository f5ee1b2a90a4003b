/**
 * SPEC P1 over the invitations page (issue 13): every page and loader it adds, crawled as
 * each kind of person — owner (who has revealed nothing), editor, viewer, member, sponsor —
 * with search, filters, paging, the invitee's own page, the CSV and every action with good
 * and bad input. No response (body or header) may hold an invitee's address unmasked: not the
 * current one, not the one before a correction, not the one typed into a correction.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { entrantImports, eventCategories, invitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { startInvitationWave } from '~/modules/invitations/invitation-delivery.server';
import { generateId } from '~/modules/security/tokens.server';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { deliverQueuedMail } from '../support/mail';
import { anchorsIn, createDocumentHandler } from '../support/remix-document';
import { APP_ORIGIN, singleFetchPath } from '../support/requests';
import { createTestSponsor } from '../support/sponsors';

// Each test crawls every route with many requests: seconds alone, several times that when
// CI runs the PostgreSQL and browser passes side by side on two cores.
vi.setConfig({ testTimeout: 120_000 });

const DAY = 86_400_000;
const ROUTES = [
  'staff.$slug._index.tsx',
  'staff.$slug.invitations._index.tsx',
  'staff.$slug.invitations.$invitationId.tsx',
  'staff.$slug.invitations[.csv].tsx',
  'staff.$slug.audience-count[.json].tsx',
];
const DATA_ROUTES = [
  'routes/staff.$slug._index',
  'routes/staff.$slug.invitations._index',
  'routes/staff.$slug.invitations.$invitationId',
];

let render: Awaited<ReturnType<typeof createDocumentHandler>>;
let slug: string;
let eventId: string;
let ids: string[];
let people: Record<'owner' | 'editor' | 'viewer' | 'member' | 'sponsor', { cookie: string }>;
/** Every address an invitee has had or been given during the crawl. */
const addresses = new Set<string>();

async function seed() {
  const event = await createTestEvent('leak-crawl');
  slug = event.slug;
  eventId = event.eventId;
  const importId = generateId();
  await db
    .insert(entrantImports)
    .values({ id: importId, eventId, fileName: 'entrants.csv', encoding: 'utf-8' });
  // 60 invitees, so the list has a second page; names and bibs a search will find.
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: generateId(),
    eventId,
    email: `invitee${i}.private@leak.example`,
    name: i === 0 ? '山田 花子' : `Runner ${i}`,
    nameKana: i === 0 ? 'ヤマダ ハナコ' : '',
    bib: String(1000 + i),
    category: i % 2 === 0 ? 'フル' : 'ハーフ',
    importId,
    expiresAt: new Date(Date.now() + 30 * DAY),
  }));
  await db.insert(invitations).values(rows);
  await db.insert(eventCategories).values([
    { eventId, name: 'フル' },
    { eventId, name: 'ハーフ' },
  ]);
  for (const row of rows) addresses.add(row.email);
  await startInvitationWave(importId);
  await deliverQueuedMail();
  ids = rows.map((r) => r.id);
  people = {
    owner: event.owner,
    editor: await addStaff(eventId, 'editor@leak-office.example', 'editor'),
    viewer: await addStaff(eventId, 'viewer@leak-office.example', 'viewer'),
    member: await addMember(eventId, 'member@leak-runner.example'),
    sponsor: await createTestSponsor(eventId, 'sponsor@leak-sponsor.example'),
  };
}

beforeAll(async () => {
  await seed();
  render = await createDocumentHandler(ROUTES);
});

function assertNoAddress(label: string, response: Response, body: string, ownUrl = '') {
  // The language switch sends a person back to the URL they asked for: that URL is their own
  // input (a stranger who typed an address into it gets a 404 page), not data from the server.
  const echo = `name="returnTo" value="${ownUrl.replaceAll('&', '&amp;')}"`;
  const haystack = `${ownUrl ? body.replaceAll(echo, '') : body}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
  for (const address of addresses) {
    expect(haystack.includes(address), `${label} holds ${address}`).toBe(false);
    expect(haystack.includes(encodeURIComponent(address)), `${label} holds ${address}`).toBe(false);
  }
  // Any address-like string in the response must be a masked one (or a staff/office address
  // that is not an invitee's).
  for (const match of haystack.matchAll(/[\w.+-]+@[\w-]+\.[\w.]+/g)) {
    expect(match[0], `${label}: ${match[0]}`).toMatch(
      /^\S\*\*\*@|@leak-(crawl|office|sponsor|runner)\.example$|^no-reply@|@example\.(jp|com)$/,
    );
  }
}

async function get(path: string, cookie: string) {
  const response = await render(
    new Request(`${APP_ORIGIN}${path}`, { headers: { Cookie: cookie, 'Accept-Language': 'ja' } }),
  );
  const body = await response.text();
  assertNoAddress(`GET ${path}`, response, body, path);
  return { status: response.status, body };
}

async function post(path: string, cookie: string, fields: Record<string, string>) {
  const response = await render(
    new Request(`${APP_ORIGIN}${path}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        Origin: APP_ORIGIN,
        Host: new URL(APP_ORIGIN).host,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields),
    }),
  );
  const body = await response.text();
  assertNoAddress(`POST ${path} ${JSON.stringify(fields)}`, response, body);
  return { status: response.status, body };
}

const listPaths = () => {
  const base = `/staff/${slug}/invitations`;
  return [
    base,
    `${base}?q=1000`,
    `${base}?q=100`,
    `${base}?q=${encodeURIComponent('やまだ')}`,
    `${base}?q=${encodeURIComponent('invitee1.private@leak.example')}`,
    `${base}?q=private`,
    `${base}?status=sent`,
    `${base}?status=joined`,
    `${base}?status=everyone`,
    `${base}?category=${encodeURIComponent('フル')}`,
    `${base}?last=1`,
    `${base}?after=bad`,
    `${base}.csv`,
    `${base}.csv?status=sent`,
    `${base}/${ids[0]}`,
    `${base}/${ids[1]}`,
    `${base}/unknown-id`,
    `/staff/${slug}`,
    `/staff/${slug}/audience-count.json?audienceMode=everyone_on_channel`,
    `/staff/${slug}/audience-count.json?audienceMode=filter&category=${encodeURIComponent('フル')}`,
    `/staff/${slug}/audience-count.json`,
  ];
};

/** GETs every path, each also as its loader's JSON; then follows the pages' own links. */
async function crawl(cookie: string) {
  const statuses = new Map<string, number>();
  const queue = listPaths();
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path) || seen.size > 80) continue;
    seen.add(path);
    const { status, body } = await get(path, cookie);
    statuses.set(path, status);
    if (!path.endsWith('.csv') && !path.includes('audience-count')) {
      for (const routeId of DATA_ROUTES) {
        await get(singleFetchPath(path, routeId), cookie);
      }
    }
    if (status === 200 && !path.includes('.csv')) {
      for (const href of anchorsIn(body)) {
        if (href.startsWith(`/staff/${slug}/invitations`)) queue.push(href);
      }
    }
  }
  return statuses;
}

describe('the invitations pages never show an invitee address unmasked', () => {
  it('to the owner, editor and viewer, on every page, loader and download', async () => {
    for (const role of ['owner', 'editor', 'viewer'] as const) {
      const statuses = await crawl(people[role].cookie);
      expect(statuses.get(`/staff/${slug}/invitations`), role).toBe(200);
      expect(statuses.get(`/staff/${slug}/invitations/${ids[0]}`), role).toBe(200);
      expect(statuses.get(`/staff/${slug}/invitations.csv`), role).toBe(
        role === 'owner' ? 200 : 403,
      );
      expect(statuses.get(`/staff/${slug}/invitations?status=everyone`), role).toBe(400);
      expect(statuses.get(`/staff/${slug}/invitations/unknown-id`), role).toBe(404);
      // A search for an address is answered by a redirect to the list without it.
      const byAddress = `/staff/${slug}/invitations?q=${encodeURIComponent('invitee1.private@leak.example')}`;
      expect(statuses.get(byAddress), role).toBe(302);
      // The crawl followed the pager and the links to each invitee.
      expect(statuses.size, role).toBeGreaterThan(listPaths().length);
    }
    const owner = await get(`/staff/${slug}/invitations?q=1000`, people.owner.cookie);
    expect(owner.body).toContain('i***@l***.example');
  });

  it('to a member and a sponsor of the event, who get 404 everywhere', async () => {
    for (const role of ['member', 'sponsor'] as const) {
      const statuses = await crawl(people[role].cookie);
      for (const [path, status] of statuses) expect(status, `${role} ${path}`).toBe(404);
      for (const intent of ['resend', 'revoke']) {
        const response = await post(`/staff/${slug}/invitations/${ids[2]}`, people[role].cookie, {
          intent,
        });
        expect(response.status).toBe(404);
      }
    }
  });

  it('in the answers to every action, with good and bad input, and after a correction', async () => {
    const path = (i: number) => `/staff/${slug}/invitations/${ids[i]}`;
    const newAddress = 'corrected.private@leak-new.example';
    addresses.add(newAddress);
    addresses.add('not-an-address-private');

    // The viewer may do nothing (403), and says so without an address.
    const everyAction: Record<string, string>[] = [
      { intent: 'resend' },
      { intent: 'revoke', confirm: 'yes' },
      { intent: 'correct', email: newAddress, reason: 'typo' },
    ];
    for (const fields of everyAction) {
      expect((await post(path(3), people.viewer.cookie, fields)).status).toBe(403);
    }

    for (const role of ['editor', 'owner'] as const) {
      const cookie = people[role].cookie;
      const i = role === 'editor' ? 3 : 4;
      expect((await post(path(i), cookie, { intent: 'resend' })).status).toBe(200);
      expect((await post(path(i), cookie, { intent: 'nonsense' })).status).toBe(400);
      for (const fields of [
        { intent: 'correct', email: 'not-an-address-private', reason: 'typo' },
        { intent: 'correct', email: `invitee5.private@leak.example`, reason: 'taken' },
        { intent: 'correct', email: `invitee${i}.private@leak.example`, reason: 'same' },
        { intent: 'correct', email: 'member@leak-runner.example', reason: 'member' },
        { intent: 'correct', email: newAddress, reason: '' },
      ]) {
        const response = await post(path(i), cookie, fields);
        expect([400, 409], JSON.stringify(fields)).toContain(response.status);
      }
      expect(
        (await post(`/staff/${slug}/invitations/unknown`, cookie, { intent: 'resend' })).status,
      ).toBe(404);
    }
    addresses.add('member@leak-runner.example');

    // The correction itself, and every page afterwards: neither the old nor the new address.
    const corrected = await post(path(6), people.owner.cookie, {
      intent: 'correct',
      email: newAddress,
      reason: `本人から電話 (旧: invitee6.private@leak.example)`,
    });
    expect(corrected.status).toBe(200);
    await deliverQueuedMail();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, ids[6]));
    expect(row.email).toBe(newAddress);
    const page = await get(path(6), people.owner.cookie);
    expect(page.body).toContain('c***@l***.example');
    expect(
      (await post(path(7), people.editor.cookie, { intent: 'revoke', confirm: 'yes' })).status,
    ).toBe(200);
    for (const role of ['owner', 'editor', 'viewer'] as const) await crawl(people[role].cookie);
    // The audit log page is where the correction is recorded: masked there as well.
    const audit = await import('~/modules/audit/audit-log.server');
    const entries = await audit.listAuditEntries(eventId, { limit: 100 });
    const logged = JSON.stringify(entries);
    for (const address of addresses) expect(logged).not.toContain(address);
    expect(logged).toContain('c***@l***.example');
  });
});
