import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  offerActivity,
  offerClaims,
  offerCodes,
  offers,
  sponsors,
  type PublishedOffer,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName, qualifiedName } from '~/modules/database/sql-names.server';

/**
 * The member side of offers. Everything members see comes from `offers.published` — the copy
 * an owner approved — never from the sponsor's working copy (SPEC P9). A member's codes are
 * found by their own membership id only.
 */

function liveOffer(eventId: string, now = new Date()) {
  return and(
    eq(offers.eventId, eventId),
    eq(offers.status, 'approved'),
    lte(offers.publishedFrom, now),
    gte(offers.publishedUntil, now),
  );
}

export interface MemberOfferCard {
  id: string;
  sponsorNameJa: string;
  sponsorNameEn: string;
  published: PublishedOffer;
  perMemberLimit: number;
  soldOut: boolean;
  myClaims: number;
}

/** Approved, current offers of the event, with whether this member already claimed them. */
export async function listOffersForMember(
  eventId: string,
  membershipId: string,
): Promise<MemberOfferCard[]> {
  const c = alias(offerCodes, 'c');
  const m = alias(offerClaims, 'm');
  const rows = await db
    .select({
      id: offers.id,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
      published: offers.published,
      perMemberLimit: offers.perMemberLimit,
      soldOut: sql<boolean>`not exists (select 1 from ${offerCodes} as ${c} where ${c.offerId} = ${qualifiedName(offers.id)} and ${c.status} = 'available')`,
      myClaims: sql<number>`(select count(*)::int from ${offerClaims} as ${m} where ${m.offerId} = ${qualifiedName(offers.id)} and ${m.membershipId} = ${membershipId})`,
    })
    .from(offers)
    .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
    .where(liveOffer(eventId))
    .orderBy(asc(offers.publishedUntil));
  return rows.filter(
    (row): row is typeof row & { published: PublishedOffer } => row.published !== null,
  );
}

/** The member's own codes (for every offer they claimed, even one taken down since). */
export async function listMyCodes(eventId: string, membershipId: string, offerId?: string) {
  const rows = await db
    .select({
      codeId: offerCodes.id,
      offerId: offers.id,
      code: offerCodes.code,
      status: offerCodes.status,
      claimedAt: offerClaims.claimedAt,
      redeemedAt: offerCodes.redeemedAt,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
      published: offers.published,
    })
    .from(offerClaims)
    .innerJoin(offerCodes, eq(offerCodes.id, offerClaims.codeId))
    .innerJoin(offers, eq(offers.id, offerClaims.offerId))
    .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
    .where(
      and(
        eq(offerClaims.membershipId, membershipId),
        eq(offerCodes.claimedBy, membershipId),
        eq(offers.eventId, eventId),
        offerId ? eq(offers.id, offerId) : undefined,
      ),
    )
    .orderBy(asc(offerClaims.claimedAt));
  return rows.filter(
    (row): row is typeof row & { published: PublishedOffer } => row.published !== null,
  );
}

/**
 * One offer for a member: shown if it is live, or if the member holds a code for it (they
 * keep their code, with the approved text, even after the sponsor edits or withdraws it).
 * Opening a live offer counts one anonymous view.
 */
export async function getOfferForMember(eventId: string, membershipId: string, offerId: string) {
  const [live] = (await listOffersForMember(eventId, membershipId)).filter(
    (offer) => offer.id === offerId,
  );
  const codes = await listMyCodes(eventId, membershipId, offerId);
  if (!live && codes.length === 0) return null;
  if (live) await db.insert(offerActivity).values({ offerId, kind: 'view' });
  const published = live?.published ?? codes[0].published;
  const sponsorName = live ?? codes[0];
  return {
    id: offerId,
    live: Boolean(live),
    sponsorNameJa: sponsorName.sponsorNameJa,
    sponsorNameEn: sponsorName.sponsorNameEn,
    published,
    perMemberLimit: live?.perMemberLimit ?? 0,
    soldOut: live?.soldOut ?? true,
    canClaim: Boolean(live && !live.soldOut && live.myClaims < live.perMemberLimit),
    codes,
  };
}

export async function getOfferImageForMember(
  eventId: string,
  membershipId: string,
  offerId: string,
) {
  const offer = await getOfferForMemberQuiet(eventId, membershipId, offerId);
  if (!offer?.published.imageFile) return null;
  return {
    file: offer.published.imageFile,
    type: offer.published.imageType ?? 'application/octet-stream',
  };
}

