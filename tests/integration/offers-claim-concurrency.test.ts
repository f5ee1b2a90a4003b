import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '~/i18n/translate';
import { memberships, offerClaims, offerCodes, users } from '~db/schema';
import { database, db } from '~/modules/database/database.server';
import { claimOffer } from '~/modules/sponsors/offer-claims.server';
import * as offerRoute from '~/routes/e.$slug.offers.$offerId._index';
import { sessionCookieFor } from '../support/auth';
import { createTestEvent } from '../support/events';
import { callRoute, formRequest } from '../support/requests';
import { createLiveOffer, createTestSponsor } from '../support/sponsors';
import { submissionErrors } from '../support/submission';
import { generateId } from '~/modules/security/tokens.server';

/**
 * Claims are atomic: one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)` per claim
 * plus a unique (offer, member, slot) row. On PGlite (one connection) the claims are
 * serialized; on PostgreSQL (TEST_DATABASE_URL) the postgres.js pool runs up to 10 of these
 * transactions at the same time, which is where a naive "select, then update" hands the same
 * code out twice.
 */

let slug = '';
let eventId = '';
let owner = { userId: '' };
let sponsor: Awaited<ReturnType<typeof createTestSponsor>>;

let nextAlias = 10_000;

// 200 members created set-based (a loop of 200 sign-ins would dominate the test's time).
async function manyMembers(count: number, tag: string) {
  const rows = Array.from({ length: count }, (_, i) => ({
    userId: generateId(),
    membershipId: generateId(),
    email: `${tag}-${i}@runners.example`,
    alias: nextAlias++,
  }));
  await db.insert(users).values(rows.map((r) => ({ id: r.userId, email: r.email })));
  await db.insert(memberships).values(
    rows.map((r) => ({
      id: r.membershipId,
      eventId,
      userId: r.userId,
      aliasNumber: r.alias,
      name: `Runner ${r.alias}`,
      bib: String(r.alias),
    })),
  );
  return Promise.all(rows.map(async (r) => ({ ...r, cookie: await sessionCookieFor(r.userId) })));
}

beforeAll(async () => {
  const event = await createTestEvent('claim-race');
  slug = event.slug;
  eventId = event.eventId;
  owner = event.owner;
  sponsor = await createTestSponsor(eventId, 'till@claim-sports.example');
}, 120_000);

describe('claiming a code', () => {
  it('gives 200 concurrent claims on a pool of 150 exactly 150 distinct codes and 50 clear sold-out answers', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId, codes: 150 });
    const members = await manyMembers(200, 'a');

    const responses = await Promise.all(
      members.map((m) =>
        callRoute(
          offerRoute.action,
          formRequest(`/e/${slug}/offers/${offerId}`, { intent: 'claim' }, { cookie: m.cookie }),
          { slug, offerId },
        ),
      ),
    );
    const claimed = responses.filter((r) => r.status === 302);
    const refused = responses.filter((r) => r.status === 409);
    expect(claimed).toHaveLength(150);
    expect(refused).toHaveLength(50);
    for (const response of refused) {
      // Sold out, not "your limit": the form-level error says which.
      expect((await submissionErrors(response))['']).toBe(
        translate('ja', 'sponsors.member.soldOut'),
      );
    }

    const codes = await db
      .select({ code: offerCodes.code, claimedBy: offerCodes.claimedBy, status: offerCodes.status })
      .from(offerCodes)
      .where(eq(offerCodes.offerId, offerId));
    const handedOut = codes.filter((c) => c.status === 'claimed');
    expect(handedOut).toHaveLength(150);
    // No code twice, no member twice, and every claim row points at its own code.
    expect(new Set(handedOut.map((c) => c.code)).size).toBe(150);
    expect(new Set(handedOut.map((c) => c.claimedBy)).size).toBe(150);
    const [claims] = await db
      .select({
        n: sql<number>`count(*)::int`,
        codes: sql<number>`count(distinct ${offerClaims.codeId})::int`,
      })
      .from(offerClaims)
      .where(eq(offerClaims.offerId, offerId));
    expect(claims).toEqual({ n: 150, codes: 150 });
  }, 120_000);

  it('gives one member who presses "claim" ten times at once exactly one code', async () => {
    const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId, codes: 30 });
    const [member] = await manyMembers(1, 'b');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => claimOffer(eventId, member.membershipId, offerId)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'limit_reached')).toHaveLength(9);
    const mine = await db
      .select({ id: offerCodes.id })
      .from(offerCodes)
      .where(and(eq(offerCodes.offerId, offerId), eq(offerCodes.claimedBy, member.membershipId)));
    expect(mine).toHaveLength(1);
    // The codes taken by the refused attempts went back to the pool with their rollback.
    const [available] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(offerCodes)
      .where(and(eq(offerCodes.offerId, offerId), eq(offerCodes.status, 'available')));
    expect(available.n).toBe(29);
  });

  it('lets a member claim up to the per-member limit and no more', async () => {
    const offerId = await createLiveOffer({
      sponsor,
      ownerUserId: owner.userId,
      codes: 10,
      limit: 2,
    });
    const [member] = await manyMembers(1, 'c');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => claimOffer(eventId, member.membershipId, offerId)),
    );
    // Concurrent attempts may collide on the same slot; sequential retries fill the limit.
    const again = await claimOffer(eventId, member.membershipId, offerId);
    const total = results.filter((r) => r.ok).length + (again.ok ? 1 : 0);
    expect(total).toBe(2);
    expect(await claimOffer(eventId, member.membershipId, offerId)).toEqual({
      ok: false,
      reason: 'limit_reached',
    });
  });

  // Decided while the file loads, before start-up opens the database (decision 103):
  // tests/setup/database.ts has set DATABASE_URL exactly when it will be PostgreSQL.
  it.runIf(Boolean(process.env.DATABASE_URL))(
    'skips a code another transaction holds instead of waiting for it or taking it too',
    async () => {
      // On PostgreSQL, check that transactions really overlapped: while one claim holds its
      // row lock, another claim on the same pool must skip it and succeed at once.
      const offerId = await createLiveOffer({ sponsor, ownerUserId: owner.userId, codes: 2 });
      const [first, second] = await manyMembers(2, 'd');
      let secondResult: Awaited<ReturnType<typeof claimOffer>> | undefined;
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT id FROM offer_codes WHERE offer_id = ${offerId} ORDER BY id LIMIT 1 FOR UPDATE`,
        );
        // Runs on another pooled connection while this transaction holds the first code.
        secondResult = await claimOffer(eventId, second.membershipId, offerId);
      });
      expect(secondResult?.ok).toBe(true);
      const firstResult = await claimOffer(eventId, first.membershipId, offerId);
      expect(firstResult.ok).toBe(true);
      if (firstResult.ok && secondResult?.ok) expect(firstResult.code).not.toBe(secondResult.code);
    },
  );
});
