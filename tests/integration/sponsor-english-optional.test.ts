import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { offers, sponsorNotices } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { draftCopy } from '~/modules/sponsors/notice-announcement.server';
import { formatPeriod } from '~/modules/sponsors/offer-dates';
import { remainingDisplay } from '~/modules/sponsors/sponsor-stats.server';
import * as memberListRoute from '~/routes/e.$slug.offers._index';
import * as memberOfferRoute from '~/routes/e.$slug.offers.$offerId._index';
import * as noticesRoute from '~/routes/sponsor.$sponsorId.notices._index';
import * as newOfferRoute from '~/routes/sponsor.$sponsorId.offers.new';
import * as reviewNoticeRoute from '~/routes/staff.$slug.sponsors.notices.$noticeId';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import {
  createLiveOffer,
  createTestSponsor,
  multipartRequest,
  offerForm,
} from '../support/sponsors';
import { submissionErrors, submittedValues } from '../support/submission';

// Local shops have no English copy: a sponsor may leave every English field empty. Readers of
// English then get the Japanese with its language (the page marks it "Japanese only", checked
// in tests/e2e/sponsor-missing-page.e2e.test.ts) instead of an empty title.
const NO_ENGLISH = { titleEn: '', discountEn: '', bodyEn: '', termsEn: '' };
const EN = { 'Accept-Language': 'en' };
const JA = { 'Accept-Language': 'ja' };

let slug = '';
let eventId = '';
let owner: Awaited<ReturnType<typeof createTestEvent>>['owner'];
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;

beforeAll(async () => {
  const event = await createTestEvent('english-optional');
  slug = event.slug;
  eventId = event.eventId;
  owner = event.owner;
  sponsor = await createTestSponsor(eventId, 'shop@english-optional.example', 'Corner Shop');
});

type Shown = { text: string; lang: 'ja' | 'en' };

const postOffer = (fields: Record<string, string>, headers = JA) => {
  const request = multipartRequest(
    `/sponsor/${sponsor.sponsorId}/offers/new`,
    fields,
    {},
    {
      cookie: sponsor.cookie,
    },
  );
  for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
  return callRoute(newOfferRoute.action, request, { sponsorId: sponsor.sponsorId });
};

const offerCount = async () =>
  (await db.select({ id: offers.id }).from(offers).where(eq(offers.sponsorId, sponsor.sponsorId)))
    .length;

describe('English is optional for sponsor offers', () => {
  it('accepts a Japanese-only offer and stores the English as empty', async () => {
    const response = await postOffer(offerForm({ titleJa: '和菓子 1割引', ...NO_ENGLISH }));
    expect(response.status).toBe(302);
    const offerId = response.headers.get('Location')!.split('/')[4];
    const [row] = await db
      .select({ titleEn: offers.titleEn, discountEn: offers.discountEn, bodyEn: offers.bodyEn })
      .from(offers)
      .where(eq(offers.id, offerId));
    expect(row).toEqual({ titleEn: '', discountEn: '', bodyEn: '' });
  });

  it('asks for the English title and discount when only an English description is given', async () => {
    const before = await offerCount();
    const response = await postOffer(
      offerForm({ ...NO_ENGLISH, bodyEn: 'Show this at the counter.' }),
    );
    expect(response.status).toBe(400);
    const fieldErrors = await submissionErrors(response, 'ja');
    expect(Object.keys(fieldErrors).sort()).toEqual(['discountEn', 'titleEn']);
    expect(fieldErrors.titleEn).toBe(translate('ja', 'sponsors.form.requiredEn'));
    expect((await submittedValues(response)).bodyEn).toBe('Show this at the counter.');
    expect(await offerCount()).toBe(before);
  });

  it('lists every missing field of an empty form at once, in the reader’s language', async () => {
    const before = await offerCount();
    const empty = Object.fromEntries(Object.keys(offerForm()).map((k) => [k, '']));
    const response = await postOffer(empty, EN);
    expect(response.status).toBe(400);
    const fieldErrors = await submissionErrors(response, 'en');
    expect(fieldErrors.titleJa).toBe(translate('en', 'sponsors.form.oneLanguage'));
    expect(fieldErrors.discountJa).toBe(translate('en', 'form.required'));
    expect(fieldErrors.validFrom).toBeDefined();
    // English stays optional even on an empty form.
    expect(fieldErrors.titleEn).toBeUndefined();
    expect(await offerCount()).toBe(before);
  });

  it('gives an English reader the Japanese offer, in Japanese and so labelled, with the period in each language’s style', async () => {
    const offerId = await createLiveOffer({
      sponsor,
      ownerUserId: owner.userId,
      overrides: { titleJa: '団子 無料', discountJa: '1本サービス', ...NO_ENGLISH },
    });
    const runner = await addMember(eventId, 'runner@english-optional.example', { locale: 'en' });
    const detail = async (headers: Record<string, string>) =>
      jsonOf<{ offer: { title: Shown; discount: Shown; body: Shown; period: string } }>(
        await callRoute(
          memberOfferRoute.loader,
          getRequest(`/e/${slug}/offers/${offerId}`, { cookie: runner.cookie, headers }),
          { slug, offerId },
        ),
      );
    const en = (await detail(EN)).offer;
    expect(en.title).toEqual({ text: '団子 無料', lang: 'ja' });
    expect(en.discount).toEqual({ text: '1本サービス', lang: 'ja' });
    expect(en.period).toContain(' – ');
    const ja = (await detail(JA)).offer;
    expect(ja.title).toEqual({ text: '団子 無料', lang: 'ja' });
    expect(ja.period).toContain('〜');

    const list = await jsonOf<{ offers: { id: string; title: Shown }[] }>(
      await callRoute(
        memberListRoute.loader,
        getRequest(`/e/${slug}/offers`, { cookie: runner.cookie, headers: EN }),
        { slug },
      ),
    );
    expect(list.offers.find((o) => o.id === offerId)?.title).toEqual({
      text: '団子 無料',
      lang: 'ja',
    });
  });
});

