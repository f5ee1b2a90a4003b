import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '~/i18n/messages';
import { checkCode } from '~/modules/sponsors/till.server';
import * as memberListRoute from '~/routes/e.$slug.offers._index';
import * as memberOfferRoute from '~/routes/e.$slug.offers.$offerId._index';
import * as staffReviewRoute from '~/routes/staff.$slug.sponsors.offers.$offerId._index';
import { addMember, createTestEvent } from '../support/events';
import { callRoute, formRequest, getRequest, jsonOf } from '../support/requests';
import { createLiveOffer, createTestSponsor } from '../support/sponsors';
import { submissionErrors } from '../support/submission';

let slug = '';
let eventId = '';
let ownerCookie = '';
let offerId = '';
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;

beforeAll(async () => {
  const event = await createTestEvent('member-offers');
  ({ slug, eventId } = event);
  ownerCookie = event.owner.cookie;
  sponsor = await createTestSponsor(eventId, 'shop@member-offers.example');
  offerId = await createLiveOffer({ sponsor, ownerUserId: event.owner.userId, codes: 5 });
});

type Page = {
  codes: { id: number; code: string; qr: string; used: boolean }[];
  offer: { canClaim: boolean };
};

const page = (cookie: string) =>
  callRoute(memberOfferRoute.loader, getRequest(`/e/${slug}/offers/${offerId}`, { cookie }), {
    slug,
    offerId,
  });

describe('the member’s offers page', () => {
  it('shows the claimed code with a QR code to that member alone', async () => {
    const hanako = await addMember(eventId, 'hanako@member-offers.example');
    const ken = await addMember(eventId, 'ken@member-offers.example');
    const claim = await callRoute(
      memberOfferRoute.action,
      formRequest(`/e/${slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: hanako.cookie }),
      {
        slug,
        offerId,
      },
    );
    expect(claim.status).toBe(302);
    const mine = await page(hanako.cookie);
    expect(mine.headers.get('Cache-Control')).toBe('private, no-store');
    const body = await jsonOf<Page>(mine);
    expect(body.codes).toHaveLength(1);
    const { code, qr } = body.codes[0];
    expect(qr).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(body.offer.canClaim).toBe(false);

    const theirs = await (await page(ken.cookie)).text();
    expect(theirs).not.toContain(code);
    const theirList = await (
      await callRoute(
        memberListRoute.loader,
        getRequest(`/e/${slug}/offers`, { cookie: ken.cookie }),
        { slug },
      )
    ).text();
    expect(theirList).not.toContain(code);
    // The owner reviewing the offer sees the pool size, never a code or who holds one.
    const review = await (
      await callRoute(
        staffReviewRoute.loader,
        getRequest(`/staff/${slug}/sponsors/offers/${offerId}`, { cookie: ownerCookie }),
        { slug, offerId },
      )
    ).text();
    expect(review).not.toContain(code);
    expect(review).not.toContain(hanako.membershipId);
  });

  it('lets the member mark their own code used, after which the till refuses it', async () => {
    const runner = await addMember(eventId, 'online@member-offers.example');
    await callRoute(
      memberOfferRoute.action,
      formRequest(`/e/${slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: runner.cookie }),
      {
        slug,
        offerId,
      },
    );
    const [mine] = (await jsonOf<Page>(await page(runner.cookie))).codes;
    const stranger = await addMember(eventId, 'stranger@member-offers.example');
    const notTheirs = await callRoute(
      memberOfferRoute.action,
      formRequest(
        `/e/${slug}/offers/${offerId}`,
        { intent: 'used', codeId: String(mine.id), confirm: 'yes' },
        { cookie: stranger.cookie },
      ),
      { slug, offerId },
    );
    expect(notTheirs.status).toBe(409);
    // Without the tick (a forged or old form): refused, and the code still works.
    const unconfirmed = await callRoute(
      memberOfferRoute.action,
      formRequest(
        `/e/${slug}/offers/${offerId}`,
        { intent: 'used', codeId: String(mine.id) },
        { cookie: runner.cookie },
      ),
      { slug, offerId },
    );
    expect(unconfirmed.status).toBe(400);
    expect((await submissionErrors(unconfirmed)).confirm).toBe(
      messages['sponsors.member.markUsedConfirmMissing'].ja,
    );
    expect((await jsonOf<Page>(await page(runner.cookie))).codes[0].used).toBe(false);
    const used = await callRoute(
      memberOfferRoute.action,
      formRequest(
        `/e/${slug}/offers/${offerId}`,
        { intent: 'used', codeId: String(mine.id), confirm: 'yes' },
        { cookie: runner.cookie },
      ),
      { slug, offerId },
    );
    expect(used.status).toBe(302);
    expect((await jsonOf<Page>(await page(runner.cookie))).codes[0].used).toBe(true);
    expect((await checkCode(sponsor.sponsorId, eventId, mine.code)).status).toBe('redeemed');
  });
});
