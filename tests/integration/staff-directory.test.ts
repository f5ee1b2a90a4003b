/**
 * The staff member directory at race-week size (issue 12, decision 092): keyset pages that
 * visit every member once, a search by bib (exact and prefix) and by name that folds
 * full-width, half-width, katakana and hiragana, and counts that come from the database's
 * own bookkeeping. Correctness only: the timings are bench/staff-lists.ts's job.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventMemberCounts, memberships, sessions, users } from '~db/schema';
import * as membersRoute from '~/routes/staff.$slug.members._index';
import { db } from '~/modules/database/database.server';
import { MEMBER_PAGE_SIZE, SEARCH_COUNT_LIMIT } from '~/modules/membership/member-directory.server';
import { generateId } from '~/modules/security/tokens.server';
import { sessionIdOf } from '../support/auth';
import { createTestEvent } from '../support/events';
import { recordQueries } from '../support/query-log';
import { translate } from '~/i18n/translate';
import { anchorsIn, createDocumentHandler } from '../support/remix-document';
import { callRoute, getRequest, jsonOf } from '../support/requests';

type Cursor = { after: number } | { before: number } | { last: true };
type DirectoryPage = {
  count: { value: number; isLowerBound: boolean };
  previous: Cursor | null;
  next: Cursor | null;
  members: { id: string; aliasNumber: number; bib: string | null; name: string }[];
};

let slug: string;
let eventId: string;
let cookie: string;

/** Members in one statement each for users and memberships, as an import leaves them. */
async function insertMembers(
  forEvent: string,
  rows: { alias: number; name: string; bib: string; status?: 'active' | 'left' }[],
) {
  const people = rows.map((row) => ({ ...row, userId: generateId(), id: generateId() }));
  await db
    .insert(users)
    .values(people.map((p) => ({ id: p.userId, email: `m${p.alias}-${p.userId}@example.org` })));
  await db.insert(memberships).values(
    people.map((p) => ({
      id: p.id,
      eventId: forEvent,
      userId: p.userId,
      aliasNumber: p.alias,
      name: p.name,
      bib: p.bib,
      status: p.status ?? 'active',
      // The same second for everyone: nothing in the order may depend on the join time.
      joinedAt: new Date('2027-01-10T09:00:00Z'),
    })),
  );
  return people;
}

const named = [
  { alias: 4821, name: '山田 花子', bib: '1024' },
  { alias: 4822, name: 'ヤマダ タロウ', bib: '10245' },
  { alias: 4823, name: 'やまだ じろう', bib: '1025' },
  { alias: 4824, name: 'ｽｽﾞｷ ｲﾁﾛｳ', bib: 'A123' },
  { alias: 4825, name: 'ＳＡＫＵＲＡ Ｔａｎａｋａ', bib: '3001' },
  { alias: 4826, name: 'Sakura Tanaka', bib: '3002' },
  { alias: 4827, name: '小林 健', bib: '3003' },
  { alias: 4828, name: 'ジョン・スミス', bib: '3004' },
];

beforeAll(async () => {
  const event = await createTestEvent('directory');
  ({ slug, eventId } = event);
  cookie = event.owner.cookie;
  await insertMembers(eventId, named);
  // 130 namesakes with the same bib prefix, and the same join time: ties in everything but
  // the alias, scattered among the numbers above and below the named members.
  await insertMembers(
    eventId,
    Array.from({ length: 130 }, (_, i) => ({
      alias: 1000 + i * 37,
      name: '同名 太郎',
      bib: `77${String(i).padStart(3, '0')}`,
    })),
  );
  await insertMembers(eventId, [{ alias: 4900, name: '山田 退会', bib: '1026', status: 'left' }]);
});

async function page(query: string, lang = 'ja') {
  return callRoute(
    membersRoute.loader,
    getRequest(`/staff/${slug}/members${query}`, {
      cookie,
      headers: { 'Accept-Language': lang },
    }),
    { slug },
  );
}

function cursorParams(cursor: Cursor): Record<string, number> {
  return 'last' in cursor ? { last: 1 } : cursor;
}

async function directory(params: Record<string, string | number> = {}) {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, String(v)]),
  ).toString();
  const response = await page(search ? `?${search}` : '');
  expect(response.status).toBe(200);
  return jsonOf<DirectoryPage>(response);
}

async function found(q: string) {
  return (await directory({ q })).members.map((m) => m.aliasNumber).sort((a, b) => a - b);
}