async function getOfferForMemberQuiet(eventId: string, membershipId: string, offerId: string) {
  const [live] = (await listOffersForMember(eventId, membershipId)).filter(
    (offer) => offer.id === offerId,
  );
  if (live) return live;
  const [mine] = await listMyCodes(eventId, membershipId, offerId);
  return mine ?? null;
}

export type ClaimResult =
  | { ok: true; code: string }
  | { ok: false; reason: 'sold_out' | 'limit_reached' | 'not_available' };

class LimitReached extends Error {}

/**
 * Claims one code, atomically. In one transaction:
 * 1. the offer must be live (approved, within its dates) — checked under a share lock so an
 *    owner's concurrent decision or a sponsor's edit waits for us or we wait for them;
 * 2. the member's next claim slot n (n ≤ the offer's per-member limit) is taken by inserting
 *    (offer, member, n) under a unique index — two concurrent claims by one member cannot
 *    both get slot n, the second finds it taken;
 * 3. one available code is taken with `FOR UPDATE SKIP LOCKED`: concurrent claims skip each
 *    other's rows instead of waiting or picking the same one, so no code is ever handed out
 *    twice and an empty pool answers "sold out" at once.
 */
export async function claimOffer(
  eventId: string,
  membershipId: string,
  offerId: string,
): Promise<ClaimResult> {
  try {
    return await db.transaction(async (tx) => {
      const [offer] = await tx
        .select({ limit: offers.perMemberLimit })
        .from(offers)
        .where(and(eq(offers.id, offerId), liveOffer(eventId)))
        .for('share');
      if (!offer) return { ok: false as const, reason: 'not_available' as const };

      const [mine] = await selectRows<{ n: number }>(
        tx,
        sql`
          SELECT count(*)::int AS n FROM ${offerClaims}
          WHERE ${offerClaims.offerId} = ${offerId} AND ${offerClaims.membershipId} = ${membershipId}
        `,
      );
      const slot = Number(mine?.n ?? 0) + 1;
      if (slot > offer.limit) return { ok: false as const, reason: 'limit_reached' as const };

      const claimed = await selectRows<{ id: number; code: string }>(
        tx,
        sql`
          UPDATE ${offerCodes}
          SET ${columnName(offerCodes.status)} = 'claimed',
            ${columnName(offerCodes.claimedBy)} = ${membershipId},
            ${columnName(offerCodes.claimedAt)} = now()
          WHERE ${offerCodes.id} = (
            SELECT ${offerCodes.id} FROM ${offerCodes}
            WHERE ${offerCodes.offerId} = ${offerId} AND ${offerCodes.status} = 'available'
            ORDER BY ${offerCodes.id}
            LIMIT 1
            FOR UPDATE SKIP LOCKED
          ) AND ${offerCodes.status} = 'available'
          RETURNING ${offerCodes.id} AS id, ${offerCodes.code} AS code
        `,
      );
      if (claimed.length === 0) return { ok: false as const, reason: 'sold_out' as const };

      const slotTaken = await selectRows(
        tx,
        sql`
          INSERT INTO ${offerClaims} (${columnName(offerClaims.offerId)}, ${columnName(offerClaims.membershipId)}, ${columnName(offerClaims.slot)}, ${columnName(offerClaims.codeId)})
          VALUES (${offerId}, ${membershipId}, ${slot}, ${claimed[0].id})
          ON CONFLICT (${columnName(offerClaims.offerId)}, ${columnName(offerClaims.membershipId)}, ${columnName(offerClaims.slot)}) DO NOTHING
          RETURNING ${offerClaims.id} AS id
        `,
      );
      // A concurrent claim by the same member took this slot first: undo ours (the code
      // goes back to the pool with the rollback).
      if (slotTaken.length === 0) throw new LimitReached();

      await tx.insert(offerActivity).values({ offerId, kind: 'claim' });
      return { ok: true as const, code: claimed[0].code };
    });
  } catch (error) {
    if (error instanceof LimitReached) return { ok: false, reason: 'limit_reached' };
    throw error;
  }
}

/** The member marks their own code used (e.g. online); the till then sees it as used. */
export async function markCodeUsed(membershipId: string, codeId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(offerCodes)
      .set({ status: 'redeemed', redeemedAt: new Date(), redeemedVia: 'member' })
      .where(
        and(
          eq(offerCodes.id, codeId),
          eq(offerCodes.claimedBy, membershipId),
          eq(offerCodes.status, 'claimed'),
        ),
      )
      .returning({ offerId: offerCodes.offerId });
    if (updated.length === 0) return false;
    await tx.insert(offerActivity).values({ offerId: updated[0].offerId, kind: 'redeem' });
    return true;
  });
}
