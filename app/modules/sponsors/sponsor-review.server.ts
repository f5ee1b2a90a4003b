import { and, asc, count, eq, sql } from 'drizzle-orm';
import { offerCodes, offers, sponsorNotices, sponsors } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { localDate } from './offer-dates';
import { publishedCopy } from './offers.server';
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
      id: offers.id,
      sponsorId: offers.sponsorId,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
      titleJa: offers.titleJa,
      titleEn: offers.titleEn,
      bodyJa: offers.bodyJa,
      bodyEn: offers.bodyEn,
      discountJa: offers.discountJa,
      discountEn: offers.discountEn,
      termsJa: offers.termsJa,
      termsEn: offers.termsEn,
      validFrom: offers.validFrom,
      validUntil: offers.validUntil,
      perMemberLimit: offers.perMemberLimit,
      hasImage: sql<boolean>`${offers.imageFile} is not null`,
      status: offers.status,
      version: offers.version,
      reviewComment: offers.reviewComment,
    })
    .from(offers)
    .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
    .where(and(eq(offers.id, offerId), eq(offers.eventId, eventId)));
  if (!offer) return null;
  const [pool] = await db
    .select({ n: count() })
    .from(offerCodes)
    .where(eq(offerCodes.offerId, offerId));
  return {
    ...offer,
    validFromDay: localDate(offer.validFrom),
    validUntilDay: localDate(offer.validUntil),
    poolSize: pool?.n ?? 0,
  };
}

export async function getOfferImageForReview(eventId: string, offerId: string) {
  const [row] = await db
    .select({ file: offers.imageFile, type: offers.imageType })
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.eventId, eventId)));
  return row?.file ? { file: row.file, type: row.type ?? 'application/octet-stream' } : null;
}

export type ReviewResult = { ok: true } | { ok: false; reason: 'stale' | 'state' };

/**
 * An owner's decision on exactly the version they saw: if the sponsor edited the offer
 * since the page was opened, the decision is refused and the owner reviews again. Approval
 * copies the working copy into `published`, which is all members ever read. Audited.
 */
export async function reviewOffer(input: {
  eventId: string;
  offerId: string;
  ownerUserId: string;
  decision: 'approve' | 'reject';
  comment: string;
  version: number;
}): Promise<ReviewResult> {
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
    const reviewed = {
      reviewComment: input.comment || null,
      reviewedBy: input.ownerUserId,
      reviewedAt: new Date(),
      updatedAt: new Date(),
    };
    if (input.decision === 'approve') {
      const published = publishedCopy(offer);
      await tx
        .update(offers)
        .set({
          ...reviewed,
          status: 'approved',
          published,
          publishedFrom: offer.validFrom,
          publishedUntil: offer.validUntil,
        })
        .where(eq(offers.id, offer.id));
      const previous = offer.published?.imageFile ?? null;
      if (previous && previous !== offer.imageFile) discard = previous;
    } else {
      await tx
        .update(offers)
        .set({ ...reviewed, status: 'rejected' })
        .where(eq(offers.id, offer.id));
    }
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.ownerUserId,
        action: input.decision === 'approve' ? 'sponsor.offer.approve' : 'sponsor.offer.reject',
        target: `offer:${offer.id}`,
        detail: { sponsorId: offer.sponsorId, version: offer.version },
      },
      tx,
    );
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

export async function reviewNotice(input: {
  eventId: string;
  noticeId: string;
  ownerUserId: string;
  decision: 'approve' | 'reject';
  comment: string;
  version: number;
}): Promise<ReviewResult> {
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
        status: approve ? 'approved' : 'rejected',
        reviewComment: input.comment || null,
        reviewedBy: input.ownerUserId,
        reviewedAt: new Date(),
        publishedAt: approve ? new Date() : null,
        updatedAt: new Date(),
      })
      .where(eq(sponsorNotices.id, input.noticeId));
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.ownerUserId,
        action: approve ? 'sponsor.notice.approve' : 'sponsor.notice.reject',
        target: `sponsor-notice:${input.noticeId}`,
        detail: { sponsorId: notice.sponsorId, version: notice.version },
      },
      tx,
    );
    return { ok: true as const };
  });
}