/** Follows "next" from the first page, or "previous" from the last, to the end. */
async function walk(direction: 'forward' | 'backward', q?: string) {
  const base: Record<string, string> = q ? { q } : {};
  const visited: number[] = [];
  let current = await directory(direction === 'forward' ? base : { ...base, last: 1 });
  for (let pages = 0; pages < 100; pages += 1) {
    expect(current.members.length).toBeLessThanOrEqual(MEMBER_PAGE_SIZE);
    const aliases = current.members.map((m) => m.aliasNumber);
    // Within a page, always in alias order, whichever way it was reached.
    expect(aliases).toEqual([...aliases].sort((a, b) => a - b));
    if (direction === 'forward') visited.push(...aliases);
    else visited.unshift(...aliases);
    const next = direction === 'forward' ? current.next : current.previous;
    if (next === null) return visited;
    // The links the page shows are plain keysets: after the last alias, before the first.
    expect(next).toEqual(
      direction === 'forward' ? { after: aliases.at(-1) } : { before: aliases[0] },
    );
    current = await directory({ ...base, ...cursorParams(next) });
  }
  throw new Error('the pages never ended');
}

async function activeAliases(where = sql`true`) {
  const rows = await db
    .select({ alias: memberships.aliasNumber })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.status, 'active'), where));
  return rows.map((r) => r.alias).sort((a, b) => a - b);
}

describe('searching the directory', () => {
  it('finds a bib exactly and by its beginning, typed full-width or in lower case', async () => {
    expect(await found('10245')).toEqual([4822]);
    expect(await found('1024')).toEqual([4821, 4822]);
    expect(await found('１０２４')).toEqual([4821, 4822]);
    expect(await found('102')).toEqual([4821, 4822, 4823]);
    expect(await found('a123')).toEqual([4824]);
    expect(await found('A12')).toEqual([4824]);
    expect(await found('#4827')).toEqual([4827]);
    // A member who left is not listed, even when the bib matches.
    expect(await found('1026')).toEqual([]);
  });

  it('finds a name with or without spaces, full- or half-width, in katakana or hiragana', async () => {
    for (const q of ['山田花子', '山田 花子', '山田　花子', '花子']) {
      expect(await found(q), q).toEqual([4821]);
    }
    // Kana are one: katakana, hiragana and half-width katakana find the same runners; the
    // kanji spelling is a different name.
    for (const q of ['やまだ', 'ヤマダ', 'ﾔﾏﾀﾞ', 'ﾔ ﾏ ﾀﾞ', 'ヤマダ　']) {
      expect(await found(q), q).toEqual([4822, 4823]);
    }
    for (const q of ['すずき', 'スズキイチロウ', 'ｽｽﾞｷ ｲﾁﾛｳ', 'いちろう']) {
      expect(await found(q), q).toEqual([4824]);
    }
    for (const q of ['sakura', 'SAKURA TANAKA', 'ｓａｋｕｒａ', 'Ｔａｎａｋａ']) {
      expect(await found(q), q).toEqual([4825, 4826]);
    }
    // One or two characters are enough (「林」, 「山田」), and 「・」 is not needed.
    expect(await found('林')).toEqual([4827]);
    expect(await found('山田')).toEqual([4821]);
    expect(await found('ジョンスミス')).toEqual([4828]);
    expect(await found('じょん・すみす')).toEqual([4828]);
  });

  it('treats search wildcards and separators as text, and offers no search by address', async () => {
    for (const q of ['%', '_', '\\', '%田', '・', '山%田']) {
      expect(await found(q), q).toEqual([]);
    }
    const someone = (await db.select({ email: users.email }).from(users).limit(1))[0].email;
    expect(await found(someone)).toEqual([]);
  });

  it('counts the matches exactly, up to a limit it then names as a lower bound', async () => {
    const result = await directory({ q: '同名' });
    expect(result.count).toEqual({ value: 130, isLowerBound: false });

    const big = await createTestEvent('directory-big');
    const many = SEARCH_COUNT_LIMIT + 25;
    await insertMembers(
      big.eventId,
      Array.from({ length: many }, (_, i) => ({ alias: 10_000 + i, name: '', bib: `9${i}` })),
    );
    const response = await callRoute(
      membersRoute.loader,
      getRequest(`/staff/${big.slug}/members?q=9`, { cookie: big.owner.cookie }),
      { slug: big.slug },
    );
    const bounded = await jsonOf<DirectoryPage>(response);
    expect(bounded.count).toEqual({ value: SEARCH_COUNT_LIMIT, isLowerBound: true });
    const all = await callRoute(
      membersRoute.loader,
      getRequest(`/staff/${big.slug}/members`, { cookie: big.owner.cookie }),
      { slug: big.slug },
    );
    expect((await jsonOf<DirectoryPage>(all)).count).toEqual({ value: many, isLowerBound: false });
  });
});

