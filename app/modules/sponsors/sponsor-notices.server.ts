import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { sponsorNotices, sponsors, type ReviewStatus } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { notifyNoticeAwaitingApproval } from './approval-notifications.server';
import type { NoticeFormData } from './offer-form';

/**
 * Sponsor notices: short one-way posts. Members never post, and a notice is shown to members
 * only while it is approved; editing an approved notice takes it down until approved again.
 */
export async function saveNotice(input: {
  sponsorId: string;
  eventId: string;
  userId: string;
  noticeId?: string;
  data: NoticeFormData;
  submit: boolean;
}): Promise<{ ok: boolean; id: string }> {
  return db.transaction(async (tx) => {
    if (!input.noticeId) {
      const id = generateId();
      await tx.insert(sponsorNotices).values({
        id,
        sponsorId: input.sponsorId,
        eventId: input.eventId,
        ...input.data,
        status: input.submit ? 'pending' : 'draft',
        submittedAt: input.submit ? new Date() : null,
        createdBy: input.userId,
      });
      if (input.submit) await notifyNoticeAwaitingApproval(tx, id);
      return { ok: true, id };
    }
    const [current] = await tx
      .select({ status: sponsorNotices.status })
      .from(sponsorNotices)
      .where(
        and(eq(sponsorNotices.id, input.noticeId), eq(sponsorNotices.sponsorId, input.sponsorId)),
      )
      .for('update');
    if (!current) return { ok: false, id: input.noticeId };
    const status: ReviewStatus =
      input.submit || current.status === 'approved' || current.status === 'pending'
        ? 'pending'
        : 'draft';
    await tx
      .update(sponsorNotices)
      .set({
        ...input.data,
        status,
        version: sql`${sponsorNotices.version} + 1`,
        submittedAt: status === 'pending' ? new Date() : null,
        publishedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(sponsorNotices.id, input.noticeId));
    if (status === 'pending') await notifyNoticeAwaitingApproval(tx, input.noticeId);
    if (current.status === 'approved') {
      await appendAudit(
        {
          eventId: input.eventId,
          actorUserId: input.userId,
          action: 'sponsor.notice.edit_withdrawn',
          target: `sponsor-notice:${input.noticeId}`,
          detail: { sponsorId: input.sponsorId },
        },
        tx,
      );
    }
    return { ok: true, id: input.noticeId };
  });
}

export async function withdrawNotice(sponsorId: string, noticeId: string) {
  const updated = await db
    .update(sponsorNotices)
    .set({ status: 'withdrawn', publishedAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(sponsorNotices.id, noticeId),
        eq(sponsorNotices.sponsorId, sponsorId),
        inArray(sponsorNotices.status, ['pending', 'approved']),
      ),
    )
    .returning({ id: sponsorNotices.id });
  return updated.length > 0;
}

export async function listNoticesForSponsor(sponsorId: string) {
  return db
    .select({
      id: sponsorNotices.id,
      titleJa: sponsorNotices.titleJa,
      titleEn: sponsorNotices.titleEn,
      bodyJa: sponsorNotices.bodyJa,
      bodyEn: sponsorNotices.bodyEn,
      status: sponsorNotices.status,
      reviewComment: sponsorNotices.reviewComment,
      updatedAt: sponsorNotices.updatedAt,
    })
    .from(sponsorNotices)
    .where(eq(sponsorNotices.sponsorId, sponsorId))
    .orderBy(desc(sponsorNotices.updatedAt));
}

/** What members read: approved notices of their event, newest first. */
export async function listApprovedNotices(eventId: string, limit = 10) {
  return db
    .select({
      id: sponsorNotices.id,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
      titleJa: sponsorNotices.titleJa,
      titleEn: sponsorNotices.titleEn,
      bodyJa: sponsorNotices.bodyJa,
      bodyEn: sponsorNotices.bodyEn,
      publishedAt: sponsorNotices.publishedAt,
    })
    .from(sponsorNotices)
    .innerJoin(sponsors, eq(sponsors.id, sponsorNotices.sponsorId))
    .where(and(eq(sponsorNotices.eventId, eventId), eq(sponsorNotices.status, 'approved')))
    .orderBy(desc(sponsorNotices.publishedAt))
    .limit(limit);
}
