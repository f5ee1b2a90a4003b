import { and, asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { offerCodes, offers, sponsorNotices, sponsors } from '~db/schema';
import type { MessageKey } from '~/i18n/messages';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { findOfferImage, publishedCopy, withLocalDays, workingCopyColumns } from './offers.server';
import { removeOfferImage } from './offer-image.server';

/** What waits for an owner's decision (SPEC P9: nothing reaches members unreviewed). */
export async function listPendingReviews(eventId: string) {
  const [pendingOffers, pendingNotices] = await Promise.all([
    db
      .select({
        id: offers.id,
        titleJa: offers.titleJa,
        titleEn: offers.titleEn,
        sponsorNameJa: sponsors.nameJa,
        sponsorNameEn: sponsors.nameEn,
        submittedAt: offers.submittedAt,
      })
      .from(offers)
      .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
      .where(and(eq(offers.eventId, eventId), eq(offers.status, 'pending')))
      .orderBy(asc(offers.submittedAt)),
    db
      .select({
        id: sponsorNotices.id,
        titleJa: sponsorNotices.titleJa,
        titleEn: sponsorNotices.titleEn,
        sponsorNameJa: sponsors.nameJa,
        sponsorNameEn: sponsors.nameEn,
        submittedAt: sponsorNotices.submittedAt,
      })
      .from(sponsorNotices)
      .innerJoin(sponsors, eq(sponsors.id, sponsorNotices.sponsorId))
      .where(and(eq(sponsorNotices.eventId, eventId), eq(sponsorNotices.status, 'pending')))
      .orderBy(asc(sponsorNotices.submittedAt)),
  ]);
  return { offers: pendingOffers, notices: pendingNotices };
}

/** The offer as the owner reviews it: the sponsor's current working copy and pool size. */
export async function getOfferForReview(eventId: string, offerId: string) {
  const [offer] = await db
    .select({
      ...workingCopyColumns,
      sponsorId: offers.sponsorId,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
    })
    .from(offers)
    .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
    .where(and(eq(offers.id, offerId), eq(offers.eventId, eventId)));
  if (!offer) return null;
  const [pool] = await db
    .select({ n: count() })
    .from(offerCodes)
    .where(eq(offerCodes.offerId, offerId));
  return { ...withLocalDays(offer), poolSize: pool?.n ?? 0 };
}

export async function getOfferImageForReview(eventId: string, offerId: string) {
  return findOfferImage(offerId, eq(offers.eventId, eventId));
}

export type ReviewResult = { ok: true } | { ok: false; reason: 'stale' | 'state' };

/** What the owner is told when a decision is refused (the form shows again, 409). */
export const reviewRefusal = {
  stale: 'sponsors.review.stale',
  state: 'sponsors.review.notPending',
} as const satisfies Record<'stale' | 'state', MessageKey>;

/** What the owner decided, on which version, with what comment to the sponsor. */
type ReviewDecision = {
  eventId: string;
  ownerUserId: string;
  decision: 'approve' | 'reject';
  comment: string;
  version: number;
};

/** The review columns offers and notices share. */
function reviewColumns(input: ReviewDecision) {
  return {
    reviewComment: input.comment || null,
    reviewedBy: input.ownerUserId,
    reviewedAt: new Date(),
    updatedAt: new Date(),
  };
}

/** Audited as sponsor.offer.approve / .reject or sponsor.notice.approve / .reject. */
async function auditReview(
  tx: DbOrTx,
  input: ReviewDecision,
  kind: 'offer' | 'notice',
  target: string,
  reviewed: { sponsorId: string; version: number },
) {
  await appendAudit(
    {
      eventId: input.eventId,
      actorUserId: input.ownerUserId,
      action: `sponsor.${kind}.${input.decision}`,
      target,
      detail: { sponsorId: reviewed.sponsorId, version: reviewed.version },
    },
    tx,
  );
}

/**
 * An owner's decision on exactly the version they saw: if the sponsor edited the offer
 * since the page was opened, the decision is refused and the owner reviews again. Approval
 * copies the working copy into `published`, which is all members ever read. Audited.
 */
export async function reviewOffer(
  input: ReviewDecision & { offerId: string },
): Promise<ReviewResult> {
  let discard: string | null = null;
  const result = await db.transaction(async (tx) => {
    const [offer] = await tx
      .select()
      .from(offers)
      .where(and(eq(offers.id, input.offerId), eq(offers.eventId, input.eventId)))
      .for('update');
    if (!offer || offer.status !== 'pending')
      return { ok: false as const, reason: 'state' as const };
    if (offer.version !== input.version) return { ok: false as const, reason: 'stale' as const };
    if (input.decision === 'approve') {
      await tx
        .update(offers)
        .set({
          ...reviewColumns(input),
          status: 'approved',
          published: publishedCopy(offer),
          publishedFrom: offer.validFrom,
          publishedUntil: offer.validUntil,
        })
        .where(eq(offers.id, offer.id));
      const previous = offer.published?.imageFile ?? null;
      if (previous && previous !== offer.imageFile) discard = previous;
    } else {
      await tx
        .update(offers)
        .set({ ...reviewColumns(input), status: 'rejected' })
        .where(eq(offers.id, offer.id));
    }
    await auditReview(tx, input, 'offer', `offer:${offer.id}`, offer);
    return { ok: true as const };
  });
  await removeOfferImage(discard);
  return result;
}

export async function getNoticeForReview(eventId: string, noticeId: string) {
  const [notice] = await db
    .select({
      id: sponsorNotices.id,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
      titleJa: sponsorNotices.titleJa,
      titleEn: sponsorNotices.titleEn,
      bodyJa: sponsorNotices.bodyJa,
      bodyEn: sponsorNotices.bodyEn,
      status: sponsorNotices.status,
      version: sponsorNotices.version,
      reviewComment: sponsorNotices.reviewComment,
    })
    .from(sponsorNotices)
    .innerJoin(sponsors, eq(sponsors.id, sponsorNotices.sponsorId))
    .where(and(eq(sponsorNotices.id, noticeId), eq(sponsorNotices.eventId, eventId)));
  return notice ?? null;
}

/** The same decision on a sponsor notice, on exactly the version the owner saw. Audited. */
export async function reviewNotice(
  input: ReviewDecision & { noticeId: string },
): Promise<ReviewResult> {
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select({
        status: sponsorNotices.status,
        version: sponsorNotices.version,
        sponsorId: sponsorNotices.sponsorId,
      })
      .from(sponsorNotices)
      .where(and(eq(sponsorNotices.id, input.noticeId), eq(sponsorNotices.eventId, input.eventId)))
      .for('update');
    if (!notice || notice.status !== 'pending')
      return { ok: false as const, reason: 'state' as const };
    if (notice.version !== input.version) return { ok: false as const, reason: 'stale' as const };
    const approve = input.decision === 'approve';
    await tx
      .update(sponsorNotices)
      .set({
        ...reviewColumns(input),
        status: approve ? 'approved' : 'rejected',
        publishedAt: approve ? new Date() : null,
      })
      .where(eq(sponsorNotices.id, input.noticeId));
    await auditReview(tx, input, 'notice', `sponsor-notice:${input.noticeId}`, notice);
    return { ok: true as const };
  });
}
