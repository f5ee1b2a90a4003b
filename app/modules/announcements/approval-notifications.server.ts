import { and, count, eq, isNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { announcements, events, eventStaff, offers, sponsorNotices, users } from '~db/schema';
import type { ApprovalRequestEmailProps } from '~emails/approval-request';
import type { AwaitingApprovalCounts } from '~/components/staff-nav';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';

/**
 * Owners hear when something waits for their approval (an editor's announcement draft, a
 * sponsor's offer): one email per owner and item revision, queued with the write that made
 * the item wait, in the interactive lane. The message id is derived from the item and its
 * revision, so a retried or repeated call queues nothing twice. The email names the item and
 * links to its review page; it holds no member data.
 */
export interface AwaitingItem {
  eventId: string;
  kind: ApprovalRequestEmailProps['kind'];
  itemId: string;
  /** What makes this wait distinct: the announcement's revision, the offer's submission. */
  revisionKey: string;
  title: { ja: string; en: string };
  sponsorName?: { ja: string; en: string };
  /** Path of the review page under /staff/<slug>/. */
  reviewPath: string;
}

export async function notifyOwnersAwaitingApproval(tx: DbOrTx, item: AwaitingItem) {
  const [event] = await tx
    .select({
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
    })
    .from(events)
    .where(eq(events.id, item.eventId));
  if (!event) return 0;
  const owners = await tx
    .select({ userId: users.id, email: users.email, locale: users.locale })
    .from(eventStaff)
    .innerJoin(users, eq(users.id, eventStaff.userId))
    .where(and(eq(eventStaff.eventId, item.eventId), eq(eventStaff.role, 'owner')));
  const reviewUrl = `${env.APP_URL}/staff/${encodeURIComponent(event.slug)}/${item.reviewPath}`;
  let queued = 0;
  for (const owner of owners) {
    const locale = owner.locale;
    const result = await sendEmail({
      tx,
      to: owner.email,
      template: 'approval-request',
      from: eventSender(event, locale),
      eventId: item.eventId,
      idempotencyKey: `approval-${item.kind}-${item.itemId}-${item.revisionKey}-${owner.userId}`,
      headers: { 'Auto-Submitted': 'auto-generated' },
      props: {
        locale,
        eventName: locale === 'ja' ? event.nameJa : event.nameEn,
        kind: item.kind,
        itemTitle: pick(item.title, locale),
        sponsorName: item.sponsorName ? pick(item.sponsorName, locale) : undefined,
        reviewUrl,
      },
    });
    if (result.queued) queued += 1;
  }
  return queued;
}

function pick(text: { ja: string; en: string }, locale: 'ja' | 'en') {
  return (locale === 'ja' ? text.ja : text.en) || text.ja || text.en;
}

/** After an editor wrote a revision of a draft: it waits for an owner (SPEC P9). */
export async function notifyDraftAwaitingApproval(
  tx: DbOrTx,
  draft: { eventId: string; id: string; revision: number; titleJa: string; titleEn: string },
) {
  return notifyOwnersAwaitingApproval(tx, {
    eventId: draft.eventId,
    kind: 'announcement',
    itemId: draft.id,
    revisionKey: `r${draft.revision}`,
    title: { ja: draft.titleJa, en: draft.titleEn },
    reviewPath: `announcements/${encodeURIComponent(draft.id)}`,
  });
}

/**
 * The staff navigation's badges (on the announcements and sponsors tabs): drafts written by an editor whose current revision no owner
 * approved yet, and sponsor offers and notices in review. Both read through the tables'
 * (event_id, …) indexes.
 */
export async function countAwaitingApproval(eventId: string): Promise<AwaitingApprovalCounts> {
  const [drafts, offersPending, noticesPending] = await Promise.all([
    db
      .select({ n: count() })
      .from(announcements)
      .where(
        and(
          eq(announcements.eventId, eventId),
          eq(announcements.status, 'draft'),
          eq(announcements.editedByRole, 'editor'),
          or(
            isNull(announcements.approvedRevision),
            ne(announcements.approvedRevision, announcements.revision),
          ),
        ),
      ),
    db
      .select({ n: count() })
      .from(offers)
      .where(and(eq(offers.eventId, eventId), eq(offers.status, 'pending'))),
    db
      .select({ n: count() })
      .from(sponsorNotices)
      .where(and(eq(sponsorNotices.eventId, eventId), eq(sponsorNotices.status, 'pending'))),
  ]);
  const announcementCount = drafts[0]?.n ?? 0;
  const sponsorCount = (offersPending[0]?.n ?? 0) + (noticesPending[0]?.n ?? 0);
  return {
    announcements: announcementCount,
    sponsors: sponsorCount,
    total: announcementCount + sponsorCount,
  };
}
