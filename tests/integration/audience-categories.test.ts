/**
 * Categories as data (issue 13, part 4): the announcement audience offers exactly the
 * categories the event's entrant lists recorded, as a multi-select, and the form's live
 * recipient count is the count the preview freezes for the same filter (SPEC P4: the
 * snapshot is still the only thing sent). A category outside the event's list is refused
 * with nothing written; the count answers only staff who write drafts, and only a number.
 */
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { announcements, eventCategories } from '~db/schema';
import type { MessageKey } from '~/i18n/messages';
import { translate } from '~/i18n/translate';
import { MAX_AUDIENCE_CATEGORIES } from '~/modules/announcements/draft-form';
import { db } from '~/modules/database/database.server';
import * as countRoute from '~/routes/staff.$slug.audience-count[.json]';
import * as editRoute from '~/routes/staff.$slug.announcements.$announcementId.edit';
import * as newRoute from '~/routes/staff.$slug.announcements.new';
import { addMember, addStaff, seedEvent, type TestEvent } from '../support/announcement-fixtures';
import {
  createDraft,
  draftFields,
  editDraft,
  freeze,
  postDraft,
  previewOf,
} from '../support/announcement-flow';
import { signedInUser } from '../support/auth';
import { createDocumentHandler } from '../support/remix-document';
import { callRoute, getRequest, jsonOf } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';

type Fields = Record<string, string | string[]>;

let event: TestEvent;
let other: TestEvent;
let empty: TestEvent;
const cookies = {} as Record<
  'owner' | 'editor' | 'viewer' | 'member' | 'stranger' | 'otherOwner' | 'emptyOwner',
  string
>;
const memberEmails: string[] = [];

// The event's categories, as an import records them, in no particular order.
const CATEGORIES = ['フル', '10km', 'ハーフ', '5km'];

beforeAll(async () => {
  event = await seedEvent();
  other = await seedEvent();
  empty = await seedEvent();
  cookies.owner = (await addStaff(event, 'owner@categories.example', 'owner')).cookie;
  cookies.editor = (await addStaff(event, 'editor@categories.example', 'editor')).cookie;
  cookies.viewer = (await addStaff(event, 'viewer@categories.example', 'viewer')).cookie;
  cookies.otherOwner = (await addStaff(other, 'owner@other.example', 'owner')).cookie;
  cookies.emptyOwner = (await addStaff(empty, 'owner@empty.example', 'owner')).cookie;
  await db.insert(eventCategories).values(CATEGORIES.map((name) => ({ eventId: event.id, name })));
  await db.insert(eventCategories).values({ eventId: other.id, name: 'リレー' });
  const runners: { bib: string; category?: string; status?: 'left' }[] = [
    { bib: '101', category: 'フル' },
    { bib: '102', category: 'フル' },
    { bib: '103', category: 'ハーフ' },
    { bib: '104', category: 'ハーフ' },
    { bib: '105', category: '5km' },
    { bib: '106', category: '10km' },
    { bib: '107', category: 'フル', status: 'left' },
    // Typed by hand before categories were data: in no list, so never offered.
    { bib: '108', category: 'ﾌﾙ' },
    { bib: '109' },
  ];
  for (const [i, r] of runners.entries()) {
    const email = `runner${i}@categories.example`;
    const member = await addMember(event, { email, ...r });
    memberEmails.push(email);
    if (i === 0) cookies.member = member.cookie;
  }
  // Another event's runner in the same category name: never counted here.
  await addMember(other, { email: 'elsewhere@categories.example', bib: '101', category: 'フル' });
  memberEmails.push('elsewhere@categories.example');
  cookies.stranger = (await signedInUser('stranger@categories.example')).cookie;
});

/** A filtered draft as the form posts it: `category` once per ticked box. */
function filterDraft(fields: Fields) {
  // The flow helpers type fields as strings; formRequest repeats a list's values.
  return {
    ...draftFields(event.channelIds.official, { audienceMode: 'filter' }),
    ...fields,
  } as unknown as Record<string, string>;
}

