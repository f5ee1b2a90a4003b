import { and, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { offerActivity, offerCodes, offers, sponsors, type PublishedOffer } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';

const WINDOW = 10 * 60;
/**
 * Against guessing at the till: every check and every redeem counts, per sponsor user and
 * per IP. A busy booth checks a code every few seconds; a guesser needs billions of tries.
 */
export const tillLimits = {
  perUser: { bucket: 'sponsor-till:user', limit: 300, windowSeconds: WINDOW },
  perIp: { bucket: 'sponsor-till:ip', limit: 600, windowSeconds: WINDOW },
};

export async function tillRateLimitOk(userId: string, clientIp: string) {
  const userOk = await hitRateLimit(tillLimits.perUser, userId);
  const ipOk = await hitRateLimit(tillLimits.perIp, clientIp);
  return userOk && ipOk;
}

export type TillStatus = 'valid' | 'redeemed' | 'unknown' | 'expired' | 'foreign' | 'unclaimed';

/**
 * What the till learns about a code: its state and which of the sponsor's own offers it
 * belongs to. Never who holds it, when they claimed it, or anything else about a member.
 */
export interface TillAnswer {
  status: TillStatus;
  offer: { titleJa: string; titleEn: string; discountJa: string; discountEn: string } | null;
  redeemedAt: string | null;
}

function offerFacts(published: PublishedOffer | null) {
  if (!published) return null;
  return {
    titleJa: published.titleJa,
    titleEn: published.titleEn,
    discountJa: published.discountJa,
    discountEn: published.discountEn,
  };
}

export async function checkCode(
  sponsorId: string,
  eventId: string,
  code: string,
): Promise<TillAnswer> {
  const [row] = await db
    .select({
      status: offerCodes.status,
      redeemedAt: offerCodes.redeemedAt,
      published: offers.published,
      publishedUntil: offers.publishedUntil,
    })
    .from(offerCodes)
    .innerJoin(offers, eq(offers.id, offerCodes.offerId))
    .where(and(eq(offerCodes.sponsorId, sponsorId), eq(offerCodes.code, code)));
  if (!row) {
    // Another sponsor's code of the same event: say so, so the clerk can send the runner to
    // the right booth. Codes of other events are simply unknown.
    const [foreign] = await db
      .select({ id: offerCodes.id })
      .from(offerCodes)
      .innerJoin(sponsors, eq(sponsors.id, offerCodes.sponsorId))
      .where(
        and(
          eq(offerCodes.code, code),
          ne(offerCodes.sponsorId, sponsorId),
          eq(sponsors.eventId, eventId),
          ne(offerCodes.status, 'available'),
        ),
      )
      .limit(1);
    return { status: foreign ? 'foreign' : 'unknown', offer: null, redeemedAt: null };
  }
  const offer = offerFacts(row.published);
  if (row.status === 'redeemed') {
    return { status: 'redeemed', offer, redeemedAt: row.redeemedAt?.toISOString() ?? null };
  }
  // A code nobody has claimed was never handed to a runner: not redeemable at the till.
  if (row.status === 'available') return { status: 'unclaimed', offer: null, redeemedAt: null };
  if (!row.publishedUntil || row.publishedUntil.getTime() < Date.now()) {
    return { status: 'expired', offer, redeemedAt: null };
  }
  return { status: 'valid', offer, redeemedAt: null };
}

/**
 * Redeems a claimed, unexpired code of this sponsor — one UPDATE guarded by its own
 * conditions, so two tills pressing "redeem" at once redeem it once. Anything else answers
 * with the reason, as checkCode would.
 */
export async function redeemCode(
  sponsorId: string,
  eventId: string,
  code: string,
): Promise<TillAnswer & { redeemed: boolean }> {
  const redeemed = await db.transaction(async (tx) => {
    const c = alias(offerCodes, 'c');
    const o = alias(offers, 'o');
    const rows = await selectRows<{ offer_id: string }>(
      tx,
      sql`
        UPDATE ${offerCodes} AS ${c}
        SET ${columnName(c.status)} = 'redeemed', ${columnName(c.redeemedAt)} = now(),
          ${columnName(c.redeemedVia)} = 'till'
        FROM ${offers} AS ${o}
        WHERE ${c.sponsorId} = ${sponsorId} AND ${c.code} = ${code} AND ${c.status} = 'claimed'
          AND ${o.id} = ${c.offerId} AND ${o.publishedUntil} >= now()
        RETURNING ${c.offerId} AS offer_id
      `,
    );
    if (rows.length === 0) return false;
    await tx.insert(offerActivity).values({ offerId: rows[0].offer_id, kind: 'redeem' });
    return true;
  });
  const answer = await checkCode(sponsorId, eventId, code);
  return { ...answer, redeemed };
}
