import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  events,
  invitations,
  joinConfirmations,
  memberships,
  suppressions,
  users,
} from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { publicEventColumns, type PublicEvent } from '~/modules/invitations/invitation-link.server';
import { suppressionHash } from '~/modules/invitations/suppression.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
import { generateToken, sha256 } from '~/modules/security/tokens.server';
import { emailField } from '~/utils/normalize';

export const CONFIRMATION_TTL_HOURS = 24;

/** "Join by event code" on the event's page: an address, answered the same for everyone. */
export const joinByCodeSchema = z.object({ email: emailField });

export const joinCodeLimits = {
  perAddress: { bucket: 'join-code:address', limit: 3, windowSeconds: 60 * 60 },
  perIp: { bucket: 'join-code:ip', limit: 20, windowSeconds: 60 * 60 },
};

export async function findPublicEvent(slug: string | undefined): Promise<PublicEvent | null> {
  if (!slug) return null;
  const [event] = await db.select(publicEventColumns).from(events).where(eq(events.slug, slug));
  return event ?? null;
}

/**
 * "Join by event code" for a runner whose invitation got lost: the event page takes an
 * address and the answer on the page is always the same. What differs is only which email
 * that address receives — so only the owner of the mailbox learns whether it is on the
 * entrant list or already a member (no enumeration from the page):
 *
 * - active member → "you are already in" with a sign-in link;
 * - on the entrant list (invited, joined-then-left, or declined earlier — asking now is their
 *   own act) → the double opt-in confirmation, whose link opens a page with a button;
 * - anyone else → "this address is not on the entrant list".
 */
export async function requestJoinByEventCode(input: {
  event: PublicEvent;
  email: string;
  locale: Locale;
  clientIp: string;
}): Promise<{ ok: true } | { ok: false; reason: 'rate_limited' }> {
  const addressOk = await hitRateLimit(joinCodeLimits.perAddress, input.email);
  const ipOk = await hitRateLimit(joinCodeLimits.perIp, input.clientIp);
  if (!addressOk || !ipOk) return { ok: false, reason: 'rate_limited' };

  const { event } = input;
  const [user] = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email));
  const locale = user?.locale ?? input.locale;
  const eventName = locale === 'ja' ? event.nameJa : event.nameEn;
  const organizerName = locale === 'ja' ? event.organizerNameJa : event.organizerNameEn;

  const isMember = user
    ? Boolean(
        (
          await db
            .select({ id: memberships.id })
            .from(memberships)
            .where(
              and(
                eq(memberships.eventId, event.id),
                eq(memberships.userId, user.id),
                eq(memberships.status, 'active'),
              ),
            )
        )[0],
      )
    : false;
  if (isMember) {
    await sendEmail({
      to: input.email,
      template: 'join-already-member',
      from: eventSender(event, locale),
      props: {
        locale,
        eventName,
        signInUrl: `${env.APP_URL}/sign-in?next=${encodeURIComponent(`/e/${event.slug}`)}`,
      },
    });
    return { ok: true };
  }

  if (!(await isOnEntrantList(event.id, input.email))) {
    await sendEmail({
      to: input.email,
      template: 'join-not-on-list',
      from: eventSender(event, locale),
      props: { locale, eventName, organizerName, contactEmail: event.contactEmail },
    });
    return { ok: true };
  }

  const token = generateToken();
  await db.transaction(async (tx) => {
    await tx.insert(joinConfirmations).values({
      tokenHash: sha256(token),
      eventId: event.id,
      email: input.email,
      expiresAt: new Date(Date.now() + CONFIRMATION_TTL_HOURS * 3_600_000),
    });
    await sendEmail({
      tx,
      to: input.email,
      template: 'join-confirmation',
      from: eventSender(event, locale),
      props: {
        locale,
        eventName,
        organizerName,
        confirmUrl: `${env.APP_URL}/e/${event.slug}/confirm/${token}`,
        expiresInHours: CONFIRMATION_TTL_HOURS,
      },
    });
  });
  return { ok: true };
}

async function isOnEntrantList(eventId: string, email: string) {
  const [invited] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.eventId, eventId),
        eq(invitations.email, email),
        inArray(invitations.status, ['pending', 'joined']),
      ),
    );
  if (invited) return true;
  // A declined invitation keeps only the keyed hash of the address.
  const [declined] = await db
    .select({ eventId: suppressions.eventId })
    .from(suppressions)
    .where(
      and(
        eq(suppressions.eventId, eventId),
        eq(suppressions.emailHash, suppressionHash(email)),
        eq(suppressions.reason, 'declined'),
      ),
    );
  return Boolean(declined);
}