function countQuery(fields: Fields) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of [value].flat()) query.append(key, v);
  return query.toString();
}

async function liveCount(fields: Fields, cookie = cookies.owner, headers = {}) {
  return callRoute(
    countRoute.loader,
    getRequest(`/staff/${event.slug}/audience-count.json?${countQuery(fields)}`, {
      cookie,
      headers,
    }),
    { slug: event.slug },
  );
}

async function announcementCount() {
  const [row] = await db.select({ n: count() }).from(announcements);
  return row.n;
}

async function frozenCount(fields: Fields) {
  const id = await createDraft(cookies.owner, event.slug, {
    ...draftFields(event.channelIds.official),
    ...(fields as Record<string, string>),
  });
  const snapshotId = await freeze(cookies.owner, event.slug, id);
  return (await previewOf(cookies.owner, event.slug, id, snapshotId)).snapshot.count;
}

const renderPage = await createDocumentHandler([
  'staff.$slug.announcements.new.tsx',
  'staff.$slug.audience-count[.json].tsx',
]);

function checkboxValues(html: string) {
  return [
    ...html.matchAll(/<input[^>]*type="checkbox"[^>]*name="category"[^>]*value="([^"]*)"/g),
  ].map((m) => m[1]);
}

describe('the audience category multi-select', () => {
  it("lists exactly the event's categories, in natural order, not another event's nor a typed one", async () => {
    const response = await renderPage(
      getRequest(`/staff/${event.slug}/announcements/new`, { cookie: cookies.editor }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(checkboxValues(html)).toEqual(['5km', '10km', 'ハーフ', 'フル']);
    // Without JavaScript the filter is not hidden: the checkboxes can be ticked.
    expect(html).not.toMatch(/class="draft-form__filter"[^>]*hidden/);
    expect(html).not.toContain('id="categories-none"');
  });

  it('says so, and offers no checkbox, when the event has no categories yet', async () => {
    const response = await renderPage(
      getRequest(`/staff/${empty.slug}/announcements/new`, { cookie: cookies.emptyOwner }),
    );
    const html = await response.text();
    expect(checkboxValues(html)).toEqual([]);
    expect(html).toContain('id="categories-none"');
    expect(html).toContain(`href="/staff/${empty.slug}/import"`);
  });

  it('keeps several ticked categories, stored as a list', async () => {
    const response = await postDraft(
      cookies.editor,
      event.slug,
      filterDraft({ category: ['ハーフ', 'フル', 'フル'] }),
    );
    expect(response.status).toBe(302);
    const saved = response.headers.get('Location')!.split('/').pop()!;
    const [row] = await db
      .select({ filter: announcements.audienceFilter })
      .from(announcements)
      .where(eq(announcements.id, saved));
    expect(row.filter).toEqual({ bibFrom: null, bibTo: null, categories: ['ハーフ', 'フル'] });
    const edit = await callRoute(
      editRoute.loader,
      getRequest(`/staff/${event.slug}/announcements/${saved}/edit`, { cookie: cookies.editor }),
      { slug: event.slug, announcementId: saved },
    );
    const data = await jsonOf<{ values: { category: string[] }; categories: string[] }>(edit);
    expect(data.values.category).toEqual(['ハーフ', 'フル']);
    expect(data.categories).toEqual(['5km', '10km', 'ハーフ', 'フル']);
  });

  it("refuses a category that is not the event's with a localized 400, writing nothing", async () => {
    const before = await announcementCount();
    for (const category of ['ﾌﾙ', 'リレー', 'no-such-category']) {
      const response = await postDraft(
        cookies.owner,
        event.slug,
        filterDraft({ category: ['フル', category] }),
      );
      expect(response.status, category).toBe(400);
      const errors = await submissionErrors(response);
      expect(errors.category).toBe(translate('ja', 'announcements.form.categoryUnknown'));
      // What was ticked comes back, so the form shows it again.
      expect((await submittedValues(response)).category).toEqual(['フル', category]);
    }
    const tooMany = await postDraft(
      cookies.owner,
      event.slug,
      filterDraft({
        category: Array.from({ length: MAX_AUDIENCE_CATEGORIES + 1 }, (_, i) => `c${i}`),
      }),
    );
    expect(tooMany.status).toBe(400);
    expect((await submissionErrors(tooMany)).category).toBe(
      translate('ja', 'announcements.form.tooManyCategories'),
    );
    expect(await announcementCount()).toBe(before);

    // Editing an existing draft to a foreign category is refused too; the draft is unchanged.
    const id = await createDraft(
      cookies.owner,
      event.slug,
      draftFields(event.channelIds.official, { audienceMode: 'filter', category: 'フル' }),
    );
    const [saved] = await db
      .select({ filter: announcements.audienceFilter, revision: announcements.revision })
      .from(announcements)
      .where(eq(announcements.id, id));
    const edited = await editDraft(
      cookies.owner,
      event.slug,
      id,
      filterDraft({ category: ['リレー'] }),
    );
    expect(edited.status).toBe(400);
    const [after] = await db
      .select({ filter: announcements.audienceFilter, revision: announcements.revision })
      .from(announcements)
      .where(eq(announcements.id, id));
    expect(after).toEqual(saved);
  });
});

describe('the live recipient count', () => {
  const filters: [string, Fields, number][] = [
    ['everyone', { audienceMode: 'everyone_on_channel' }, 8],
    ['one category', { audienceMode: 'filter', category: 'フル' }, 2],
    ['two categories', { audienceMode: 'filter', category: ['フル', 'ハーフ'] }, 4],
    [
      'categories and a bib range',
      { audienceMode: 'filter', category: ['フル', 'ハーフ'], bibFrom: '102', bibTo: '103' },
      2,
    ],
    ['a bib range', { audienceMode: 'filter', bibFrom: '101', bibTo: '105' }, 5],
  ];
  for (const [name, fields, expected] of filters) {
    it(`equals the count the preview freezes: ${name}`, async () => {
      const response = await liveCount(fields);
      expect(response.status).toBe(200);
      expect(response.headers.get('Cache-Control')).toContain('no-store');
      expect(await jsonOf(response)).toEqual({ count: expected });
      expect(await frozenCount(fields)).toBe(expected);
    });
  }

  it('is reached at /staff/:slug/audience-count.json', async () => {
    const response = await renderPage(
      getRequest(
        `/staff/${event.slug}/audience-count.json?${countQuery({ audienceMode: 'filter', category: 'ハーフ' })}`,
        { cookie: cookies.editor },
      ),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: 2 });
  });

  it('answers bad input with a localized 400 in JSON', async () => {
    const cases: [Fields, MessageKey][] = [
      [{ audienceMode: 'filter', category: 'リレー' }, 'announcements.form.categoryUnknown'],
      [{ audienceMode: 'filter' }, 'announcements.form.filterEmpty'],
      [{ audienceMode: 'filter', category: '' }, 'announcements.form.filterEmpty'],
      [{ audienceMode: 'filter', bibFrom: '1x' }, 'announcements.form.bibInvalid'],
      [{ audienceMode: 'filter', bibFrom: '9', bibTo: '1' }, 'announcements.form.bibOrder'],
      [{ audienceMode: 'everyone' }, 'announcements.form.audienceRequired'],
      [{}, 'announcements.form.audienceRequired'],
    ];
    for (const [fields, key] of cases) {
      for (const locale of ['ja', 'en'] as const) {
        const response = await liveCount(fields, cookies.owner, { 'Accept-Language': locale });
        expect(response.status, JSON.stringify(fields)).toBe(400);
        const body = await jsonOf<{ message: string; count?: number }>(response);
        expect(body.message, JSON.stringify(fields)).toBe(translate(locale, key));
        expect(body.count).toBeUndefined();
      }
    }
  });

  it('answers editors and owners; viewers 403; members, strangers and other staff 404', async () => {
    const expected: [keyof typeof cookies | 'signedOut', number][] = [
      ['owner', 200],
      ['editor', 200],
      ['viewer', 403],
      ['member', 404],
      ['stranger', 404],
      ['otherOwner', 404],
      ['signedOut', 302],
    ];
    for (const [who, status] of expected) {
      const cookie = who === 'signedOut' ? '' : cookies[who];
      const response = await liveCount({ audienceMode: 'everyone_on_channel' }, cookie);
      expect({ who, status: response.status }).toEqual({ who, status });
    }
  });

  it('returns the number and nothing else: no name, alias or address', async () => {
    for (const fields of filters.map(([, f]) => f)) {
      const response = await liveCount(fields);
      const text = await response.text();
      expect(Object.keys(JSON.parse(text))).toEqual(['count']);
      for (const email of memberEmails) expect(text).not.toContain(email);
      expect(text).not.toContain('@');
    }
  });
});

describe('filters stored before categories were a list', () => {
  it('still select the same members, and read as a list of one in the form', async () => {
    const id = await createDraft(
      cookies.owner,
      event.slug,
      draftFields(event.channelIds.official, { audienceMode: 'filter', bibFrom: '101' }),
    );
    // The shape drafts and snapshots were stored in until now.
    await db
      .update(announcements)
      .set({ audienceFilter: { bibFrom: null, bibTo: null, category: 'フル' } })
      .where(eq(announcements.id, id));
    const snapshotId = await freeze(cookies.owner, event.slug, id);
    const preview = await previewOf(cookies.owner, event.slug, id, snapshotId);
    expect(preview.snapshot.count).toBe(2);
    expect(preview.snapshot.count).toBe(
      (
        await jsonOf<{ count: number }>(
          await liveCount({ audienceMode: 'filter', category: 'フル' }),
        )
      ).count,
    );
    const edit = await callRoute(
      editRoute.loader,
      getRequest(`/staff/${event.slug}/announcements/${id}/edit`, { cookie: cookies.owner }),
      { slug: event.slug, announcementId: id },
    );
    expect((await jsonOf<{ values: { category: string[] } }>(edit)).values.category).toEqual([
      'フル',
    ]);
  });

  it('keep a typed category that is in no list: it selects as before, and is not silently dropped on save', async () => {
    const id = await createDraft(
      cookies.owner,
      event.slug,
      draftFields(event.channelIds.official, { audienceMode: 'filter', bibFrom: '101' }),
    );
    await db
      .update(announcements)
      .set({ audienceFilter: { category: 'ﾌﾙ' } })
      .where(eq(announcements.id, id));
    const snapshotId = await freeze(cookies.owner, event.slug, id);
    expect((await previewOf(cookies.owner, event.slug, id, snapshotId)).snapshot.count).toBe(1);
    // Saving it unchanged is refused with the reason, rather than widening the audience.
    const resaved = await editDraft(
      cookies.owner,
      event.slug,
      id,
      filterDraft({ category: ['ﾌﾙ'] }),
    );
    expect(resaved.status).toBe(400);
    const [row] = await db
      .select({ filter: announcements.audienceFilter })
      .from(announcements)
      .where(eq(announcements.id, id));
    expect(row.filter).toEqual({ category: 'ﾌﾙ' });
  });
});

// The new page's loader must not reach past the role gate either.
it('offers the form to editors only', async () => {
  for (const [cookie, status] of [
    [cookies.viewer, 403],
    [cookies.member, 404],
  ] as const) {
    const response = await callRoute(
      newRoute.loader,
      getRequest(`/staff/${event.slug}/announcements/new`, { cookie }),
      { slug: event.slug },
    );
    expect(response.status).toBe(status);
  }
});