describe('English is optional for sponsor notices', () => {
  it('accepts a Japanese-only notice; once approved, English readers get the Japanese', async () => {
    const post = await callRoute(
      noticesRoute.action,
      formRequest(
        `/sponsor/${sponsor.sponsorId}/notices`,
        {
          titleJa: '臨時休業',
          titleEn: '',
          bodyJa: '3月1日は休業します。',
          bodyEn: '',
          intent: 'submit',
        },
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId },
    );
    expect(post.status).toBe(302);
    const [notice] = await db
      .select({
        id: sponsorNotices.id,
        titleEn: sponsorNotices.titleEn,
        status: sponsorNotices.status,
      })
      .from(sponsorNotices)
      .where(eq(sponsorNotices.titleJa, '臨時休業'));
    expect(notice).toMatchObject({ titleEn: '', status: 'pending' });

    const approve = await callRoute(
      reviewNoticeRoute.action,
      formRequest(
        `/staff/${slug}/sponsors/notices/${notice.id}`,
        { decision: 'approve', comment: '', version: '1' },
        { cookie: owner.cookie },
      ),
      { slug, noticeId: notice.id },
    );
    expect(approve.status).toBe(302);

    const runner = await addMember(eventId, 'reader@english-optional.example', { locale: 'en' });
    const list = await jsonOf<{ notices: { id: string; title: Shown; body: Shown }[] }>(
      await callRoute(
        memberListRoute.loader,
        getRequest(`/e/${slug}/offers`, { cookie: runner.cookie, headers: EN }),
        { slug },
      ),
    );
    const shown = list.notices.find((n) => n.id === notice.id)!;
    expect(shown.title).toEqual({ text: '臨時休業', lang: 'ja' });
    expect(shown.body).toEqual({ text: '3月1日は休業します。', lang: 'ja' });

    // The owner's announcement draft made from it has no English lead above an empty body.
    const copy = draftCopy({
      sponsorNameJa: '角の店',
      sponsorNameEn: 'Corner Shop',
      titleJa: '臨時休業',
      titleEn: '',
      bodyJa: '3月1日は休業します。',
      bodyEn: '',
    });
    expect(copy.titleEn).toBe('');
    expect(copy.bodyEn).toBe('');
    expect(copy.bodyJa).toContain('3月1日は休業します。');
  });

  it('asks for the English title when only an English body is given, and writes nothing', async () => {
    const post = await callRoute(
      noticesRoute.action,
      formRequest(
        `/sponsor/${sponsor.sponsorId}/notices`,
        {
          titleJa: '新商品',
          titleEn: '',
          bodyJa: '新しいジェルが入荷しました。',
          bodyEn: 'New gels are in.',
          intent: 'draft',
        },
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId },
    );
    expect(post.status).toBe(400);
    expect(await submissionErrors(post, 'ja')).toEqual({
      titleEn: translate('ja', 'sponsors.form.requiredEn'),
    });
    const rows = await db
      .select({ id: sponsorNotices.id })
      .from(sponsorNotices)
      .where(eq(sponsorNotices.titleJa, '新商品'));
    expect(rows).toEqual([]);
  });

  it('answers an editor on a notice’s review page with a 403 that names the owner role', async () => {
    const editor = await addStaff(eventId, 'editor@english-optional.example', 'editor');
    const response = await callRoute(
      reviewNoticeRoute.action,
      formRequest(
        `/staff/${slug}/sponsors/notices/x`,
        { intent: 'draft-announcement' },
        { cookie: editor.cookie },
      ),
      { slug, noticeId: 'x' },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ requiredRole: 'owner' });
  });
});

describe('the code pool, in words', () => {
  it('says how many codes are handed out and explains a range instead of showing it bare', () => {
    const fresh = remainingDisplay(50, 0, 5);
    expect(fresh).toEqual({ kind: 'range', total: '50', leftFrom: '46', threshold: '5' });
    if (fresh.kind !== 'range') throw new Error('expected a range');
    const params = { total: fresh.total, from: fresh.leftFrom, threshold: fresh.threshold };
    expect(translate('ja', 'sponsors.codes.poolRange', params)).toBe(
      '50件中、配布済みは5件未満です（残りは46〜50件）。',
    );
    expect(translate('en', 'sponsors.codes.poolRange', params)).toBe(
      'Fewer than 5 of 50 codes handed out so far (46–50 left).',
    );
    expect(translate('ja', 'sponsors.codes.poolRangeWhy', params)).toContain('特定されない');

    const later = remainingDisplay(50, 45, 5);
    expect(later).toEqual({ kind: 'exact', total: '50', handedOut: '45', left: '5' });
    if (later.kind !== 'exact') throw new Error('expected exact numbers');
    const exact = { total: later.total, handed: later.handedOut, left: later.left };
    expect(translate('ja', 'sponsors.codes.poolExact', exact)).toBe(
      '50件中45件を配布済み、残り5件です。',
    );
    expect(translate('en', 'sponsors.codes.poolExact', exact)).toBe(
      '45 of 50 codes handed out; 5 left.',
    );
  });

  it('writes an offer period with 〜 in Japanese and an en dash in English', () => {
    const from = new Date('2027-03-01T00:00:00+09:00');
    const until = new Date('2027-03-28T23:59:59+09:00');
    expect(formatPeriod(from, until, 'ja')).toBe('2027年3月1日〜2027年3月28日');
    expect(formatPeriod(from, until, 'en')).toBe('1 Mar 2027 – 28 Mar 2027');
  });
});
