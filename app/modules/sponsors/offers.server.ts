import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { offerCodes, offers, type PublishedOffer, type ReviewStatus } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { qualifiedName as q } from '~/modules/database/sql-names.server';
import { generateId } from '~/modules/security/tokens.server';
import { notifyOfferAwaitingApproval } from './approval-notifications.server';
import { endOfDay, localDate, startOfDay } from './offer-dates';
import type { OfferFormData } from './offer-form';
import { removeOfferImage, storeOfferImage, type OfferImageType } from './offer-image.server';

export type ImageChange = { bytes: Uint8Array; type: OfferImageType } | 'remove' | null;

function contentOf(data: OfferFormData) {
  return {
    titleJa: data.titleJa,
    titleEn: data.titleEn,
    bodyJa: data.bodyJa,
    bodyEn: data.bodyEn,
    discountJa: data.discountJa,
    discountEn: data.discountEn,
    termsJa: data.termsJa,
    termsEn: data.termsEn,
    validFrom: startOfDay(data.validFrom),
    validUntil: endOfDay(data.validUntil),
    perMemberLimit: data.perMemberLimit,
  };
}

export async function createOffer(input: {
  sponsorId: string;
  eventId: string;
  userId: string;
  data: OfferFormData;
  image: ImageChange;
}): Promise<string> {
  const id = generateId();
  const image = input.image && input.image !== 'remove' ? input.image : null;
  const imageFile = image ? await storeOfferImage(image.bytes) : null;
  try {
    await db.insert(offers).values({
      id,
      sponsorId: input.sponsorId,
      eventId: input.eventId,
      ...contentOf(input.data),
      imageFile,
      imageType: image?.type ?? null,
      createdBy: input.userId,
    });
  } catch (error) {
    await removeOfferImage(imageFile);
    throw error;
  }
  return id;
}

/**
 * Saves the sponsor's edit. Editing is a new version: an approved offer goes back to
 * "pending" and disappears from members' offer lists until an owner approves it again
 * (SPEC P9); a pending one stays pending, and any approval of the old version is refused.
 * Rejected or withdrawn offers become drafts again.
 */
export async function updateOffer(input: {
  sponsorId: string;
  offerId: string;
  userId: string;
  data: OfferFormData;
  image: ImageChange;
}): Promise<{ ok: true; withdrawn: boolean } | { ok: false }> {
  const newImage = input.image && input.image !== 'remove' ? input.image : null;
  const newFile = newImage ? await storeOfferImage(newImage.bytes) : null;
  let discard: string | null = newFile;
  try {
    const result = await db.transaction(async (tx) => {
      const [current] = await tx
        .select({
          status: offers.status,
          eventId: offers.eventId,
          imageFile: offers.imageFile,
          imageType: offers.imageType,
          published: offers.published,
        })
        .from(offers)
        .where(and(eq(offers.id, input.offerId), eq(offers.sponsorId, input.sponsorId)))
        .for('update');
      if (!current) return { ok: false as const };
      const wasLive = current.status === 'approved';
      const status: ReviewStatus =
        current.status === 'approved' || current.status === 'pending' ? 'pending' : 'draft';
      const image =
        input.image === 'remove'
          ? { imageFile: null, imageType: null }
          : newFile
            ? { imageFile: newFile, imageType: newImage!.type }
            : { imageFile: current.imageFile, imageType: current.imageType };
      await tx
        .update(offers)
        .set({
          ...contentOf(input.data),
          ...image,
          status,
          version: sql`${offers.version} + 1`,
          submittedAt: status === 'pending' ? new Date() : null,
          updatedAt: new Date(),
        })
        .where(eq(offers.id, input.offerId));
      if (status === 'pending') await notifyOfferAwaitingApproval(tx, input.offerId);
      if (wasLive) {
        await appendAudit(
          {
            eventId: current.eventId,
            actorUserId: input.userId,
            action: 'sponsor.offer.edit_withdrawn',
            target: `offer:${input.offerId}`,
            detail: { sponsorId: input.sponsorId },
          },
          tx,
        );
      }
      // The old image file goes once nothing points at it (members may still see the
      // published copy's image).
      const oldFile = current.imageFile;
      const stillPublished = current.published?.imageFile === oldFile;
      discard = oldFile && oldFile !== image.imageFile && !stillPublished ? oldFile : null;
      return { ok: true as const, withdrawn: wasLive };
    });
    return result;
  } finally {
    await removeOfferImage(discard);
  }
}