describe('paging through the directory', () => {
  it('visits every active member exactly once, forwards and backwards, despite ties', async () => {
    const everyone = await activeAliases();
    expect(everyone).toHaveLength(named.length + 130);
    const forward = await walk('forward');
    expect(forward).toEqual(everyone);
    const backward = await walk('backward');
    expect(backward).toEqual(everyone);
  });

  it('keeps the search on every page, and visits every match exactly once', async () => {
    const namesakes = await activeAliases(sql`${memberships.name} = '同名 太郎'`);
    expect(namesakes).toHaveLength(130);
    expect(await walk('forward', '同名')).toEqual(namesakes);
    expect(await walk('backward', '同名')).toEqual(namesakes);
    // A bib prefix shared by the same runners pages the same way.
    expect(await walk('forward', '77')).toEqual(namesakes);
  });

  it('comes back to the same page with "previous" after "next"', async () => {
    const first = await directory({ q: '同名' });
    expect(first.previous).toBeNull();
    expect(first.next).not.toBeNull();
    const second = await directory({ q: '同名', ...cursorParams(first.next!) });
    expect(second.previous).toEqual({ before: second.members[0].aliasNumber });
    const back = await directory({ q: '同名', ...cursorParams(second.previous!) });
    expect(back.members.map((m) => m.id)).toEqual(first.members.map((m) => m.id));
    expect(back.previous).toBeNull();
  });

  it('links back from a cursor past the end, and answers a malformed cursor with a localized 400', async () => {
    const beyond = await directory({ after: 999_999_999 });
    expect(beyond.members).toEqual([]);
    expect(beyond.next).toBeNull();
    expect(beyond.previous).toEqual({ last: true });
    const before = await directory({ before: 1000 });
    expect(before.members).toEqual([]);
    expect(before.previous).toBeNull();
    expect(before.next).toEqual({ after: 0 });
    const back = await directory(cursorParams(before.next!));
    expect(back.members.map((m) => m.aliasNumber)).toEqual((await activeAliases()).slice(0, 50));

    for (const [query, lang] of [
      ['?after=abc', 'ja'],
      ['?after=1&before=2', 'en'],
      ['?last=2', 'en'],
      ['?before=-5', 'ja'],
      ['?after=2147483648', 'ja'],
      ['?before=1e3', 'en'],
    ] as const) {
      const response = await page(query, lang);
      expect(response.status, query).toBe(400);
      expect((await jsonOf<{ formError: string }>(response)).formError).toBe(
        translate(lang, 'staff.members.badCursor'),
      );
    }
  });
});

