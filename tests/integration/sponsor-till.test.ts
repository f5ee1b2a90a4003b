import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { offers } from '~db/schema';
import { translate } from '~/i18n/translate';
import { db } from '~/modules/database/database.server';
import { CODE_MAX_LENGTH } from '~/modules/sponsors/code-forms';
import { claimOffer } from '~/modules/sponsors/offer-claims.server';
import { tillLimits } from '~/modules/sponsors/till.server';
import * as tillRoute from '~/routes/sponsor.$sponsorId.till';
import { addMember, createTestEvent } from '../support/events';
import { callRoute, formRequest, jsonOf, testContext } from '../support/requests';
import { submissionErrors, submittedValues } from '../support/submission';
import { createLiveOffer, createTestSponsor } from '../support/sponsors';

let eventId = '';
let ownerUserId = '';
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;
let rival: Awaited<ReturnType<typeof createTestSponsor>>;
let member: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  const event = await createTestEvent('till-race');
  eventId = event.eventId;
  ownerUserId = event.owner.userId;
  sponsor = await createTestSponsor(eventId, 'clerk@till-sports.example');
  rival = await createTestSponsor(eventId, 'clerk@rival-sports.example', 'Rival');
  member = await addMember(eventId, 'hanako@till.example', { name: '山田 花子', bib: '1024' });
});

async function claimedCode(who = sponsor, offerOverrides = {}) {
  const offerId = await createLiveOffer({
    sponsor: who,
    ownerUserId,
    codes: 5,
    overrides: offerOverrides,
  });
  const result = await claimOffer(eventId, member.membershipId, offerId);
  if (!result.ok) throw new Error('claim failed');
  return { offerId, code: result.code };
}

function till(code: string, intent: 'check' | 'redeem', who = sponsor, ip = '198.51.100.20') {
  return callRoute(
    tillRoute.action,
    formRequest(`/sponsor/${who.sponsorId}/till`, { code, intent }, { cookie: who.cookie }),
    { sponsorId: who.sponsorId },
    testContext({ clientIp: ip }),
  );
}

type Answer = { answer: { status: string; offer: unknown }; redeemed: boolean };

describe('the till', () => {
  it('checks a valid code, redeems it once, then refuses it as already redeemed', async () => {
    const { code } = await claimedCode();
    const check = await till(code.toLowerCase(), 'check');
    expect(check.status).toBe(200);
    expect((await jsonOf<Answer>(check)).answer.status).toBe('valid');

    const [first, second] = await Promise.all([till(code, 'redeem'), till(code, 'redeem')]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const again = await till(code, 'redeem');
    expect(again.status).toBe(409);
    const body = await jsonOf<Answer>(again);
    expect(body.redeemed).toBe(false);
    expect(body.answer.status).toBe('redeemed');
  });

  it('refuses another sponsor’s code, an unknown code, and a code nobody has claimed', async () => {
    const { code: theirs } = await claimedCode(rival);
    const foreign = await till(theirs, 'redeem');
    expect(foreign.status).toBe(409);
    expect((await jsonOf<Answer>(foreign)).answer.status).toBe('foreign');
    expect(
      (await jsonOf<{ answer: { status: string } }>(await till('NOPE-0000', 'check'))).answer
        .status,
    ).toBe('unknown');

    await createLiveOffer({ sponsor, ownerUserId, codes: 1, overrides: {} });
    const { offerCodes } = await import('~db/schema');
    const [unclaimed] = await db
      .select({ code: offerCodes.code })
      .from(offerCodes)
      .where(and(eq(offerCodes.status, 'available'), eq(offerCodes.sponsorId, sponsor.sponsorId)))
      .limit(1);
    const refused = await till(unclaimed.code, 'redeem');
    expect(refused.status).toBe(409);
    expect((await jsonOf<Answer>(refused)).answer.status).toBe('unclaimed');
  });

  it('refuses an expired code', async () => {
    const { offerId, code } = await claimedCode();
    await db
      .update(offers)
      .set({ publishedUntil: new Date(Date.now() - 1000) })
      .where(eq(offers.id, offerId));
    const response = await till(code, 'redeem');
    expect(response.status).toBe(409);
    expect((await jsonOf<Answer>(response)).answer.status).toBe('expired');
  });

  it('answers with nothing about the member who holds the code', async () => {
    const { code } = await claimedCode();
    const text = await (await till(code, 'check')).text();
    for (const secret of [
      member.email,
      '山田',
      '1024',
      member.membershipId,
      String(member.aliasNumber),
      member.userId,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses an empty or over-long code with the message on the field, typed value kept', async () => {
    const empty = await till('   ', 'check');
    expect(empty.status).toBe(400);
    expect(await submissionErrors(empty, 'en')).toEqual({ code: translate('en', 'form.required') });

    const long = 'X'.repeat(CODE_MAX_LENGTH + 1);
    const tooLong = await till(long, 'check');
    expect(tooLong.status).toBe(400);
    expect(await submissionErrors(tooLong, 'en')).toEqual({
      code: translate('en', 'sponsors.till.codeTooLong'),
    });
    expect(await submittedValues(tooLong)).toMatchObject({ code: long });
  });

  it('empties the code field after a redemption, for the next customer', async () => {
    const { code } = await claimedCode();
    const checked = await jsonOf<Answer & { submission?: unknown }>(await till(code, 'check'));
    expect(checked.submission).toBeUndefined();
    const redeemed = await jsonOf<Answer & { submission?: { initialValue?: unknown } }>(
      await till(code, 'redeem'),
    );
    expect(redeemed.redeemed).toBe(true);
    expect(redeemed.submission).toMatchObject({ initialValue: null });
  });

  it('hands the browser the code field’s constraints, not a schema', async () => {
    const page = await callRoute(
      tillRoute.loader,
      new Request(`http://localhost/sponsor/${sponsor.sponsorId}/till`, {
        headers: { Cookie: sponsor.cookie },
      }),
      { sponsorId: sponsor.sponsorId },
    );
    expect((await jsonOf<{ constraint: unknown }>(page)).constraint).toMatchObject({
      code: { required: true },
    });
  });

  it('rate limits checks per sponsor user against guessing', async () => {
    const guesser = await createTestSponsor(eventId, 'guesser@till-sports.example', 'Guesser');
    let last = 200;
    for (let i = 0; i <= tillLimits.perUser.limit; i += 1) {
      last = (await till(`GUESS-${i}`, 'check', guesser, `203.0.113.${i % 200}`)).status;
    }
    expect(last).toBe(429);
  }, 120_000);
});