/** Sends a draft to the organizer. An offer without codes cannot be submitted. */
export async function submitOffer(input: { sponsorId: string; offerId: string; userId: string }) {
  return db.transaction(async (tx) => {
    const [codes] = await tx
      .select({ n: count() })
      .from(offerCodes)
      .where(eq(offerCodes.offerId, input.offerId));
    if ((codes?.n ?? 0) === 0) return { ok: false as const, reason: 'no_codes' as const };
    const updated = await tx
      .update(offers)
      .set({ status: 'pending', submittedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(offers.id, input.offerId),
          eq(offers.sponsorId, input.sponsorId),
          inArray(offers.status, ['draft', 'rejected', 'withdrawn']),
        ),
      )
      .returning({ eventId: offers.eventId });
    if (updated.length === 0) return { ok: false as const, reason: 'state' as const };
    await appendAudit(
      {
        eventId: updated[0].eventId,
        actorUserId: input.userId,
        action: 'sponsor.offer.submit',
        target: `offer:${input.offerId}`,
        detail: { sponsorId: input.sponsorId },
      },
      tx,
    );
    await notifyOfferAwaitingApproval(tx, input.offerId);
    return { ok: true as const };
  });
}

/** The sponsor takes an offer down. Codes already claimed stay with their members. */
export async function withdrawOffer(input: { sponsorId: string; offerId: string; userId: string }) {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(offers)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(
        and(
          eq(offers.id, input.offerId),
          eq(offers.sponsorId, input.sponsorId),
          inArray(offers.status, ['pending', 'approved']),
        ),
      )
      .returning({ eventId: offers.eventId });
    if (updated.length === 0) return false;
    await appendAudit(
      {
        eventId: updated[0].eventId,
        actorUserId: input.userId,
        action: 'sponsor.offer.withdraw',
        target: `offer:${input.offerId}`,
        detail: { sponsorId: input.sponsorId },
      },
      tx,
    );
    return true;
  });
}

/** The sponsor's list: its own offers, with the pool size (its own data). */
export async function listOffersForSponsor(sponsorId: string) {
  return db
    .select({
      id: offers.id,
      titleJa: offers.titleJa,
      titleEn: offers.titleEn,
      status: offers.status,
      validFrom: offers.validFrom,
      validUntil: offers.validUntil,
      reviewComment: offers.reviewComment,
      // Qualified (q): in a one-table select drizzle writes bare column names.
      poolSize: sql<number>`(select count(*)::int from ${offerCodes} where ${q(offerCodes.offerId)} = ${q(offers.id)})`,
    })
    .from(offers)
    .where(eq(offers.sponsorId, sponsorId))
    .orderBy(desc(offers.updatedAt));
}

/** An offer's working copy, as its sponsor edits it and as the event's owner reviews it. */
export const workingCopyColumns = {
  id: offers.id,
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
};

/** The validity period's first and last days, for the editor's date inputs. */
export function withLocalDays<T extends { validFrom: Date; validUntil: Date }>(offer: T) {
  return {
    ...offer,
    validFromDay: localDate(offer.validFrom),
    validUntilDay: localDate(offer.validUntil),
  };
}

/** One offer as its sponsor edits it (the working copy). */
export async function getOfferForSponsor(sponsorId: string, offerId: string) {
  const [offer] = await db
    .select({ ...workingCopyColumns, reviewedAt: offers.reviewedAt })
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.sponsorId, sponsorId)));
  return offer ? withLocalDays(offer) : null;
}

/** The working copy's image, if it has one, of an offer within `scope` (its sponsor or event). */
export async function findOfferImage(offerId: string, scope: SQL) {
  const [row] = await db
    .select({ file: offers.imageFile, type: offers.imageType })
    .from(offers)
    .where(and(eq(offers.id, offerId), scope));
  return row?.file ? { file: row.file, type: row.type ?? 'application/octet-stream' } : null;
}

export async function getOfferImageForSponsor(sponsorId: string, offerId: string) {
  return findOfferImage(offerId, eq(offers.sponsorId, sponsorId));
}

/** The copy members see, taken at approval. */
export function publishedCopy(row: {
  version: number;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  discountJa: string;
  discountEn: string;
  termsJa: string;
  termsEn: string;
  validFrom: Date;
  validUntil: Date;
  imageFile: string | null;
  imageType: string | null;
}): PublishedOffer {
  return {
    version: row.version,
    titleJa: row.titleJa,
    titleEn: row.titleEn,
    bodyJa: row.bodyJa,
    bodyEn: row.bodyEn,
    discountJa: row.discountJa,
    discountEn: row.discountEn,
    termsJa: row.termsJa,
    termsEn: row.termsEn,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    imageFile: row.imageFile,
    imageType: row.imageType,
  };
}