describe('the directory page', () => {
  it('looks the session up once, with the staff role, for the root and the staff pages alike', async () => {
    const render = await createDocumentHandler(['staff.$slug.members._index.tsx']);
    const recording = recordQueries();
    const response = await render(getRequest(`/staff/${slug}/members`, { cookie }));
    await response.text();
    recording.stop();
    expect(response.status).toBe(200);
    // The staff layout's gate and the page's read the role with the session (the second with
    // the session the first validated); no lookup of the session alone, not even the root's.
    const withSessions = recording.queries.filter((q) => /"sessions"/.test(q));
    expect(withSessions).toHaveLength(2);
    for (const query of withSessions) expect(query).toMatch(/"event_staff"/);
  });

  it('sends staff whose session expired to sign in, and deletes the session', async () => {
    const render = await createDocumentHandler(['staff.$slug.members._index.tsx']);
    const lapsed = await createTestEvent('directory-lapsed');
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionIdOf(lapsed.owner.cookie)));
    const response = await render(
      getRequest(`/staff/${lapsed.slug}/members`, { cookie: lapsed.owner.cookie }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/sign-in?next=${encodeURIComponent(`/staff/${lapsed.slug}/members`)}`,
    );
    expect(
      await db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(lapsed.owner.cookie))),
    ).toEqual([]);
  });

  it('links first, previous, next and last pages that keep the search, in Japanese and English', async () => {
    const render = await createDocumentHandler(['staff.$slug.members._index.tsx']);
    // The second page of a search: both ways have pages.
    const shown = await directory({ q: '同名', after: 1000 });
    expect(shown.previous).toEqual({ before: 1037 });
    expect(shown.next).toEqual({ after: shown.members[49].aliasNumber });
    const members = `/staff/${slug}/members`;
    const q = `q=${encodeURIComponent('同名')}`;
    for (const lang of ['ja', 'en'] as const) {
      const response = await render(
        getRequest(`${members}?${q}&after=1000`, { cookie, headers: { 'Accept-Language': lang } }),
      );
      expect(response.status).toBe(200);
      const html = await response.text();
      const links = anchorsIn(html).filter((href) => href.startsWith(`${members}?`));
      expect(links.sort()).toEqual(
        [
          `${members}?${q}`,
          `${members}?${q}&before=1037`,
          `${members}?${q}&after=${shown.members[49].aliasNumber}`,
          `${members}?${q}&last=1`,
        ].sort(),
      );
      for (const key of [
        'staff.pager.first',
        'staff.pager.previous',
        'staff.pager.next',
        'staff.pager.last',
      ] as const) {
        expect(html).toContain(translate(lang, key));
      }
      expect(html).toContain(
        translate(lang, 'staff.members.resultCount', { count: '130', query: '同名' }),
      );
    }
  });

  it('labels a count that stopped at the limit as a lower bound', async () => {
    const render = await createDocumentHandler(['staff.$slug.members._index.tsx']);
    const big = await createTestEvent('directory-label');
    await insertMembers(
      big.eventId,
      Array.from({ length: SEARCH_COUNT_LIMIT + 1 }, (_, i) => ({
        alias: 10_000 + i,
        name: '',
        bib: `5${i}`,
      })),
    );
    for (const lang of ['ja', 'en'] as const) {
      const html = await (
        await render(
          getRequest(`/staff/${big.slug}/members?q=5`, {
            cookie: big.owner.cookie,
            headers: { 'Accept-Language': lang },
          }),
        )
      ).text();
      const count = SEARCH_COUNT_LIMIT.toLocaleString(lang);
      expect(html).toContain(
        translate(lang, 'staff.members.resultCountMore', { count, query: '5' }),
      );
    }
  });
});

describe('the member count', () => {
  async function counted(forEvent: string) {
    const [row] = await db
      .select({ n: eventMemberCounts.activeMembers })
      .from(eventMemberCounts)
      .where(eq(eventMemberCounts.eventId, forEvent));
    return row?.n ?? 0;
  }
  async function actual(forEvent: string) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.eventId, forEvent), eq(memberships.status, 'active')));
    return row.n;
  }

  it('stays exact through joins, leaving, rejoining and account deletion, without counting rows', async () => {
    const event = await createTestEvent('directory-count');
    expect(await counted(event.eventId)).toBe(0);
    const people = await insertMembers(event.eventId, [
      { alias: 2001, name: 'A', bib: '1' },
      { alias: 2002, name: 'B', bib: '2' },
      { alias: 2003, name: 'C', bib: '3', status: 'left' },
    ]);
    expect(await counted(event.eventId)).toBe(2);
    await db
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(eq(memberships.id, people[0].id));
    expect(await counted(event.eventId)).toBe(1);
    // An update that changes nothing about being a member changes no count.
    await db.update(memberships).set({ name: 'B2' }).where(eq(memberships.id, people[1].id));
    await db
      .update(memberships)
      .set({ status: 'active', leftAt: null })
      .where(eq(memberships.id, people[2].id));
    expect(await counted(event.eventId)).toBe(2);
    await db.delete(users).where(eq(users.id, people[1].userId));
    expect(await counted(event.eventId)).toBe(1);
    expect(await counted(event.eventId)).toBe(await actual(event.eventId));

    // The directory shows that number, and other events' members are not in it.
    const response = await callRoute(
      membersRoute.loader,
      getRequest(`/staff/${event.slug}/members`, { cookie: event.owner.cookie }),
      { slug: event.slug },
    );
    const shown = await jsonOf<DirectoryPage>(response);
    expect(shown.count).toEqual({ value: 1, isLowerBound: false });
    expect(shown.members.map((m) => m.aliasNumber)).toEqual([2003]);
    expect((await directory()).count.value).toBe(await actual(eventId));
  });

  it('keeps the folded name in step with every write of the name', async () => {
    const [member] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.eventId, eventId), eq(memberships.aliasNumber, 4827)));
    await db
      .update(memberships)
      .set({ name: 'コバヤシ ケン' })
      .where(eq(memberships.id, member.id));
    expect(await found('林')).toEqual([]);
    expect(await found('こばやし')).toEqual([4827]);
    await db.update(memberships).set({ name: '小林 健' }).where(eq(memberships.id, member.id));
    expect(await found('林')).toEqual([4827]);
  });
});
