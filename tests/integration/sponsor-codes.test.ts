import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { offerCodes, offers } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { CODE_ALPHABET, generateCode } from '~/modules/sponsors/code-pool.server';
import { listStoredOfferImages } from '~/modules/sponsors/offer-image.server';
import * as codesRoute from '~/routes/sponsor.$sponsorId.offers.$offerId.codes';
import * as newOfferRoute from '~/routes/sponsor.$sponsorId.offers.new';
import { createTestEvent } from '../support/events';
import { callRoute, formRequest, jsonOf } from '../support/requests';
import { createTestSponsor, multipartRequest, offerForm } from '../support/sponsors';
import { submissionErrors } from '../support/submission';

let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;
let other: Awaited<ReturnType<typeof createTestSponsor>>;

beforeAll(async () => {
  const event = await createTestEvent('codes-race');
  sponsor = await createTestSponsor(event.eventId, 'pool@codes-sports.example');
  other = await createTestSponsor(event.eventId, 'pool@other-sports.example', 'Other');
});

const utf8 = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

async function newOffer(who = sponsor, files: Parameters<typeof multipartRequest>[2] = {}) {
  const response = await callRoute(
    newOfferRoute.action,
    multipartRequest(`/sponsor/${who.sponsorId}/offers/new`, offerForm(), files, {
      cookie: who.cookie,
    }),
    { sponsorId: who.sponsorId },
  );
  return { response, offerId: response.headers.get('Location')?.split('/')[4] ?? '' };
}

function upload(offerId: string, text: string | Uint8Array, who = sponsor) {
  return callRoute(
    codesRoute.action,
    multipartRequest(
      `/sponsor/${who.sponsorId}/offers/${offerId}/codes`,
      {},
      {
        file: {
          bytes: typeof text === 'string' ? utf8(text) : text,
          name: 'codes.csv',
          type: 'text/csv',
        },
      },
      { cookie: who.cookie },
    ),
    { sponsorId: who.sponsorId, offerId },
  );
}

async function poolOf(offerId: string) {
  return (
    await db
      .select({ code: offerCodes.code })
      .from(offerCodes)
      .where(eq(offerCodes.offerId, offerId))
  ).map((r) => r.code);
}

describe('code pools', () => {
  it('reports every bad line of a code file and adds nothing from it', async () => {
    const { offerId } = await newOffer();
    const file = [
      'code',
      'GOOD-0001',
      'bad code!',
      'AB',
      'GOOD-0002',
      'good-0001',
      'X,Y',
      '',
      'GOOD-0003',
    ].join('\r\n');
    const response = await upload(offerId, file);
    expect(response.status).toBe(400);
    const body = await jsonOf<{
      problems: { line: number; reason: string; firstLine?: number }[];
      formError: string;
    }>(response);
    expect(body.problems).toEqual([
      { line: 3, reason: 'format' },
      { line: 4, reason: 'length' },
      { line: 6, reason: 'duplicate', firstLine: 2 },
      { line: 7, reason: 'columns' },
    ]);
    expect(body.formError).toBe(
      translate('ja', 'sponsors.codes.fileRejected', { total: 7, bad: 4 }),
    );
    expect(await poolOf(offerId)).toEqual([]);
  });

  it('adds a clean file, normalized (full-width, lower case), and refuses codes already in the sponsor’s pools', async () => {
    const { offerId } = await newOffer();
    const ok = await upload(offerId, '\uFEFFＳＡＫＵＲＡ-0001\nsakura-0002\n"SAKURA-0003"\n');
    expect(ok.status).toBe(200);
    expect((await poolOf(offerId)).sort()).toEqual(['SAKURA-0001', 'SAKURA-0002', 'SAKURA-0003']);

    const { offerId: second } = await newOffer();
    const clash = await upload(second, 'SAKURA-0004\nSAKURA-0002\n');
    expect(clash.status).toBe(400);
    expect((await jsonOf<{ problems: unknown[] }>(clash)).problems).toEqual([
      { line: 2, reason: 'in_pool' },
    ]);
    expect(await poolOf(second)).toEqual([]);
    // Another sponsor may use the same code values in its own pool.
    const { offerId: theirs } = await newOffer(other);
    expect((await upload(theirs, 'SAKURA-0002\n', other)).status).toBe(200);
  });

  it('refuses a file that is not UTF-8 text and one that is too large, with a clear message', async () => {
    const { offerId } = await newOffer();
    const notText = await upload(offerId, new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x40, 0xe9]));
    expect(notText.status).toBe(400);
    expect((await jsonOf<{ formError: string }>(notText)).formError).toContain('UTF-8');
    const huge = await upload(offerId, 'A'.repeat(1024 * 1024 + 10));
    expect(huge.status).toBe(413);
    expect(await poolOf(offerId)).toEqual([]);
  });

  it('generates unguessable codes: 10 symbols from a 32-symbol alphabet (50 bits), optional prefix', async () => {
    const { offerId } = await newOffer();
    const response = await callRoute(
      codesRoute.action,
      formRequest(
        `/sponsor/${sponsor.sponsorId}/offers/${offerId}/codes`,
        { count: '500', prefix: 'run' },
        { cookie: sponsor.cookie },
      ),
      { sponsorId: sponsor.sponsorId, offerId },
    );
    expect(response.status).toBe(200);
    const codes = await poolOf(offerId);
    expect(codes).toHaveLength(500);
    expect(new Set(codes).size).toBe(500);
    const pattern = new RegExp(`^RUN-[${CODE_ALPHABET}]{10}$`);
    for (const code of codes) expect(code).toMatch(pattern);
    expect(CODE_ALPHABET).toHaveLength(32);
    // Every symbol turns up: the generator uses the whole alphabet, not a biased part of it.
    const symbols = new Set(Array.from({ length: 400 }, () => generateCode()).join(''));
    expect(symbols.size).toBe(32);
  });

  it('checks the offer image by its bytes: a renamed text file is refused and nothing is stored', async () => {
    const before = await listStoredOfferImages();
    const fake = await newOffer(sponsor, {
      image: { bytes: utf8('not an image at all'), name: 'photo.png', type: 'image/png' },
    });
    expect(fake.response.status).toBe(400);
    expect((await submissionErrors(fake.response)).image).toBe(
      translate('ja', 'sponsors.image.invalid'),
    );
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(offers);
    const real = await newOffer(sponsor, { image: { bytes: PNG, name: 'banner.bin' } });
    expect(real.response.status).toBe(302);
    const [row] = await db
      .select({ type: offers.imageType, file: offers.imageFile })
      .from(offers)
      .where(eq(offers.id, real.offerId));
    expect(row.type).toBe('image/png');
    expect(row.file).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await listStoredOfferImages()).toHaveLength(before.length + 1);
    const [{ n: after }] = await db.select({ n: sql<number>`count(*)::int` }).from(offers);
    expect(after).toBe(n + 1);
  });

  it('refuses an image over 2 MB with 413', async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 100);
    big.set(PNG);
    const { response } = await newOffer(sponsor, { image: { bytes: big, name: 'big.png' } });
    expect(response.status).toBe(413);
  });
});
