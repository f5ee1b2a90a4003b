import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { events, memberships, relayThreads, users } from '~db/schema';
import { env } from '~/env.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { ensureRelayAddresses, ensureStaffRelayAddress } from './relay-address.server';
import { answeringStaff } from './relay-threads.server';

/**
 * The two emails of the relay, each to exactly one person through sendEmail (SPEC P5):
 *
 * - a staff answer goes to the member from the event's address under the organizer's name,
 *   Reply-To the member's own relay address, marked `Auto-Submitted: auto-replied` (RFC 3834)
 *   so auto-responders on the member's side stay quiet;
 * - a new member message is announced to each editor and owner, Reply-To the thread's staff
 *   relay address, marked `auto-generated`.
 *
 * Neither carries the other side's address: the member never sees who on the staff answered,
 * staff see the member's alias.
 */

async function threadFacts(tx: DbOrTx, threadId: string) {
  const [row] = await tx
    .select({
      threadId: relayThreads.id,
      eventId: relayThreads.eventId,
      slug: events.slug,
      eventNameJa: events.nameJa,
      eventNameEn: events.nameEn,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
      membershipId: memberships.id,
      membershipStatus: memberships.status,
      aliasNumber: memberships.aliasNumber,
      memberEmail: users.email,
      memberLocale: users.locale,
    })
    .from(relayThreads)
    .innerJoin(events, eq(events.id, relayThreads.eventId))
    .innerJoin(memberships, eq(memberships.id, relayThreads.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(relayThreads.id, threadId));
  if (!row) throw new Error('relay thread not found');
  return row;
}

/**
 * Mails a staff answer to the member. Returns false (and sends nothing) when the member has
 * left: mail stops at once when someone leaves.
 */
export async function mailAnswerToMember(
  tx: DbOrTx,
  threadId: string,
  body: string,
): Promise<boolean> {
  const facts = await threadFacts(tx, threadId);
  if (facts.membershipStatus !== 'active') return false;
  const locale = facts.memberLocale;
  const replyTo = (await ensureRelayAddresses([facts.membershipId], tx)).get(facts.membershipId)!;
  const organizerName = locale === 'ja' ? facts.organizerNameJa : facts.organizerNameEn;
  await sendEmail({
    tx,
    to: facts.memberEmail,
    template: 'relay-reply',
    from: eventSender(facts, locale),
    replyTo,
    headers: { 'Auto-Submitted': 'auto-replied' },
    props: {
      locale,
      eventName: locale === 'ja' ? facts.eventNameJa : facts.eventNameEn,
      organizerName,
      body,
      threadUrl: `${env.APP_URL}/e/${encodeURIComponent(facts.slug)}/messages`,
    },
  });
  return true;
}

/** Tells each editor and owner of the event about a new member message; returns how many. */
export async function notifyStaffOfMessage(
  tx: DbOrTx,
  threadId: string,
  message: { body: string; attachmentCount: number },
): Promise<number> {
  const facts = await threadFacts(tx, threadId);
  const staff = await answeringStaff(facts.eventId, tx);
  if (staff.length === 0) return 0;
  const replyTo = await ensureStaffRelayAddress(threadId, tx);
  for (const person of staff) {
    await sendEmail({
      tx,
      to: person.email,
      template: 'inbox-notification',
      replyTo,
      headers: { 'Auto-Submitted': 'auto-generated' },
      props: {
        locale: person.locale,
        eventName: person.locale === 'ja' ? facts.eventNameJa : facts.eventNameEn,
        memberAlias: memberAlias(facts.aliasNumber, person.locale),
        body: message.body,
        attachmentCount: message.attachmentCount,
        threadUrl: `${env.APP_URL}/staff/${encodeURIComponent(facts.slug)}/inbox/${encodeURIComponent(threadId)}`,
      },
    });
  }
  return staff.length;
}
