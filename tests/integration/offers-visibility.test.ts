import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, offers } from '~db/schema';
import { db } from '~/modules/database/database.server';
import * as memberListRoute from '~/routes/e.$slug.offers._index';
import * as memberOfferRoute from '~/routes/e.$slug.offers.$offerId._index';
import * as sponsorEditRoute from '~/routes/sponsor.$sponsorId.offers.$offerId._index';
import * as sponsorNoticesRoute from '~/routes/sponsor.$sponsorId.notices._index';
import * as reviewOfferRoute from '~/routes/staff.$slug.sponsors.offers.$offerId._index';
import * as reviewNoticeRoute from '~/routes/staff.$slug.sponsors.notices.$noticeId';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import {
  createLiveOffer,
  createTestSponsor,
  multipartRequest,
  offerForm,
} from '../support/sponsors';

/**
 * SPEC P9: nothing reaches members unreviewed. Members see only approved, current offers —
 * on the page and in every loader — and an edit to an approved offer takes it down until an
 * owner approves the new version.
 */

let slug = '';
let eventId = '';
let owner = { userId: '', cookie: '' };
let editor = { cookie: '' };
let member = { cookie: '', membershipId: '' };
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;

beforeAll(async () => {
  const event = await createTestEvent('p9-race');
  ({ slug, eventId } = event);
  owner = event.owner;
  editor = await addStaff(eventId, 'editor@p9-race.example', 'editor');
  member = await addMember(eventId, 'runner@p9.example', { name: '山田 花子', bib: '1024' });
  sponsor = await createTestSponsor(eventId, 'staff@p9-sports.example');
});

