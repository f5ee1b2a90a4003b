import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { offers, sponsorNotices, sponsors } from '~db/schema';
import { notifyOwnersAwaitingApproval } from '~/modules/announcements/approval-notifications.server';

/** English is optional for sponsors: an owner reading English sees the Japanese title. */
function bothLanguages(ja: string, en: string) {
  return { ja: ja || en, en: en || ja };
}

/**
 * A sponsor's offer went into review (submitted, or edited while in review or live): each
 * owner of the event hears once for this submission. Called inside the transaction that set
 * the status, so a rolled-back submit sends nothing.
 */
export async function notifyOfferAwaitingApproval(tx: DbOrTx, offerId: string) {
  const [offer] = await tx
    .select({
      id: offers.id,
      eventId: offers.eventId,
      status: offers.status,
      version: offers.version,
      submittedAt: offers.submittedAt,
      titleJa: offers.titleJa,
      titleEn: offers.titleEn,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
    })
    .from(offers)
    .innerJoin(sponsors, eq(sponsors.id, offers.sponsorId))
    .where(eq(offers.id, offerId));
  if (!offer || offer.status !== 'pending') return 0;
  return notifyOwnersAwaitingApproval(tx, {
    eventId: offer.eventId,
    kind: 'offer',
    itemId: offer.id,
    // The version the owner will review, and which submission of it (a rejected offer may be
    // sent again unchanged): a repeated call for the same submission queues nothing.
    revisionKey: `v${offer.version}-${offer.submittedAt?.getTime() ?? 0}`,
    title: bothLanguages(offer.titleJa, offer.titleEn),
    sponsorName: { ja: offer.sponsorNameJa, en: offer.sponsorNameEn },
    reviewPath: `sponsors/offers/${encodeURIComponent(offer.id)}`,
  });
}

/** A sponsor notice went into review: the same, once per owner and submission. */
export async function notifyNoticeAwaitingApproval(tx: DbOrTx, noticeId: string) {
  const [notice] = await tx
    .select({
      id: sponsorNotices.id,
      eventId: sponsorNotices.eventId,
      status: sponsorNotices.status,
      version: sponsorNotices.version,
      submittedAt: sponsorNotices.submittedAt,
      titleJa: sponsorNotices.titleJa,
      titleEn: sponsorNotices.titleEn,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
    })
    .from(sponsorNotices)
    .innerJoin(sponsors, eq(sponsors.id, sponsorNotices.sponsorId))
    .where(eq(sponsorNotices.id, noticeId));
  if (!notice || notice.status !== 'pending') return 0;
  return notifyOwnersAwaitingApproval(tx, {
    eventId: notice.eventId,
    kind: 'notice',
    itemId: notice.id,
    revisionKey: `v${notice.version}-${notice.submittedAt?.getTime() ?? 0}`,
    title: bothLanguages(notice.titleJa, notice.titleEn),
    sponsorName: { ja: notice.sponsorNameJa, en: notice.sponsorNameEn },
    reviewPath: `sponsors/notices/${encodeURIComponent(notice.id)}`,
  });
}
