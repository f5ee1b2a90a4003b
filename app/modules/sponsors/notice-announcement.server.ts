import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { announcements, channels, sponsorNotices, sponsors } from '~db/schema';
import { translate } from '~/i18n/translate';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { generateId } from '~/modules/security/tokens.server';

/**
 * An approved sponsor notice reaches the sponsor channel only as an owner's own announcement
 * draft: this module writes that draft and nothing else. From the draft on, the ordinary
 * preview → frozen audience snapshot → send flow applies unchanged (SPEC P4, P9), so nothing
 * here selects recipients or sends mail.
 */

/** The channel every event starts with for sponsor news (see DEFAULT_CHANNELS). */
export const SPONSOR_CHANNEL_SLUG = 'sponsors';

export async function findSponsorChannel(eventId: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ id: channels.id, nameJa: channels.nameJa, nameEn: channels.nameEn })
    .from(channels)
    .where(and(eq(channels.eventId, eventId), eq(channels.slug, SPONSOR_CHANNEL_SLUG)));
  return row ?? null;
}

/** The draft already made from this notice (whatever became of it since), if any. */
export async function findNoticeDraft(eventId: string, noticeId: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ id: announcements.id, status: announcements.status })
    .from(announcements)
    .where(
      and(eq(announcements.eventId, eventId), eq(announcements.sourceSponsorNoticeId, noticeId)),
    );
  return row ?? null;
}

/** What the owner's review page needs to offer (or not) the "draft an announcement" button. */
export async function noticeDraftState(eventId: string, noticeId: string) {
  const [draft, channel] = await Promise.all([
    findNoticeDraft(eventId, noticeId),
    findSponsorChannel(eventId),
  ]);
  return { draft, channel };
}

export function draftCopy(notice: {
  sponsorNameJa: string;
  sponsorNameEn: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
}) {
  const lead = (locale: 'ja' | 'en', name: string) =>
    translate(locale, 'sponsors.noticeDraft.lead', { sponsor: name });
  // A notice written in one language only makes a draft in that language only (English is
  // optional for announcements too), not a lead line above an empty body.
  return {
    titleJa: notice.titleJa,
    bodyJa: notice.titleJa ? `${lead('ja', notice.sponsorNameJa)}\n\n${notice.bodyJa}` : '',
    titleEn: notice.titleEn,
    bodyEn: notice.titleEn ? `${lead('en', notice.sponsorNameEn)}\n\n${notice.bodyEn}` : '',
  };
}

export type NoticeDraftResult =
  | { ok: true; announcementId: string; created: boolean }
  | { ok: false; reason: 'forbidden' | 'not_found' | 'not_approved' | 'no_channel' };

/**
 * An owner turns an approved notice into an announcement draft in the sponsor channel,
 * audience "everyone on the channel", written as the owner's own revision. One notice makes
 * at most one draft: a repeated request answers with the draft already made (the notice row
 * is locked, and a unique index backs it up). Audited with ids only.
 */
export async function draftAnnouncementFromNotice(
  staff: StaffContext,
  noticeId: string,
): Promise<NoticeDraftResult> {
  if (staff.role !== 'owner') return { ok: false, reason: 'forbidden' };
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select({
        id: sponsorNotices.id,
        sponsorId: sponsorNotices.sponsorId,
        status: sponsorNotices.status,
        version: sponsorNotices.version,
        titleJa: sponsorNotices.titleJa,
        titleEn: sponsorNotices.titleEn,
        bodyJa: sponsorNotices.bodyJa,
        bodyEn: sponsorNotices.bodyEn,
      })
      .from(sponsorNotices)
      .where(and(eq(sponsorNotices.id, noticeId), eq(sponsorNotices.eventId, staff.event.id)))
      .for('update');
    if (!notice) return { ok: false as const, reason: 'not_found' as const };

    const existing = await findNoticeDraft(staff.event.id, notice.id, tx);
    if (existing) return { ok: true as const, announcementId: existing.id, created: false };
    if (notice.status !== 'approved')
      return { ok: false as const, reason: 'not_approved' as const };

    const channel = await findSponsorChannel(staff.event.id, tx);
    if (!channel) return { ok: false as const, reason: 'no_channel' as const };

    const [sponsor] = await tx
      .select({ nameJa: sponsors.nameJa, nameEn: sponsors.nameEn })
      .from(sponsors)
      .where(eq(sponsors.id, notice.sponsorId));
    if (!sponsor) return { ok: false as const, reason: 'not_found' as const };

    const id = generateId();
    await tx.insert(announcements).values({
      id,
      eventId: staff.event.id,
      channelId: channel.id,
      ...draftCopy({ ...notice, sponsorNameJa: sponsor.nameJa, sponsorNameEn: sponsor.nameEn }),
      audienceMode: 'everyone_on_channel',
      audienceFilter: {},
      createdBy: staff.user.id,
      editedBy: staff.user.id,
      editedByRole: 'owner',
      sourceSponsorNoticeId: notice.id,
    });
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.create',
        target: id,
      },
      tx,
    );
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'sponsor.notice.drafted',
        target: `sponsor-notice:${notice.id}`,
        detail: {
          sponsorId: notice.sponsorId,
          noticeVersion: notice.version,
          announcementId: id,
          channelId: channel.id,
        },
      },
      tx,
    );
    return { ok: true as const, announcementId: id, created: true };
  });
}
