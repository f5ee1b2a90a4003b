import type { Locale } from '~/i18n/types';
import { getMemberAnnouncement } from '~/modules/announcements/member-feed.server';
import { db } from '~/modules/database/database.server';
import type { MemberContext } from '~/modules/membership/member-access.server';
import { hitRateLimit, type RateLimitRule } from '~/modules/rate-limit/rate-limit.server';
import { notifyStaffOfMessage } from './relay-delivery.server';
import { ADDRESS_PLACEHOLDER, removeAddresses } from './reply-cleaning.server';
import { ensureThread, insertMessage } from './relay-threads.server';

/**
 * A member writing to the organizers from the app (the announcement page's "reply privately"
 * form, or their own thread page). It lands in the same thread as their email replies and goes
 * to nobody else (SPEC P3): the only mail it causes is the notice to the event's editors and
 * owners.
 */

/** Per member, for web and email together: a member is a person, not a broadcast source. */
export const MEMBER_MESSAGE_LIMIT: RateLimitRule = {
  bucket: 'relay-member',
  limit: 20,
  windowSeconds: 3600,
};

export type PostResult =
  { ok: true; threadId: string } | { ok: false; reason: 'rate_limited' | 'empty' };

export async function postMemberMessage(input: {
  member: Pick<MemberContext, 'user' | 'event' | 'membership'>;
  body: string;
  announcementId?: string | null;
  locale: Locale;
}): Promise<PostResult> {
  const { member } = input;
  // Other people's addresses do not belong in the office's inbox either; the member's own
  // address, typed on purpose, stays.
  const cleaned = removeAddresses(
    input.body.replace(/\r\n?/g, '\n'),
    member.user.email,
    ADDRESS_PLACEHOLDER[input.locale],
  );
  const body = cleaned.text.trim();
  if (!body) return { ok: false, reason: 'empty' };
  if (!(await hitRateLimit(MEMBER_MESSAGE_LIMIT, member.membership.id)))
    return { ok: false, reason: 'rate_limited' };
  // Only an announcement this member may read is remembered as the context.
  const announcement = input.announcementId
    ? await getMemberAnnouncement(member, input.announcementId, input.locale)
    : null;
  return db.transaction(async (tx) => {
    const threadId = await ensureThread(tx, member.event.id, member.membership.id);
    await insertMessage(tx, {
      threadId,
      direction: 'member_to_staff',
      body,
      source: 'web',
      announcementId: announcement?.id ?? null,
      notes: cleaned.count > 0 ? [{ kind: 'addresses_removed', count: cleaned.count }] : [],
    });
    await notifyStaffOfMessage(tx, threadId, { body, attachmentCount: 0 });
    return { ok: true as const, threadId };
  });
}