async function memberSees(offerId: string, who = member) {
  const list = await callRoute(
    memberListRoute.loader,
    getRequest(`/e/${slug}/offers`, { cookie: who.cookie }),
    { slug },
  );
  const listed = (await jsonOf<{ offers: { id: string }[] }>(list)).offers.some(
    (o) => o.id === offerId,
  );
  const page = await callRoute(
    memberOfferRoute.loader,
    getRequest(`/e/${slug}/offers/${offerId}`, { cookie: who.cookie }),
    {
      slug,
      offerId,
    },
  );
  const claim = await callRoute(
    memberOfferRoute.action,
    formRequest(`/e/${slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: who.cookie }),
    { slug, offerId },
  );
  return {
    listed,
    page: page.status,
    claim: claim.status,
    pageBody: page.status === 200 ? await page.text() : '',
  };
}

function review(
  offerId: string,
  decision: 'approve' | 'reject',
  version: number,
  cookie = owner.cookie,
  comment = '',
) {
  return callRoute(
    reviewOfferRoute.action,
    formRequest(
      `/staff/${slug}/sponsors/offers/${offerId}`,
      { decision, comment, version: String(version) },
      { cookie },
    ),
    { slug, offerId },
  );
}

describe('offer approval', () => {
  it('keeps drafts and offers awaiting approval away from members (list, page and claim)', async () => {
    const draft = await createLiveOffer({ sponsor, ownerUserId: owner.userId, approve: false });
    await db.update(offers).set({ status: 'draft' }).where(eq(offers.id, draft));
    const pending = await createLiveOffer({ sponsor, ownerUserId: owner.userId, approve: false });
    for (const offerId of [draft, pending]) {
      expect(await memberSees(offerId)).toMatchObject({ listed: false, page: 404, claim: 404 });
    }
  });

  it('keeps a rejected offer invisible, and tells the sponsor why', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId, approve: false });
    const withoutReason = await review(offerId, 'reject', 1);
    expect(withoutReason.status).toBe(400);
    const rejected = await review(
      offerId,
      'reject',
      1,
      owner.cookie,
      '割引率の表記を確認してください。',
    );
    expect(rejected.status).toBe(302);
    expect(await memberSees(offerId)).toMatchObject({ listed: false, page: 404, claim: 404 });
    const sponsorView = await callRoute(
      sponsorEditRoute.loader,
      getRequest(`/sponsor/${sponsor.sponsorId}/offers/${offerId}`, { cookie: sponsor.cookie }),
      { sponsorId: sponsor.sponsorId, offerId },
    );
    const body = await jsonOf<{ offer: { status: string; reviewComment: string } }>(sponsorView);
    expect(body.offer).toMatchObject({
      status: 'rejected',
      reviewComment: '割引率の表記を確認してください。',
    });
  });

  it('lets only an owner approve (an editor gets 403, the sponsor 404)', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId, approve: false });
    expect((await review(offerId, 'approve', 1, editor.cookie)).status).toBe(403);
    expect((await review(offerId, 'approve', 1, sponsor.cookie)).status).toBe(404);
    expect(await memberSees(offerId)).toMatchObject({ listed: false, page: 404 });
    expect((await review(offerId, 'approve', 1)).status).toBe(302);
    const seen = await memberSees(offerId);
    expect(seen).toMatchObject({ listed: true, page: 200, claim: 302 });
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `offer:${offerId}`));
    expect(audits.map((a) => a.action)).toContain('sponsor.offer.approve');
  });

  it('withdraws an approved offer when the sponsor edits it, until an owner approves the new version', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId });
    // Someone else claims before the edit (they keep their code); `member` has none.
    const early = await addMember(eventId, 'early@p9.example');
    expect((await memberSees(offerId, early)).listed).toBe(true);

    const edit = await callRoute(
      sponsorEditRoute.action,
      multipartRequest(
        `/sponsor/${sponsor.sponsorId}/offers/${offerId}`,
        offerForm({ titleJa: '未承認のタイトル', titleEn: 'Unapproved title' }),
        {},
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId, offerId },
    );
    expect(edit.status).toBe(302);
    expect(edit.headers.get('Location')).toContain('saved=withdrawn');
    const [row] = await db
      .select({ status: offers.status, version: offers.version })
      .from(offers)
      .where(eq(offers.id, offerId));
    expect(row).toEqual({ status: 'pending', version: 2 });

    const hidden = await memberSees(offerId);
    expect(hidden).toMatchObject({ listed: false, page: 404, claim: 404 });

    // An approval of the version the owner saw before the edit is refused.
    expect((await review(offerId, 'approve', 1)).status).toBe(409);
    expect((await review(offerId, 'approve', 2)).status).toBe(302);
    const shown = await memberSees(offerId);
    expect(shown.listed).toBe(true);
    expect(shown.pageBody).toContain('未承認のタイトル');
  });

  it('shows a member who claimed a code only the approved text, never a pending edit', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId });
    const claimer = await addMember(eventId, 'claimer@p9.example');
    await callRoute(
      memberOfferRoute.action,
      formRequest(`/e/${slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: claimer.cookie }),
      {
        slug,
        offerId,
      },
    );
    await callRoute(
      sponsorEditRoute.action,
      multipartRequest(
        `/sponsor/${sponsor.sponsorId}/offers/${offerId}`,
        offerForm({ titleJa: '審査前の文言' }),
        {},
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId, offerId },
    );
    const page = await callRoute(
      memberOfferRoute.loader,
      getRequest(`/e/${slug}/offers/${offerId}`, { cookie: claimer.cookie }),
      {
        slug,
        offerId,
      },
    );
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).not.toContain('審査前の文言');
    expect(text).toContain('シューズ 20%オフ');
  });

  it('publishes a sponsor notice only after approval, and takes it down again on edit', async () => {
    const post = await callRoute(
      sponsorNoticesRoute.action,
      formRequest(
        `/sponsor/${sponsor.sponsorId}/notices`,
        {
          titleJa: '試し履き会',
          titleEn: 'Try-on day',
          bodyJa: '週末に開催します。',
          bodyEn: 'This weekend.',
          intent: 'submit',
        },
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId },
    );
    expect(post.status).toBe(302);
    const listNotices = async () =>
      (
        await jsonOf<{ notices: { id: string; title: { text: string } }[] }>(
          await callRoute(
            memberListRoute.loader,
            getRequest(`/e/${slug}/offers`, { cookie: member.cookie }),
            { slug },
          ),
        )
      ).notices;
    expect(await listNotices()).toEqual([]);
    const { notices } = await import('~/modules/sponsors/sponsor-review.server').then((m) =>
      m.listPendingReviews(eventId),
    );
    const noticeId = notices[0].id;
    const approve = await callRoute(
      reviewNoticeRoute.action,
      formRequest(
        `/staff/${slug}/sponsors/notices/${noticeId}`,
        { decision: 'approve', comment: '', version: '1' },
        { cookie: owner.cookie },
      ),
      { slug, noticeId },
    );
    expect(approve.status).toBe(302);
    // The owner stays on the notice, where drafting its sponsor-channel announcement is offered.
    expect(approve.headers.get('Location')).toBe(`/staff/${slug}/sponsors/notices/${noticeId}`);
    expect((await listNotices()).map((n) => n.title.text)).toEqual(['試し履き会']);
  });
});
