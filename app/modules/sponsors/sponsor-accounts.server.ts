import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import {
  events,
  eventStaff,
  offers,
  sponsorInvitations,
  sponsorNotices,
  sponsors,
  sponsorStaff,
  users,
} from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { appendAudit } from '~/modules/audit/audit-log.server';
import {
  liveSponsorInvitation,
  ROLE_INVITATION_DAYS,
  roleInvitationExpiry,
} from '~/modules/auth/role-invitations.server';
import { db } from '~/modules/database/database.server';
import { qualifiedName as q } from '~/modules/database/sql-names.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { generateId } from '~/modules/security/tokens.server';

/** Sponsor staff invitations are role invitations: they expire like staff ones. */
export const SPONSOR_INVITATION_DAYS = ROLE_INVITATION_DAYS;

export type InviteResult =
  { ok: true } | { ok: false; reason: 'is_staff' | 'already_sponsor_staff' | 'other_sponsor' };

/**
 * Sends a sponsor staff invitation. It is only an invitation: the person becomes sponsor
 * staff when they sign in themselves (see acceptRoleInvitations), never by the owner's act.
 * Organizer staff cannot also be sponsor staff of the same event (one role per person).
 */
export async function inviteSponsorStaff(input: {
  eventId: string;
  sponsorId: string;
  email: string;
  locale: Locale;
  invitedBy: string;
}): Promise<InviteResult> {
  const [event] = await db
    .select({
      nameJa: events.nameJa,
      nameEn: events.nameEn,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
      sponsorNameJa: sponsors.nameJa,
      sponsorNameEn: sponsors.nameEn,
    })
    .from(sponsors)
    .innerJoin(events, eq(events.id, sponsors.eventId))
    .where(and(eq(sponsors.id, input.sponsorId), eq(sponsors.eventId, input.eventId)));
  if (!event) throw new Response(null, { status: 404 });

  const blocked = await invitationBlocker(input.eventId, input.sponsorId, input.email);
  if (blocked) return { ok: false, reason: blocked };

  const expiresAt = roleInvitationExpiry();
  await db.transaction(async (tx) => {
    // A repeated invitation renews the pending one instead of piling up rows.
    const renewed = await tx
      .update(sponsorInvitations)
      .set({ expiresAt, invitedBy: input.invitedBy })
      .where(
        and(
          eq(sponsorInvitations.sponsorId, input.sponsorId),
          eq(sponsorInvitations.email, input.email),
          isNull(sponsorInvitations.acceptedAt),
        ),
      )
      .returning({ id: sponsorInvitations.id });
    const invitationId = renewed[0]?.id ?? generateId();
    if (renewed.length === 0) {
      await tx.insert(sponsorInvitations).values({
        id: invitationId,
        sponsorId: input.sponsorId,
        email: input.email,
        invitedBy: input.invitedBy,
        expiresAt,
      });
    }
    const ja = input.locale === 'ja';
    await sendEmail({
      tx,
      to: input.email,
      template: 'sponsor-invitation',
      from: eventSender(event, input.locale),
      props: {
        locale: input.locale,
        sponsorName: ja ? event.sponsorNameJa : event.sponsorNameEn,
        eventName: ja ? event.nameJa : event.nameEn,
        organizerName: ja ? event.organizerNameJa : event.organizerNameEn,
        signInUrl: `${env.APP_URL}/sign-in?next=${encodeURIComponent('/sponsor')}`,
        expiresInDays: SPONSOR_INVITATION_DAYS,
      },
    });
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.invitedBy,
        action: 'sponsor.invite',
        target: `sponsor-invitation:${invitationId}`,
        detail: { sponsorId: input.sponsorId },
      },
      tx,
    );
  });
  return { ok: true };
}

async function invitationBlocker(
  eventId: string,
  sponsorId: string | null,
  email: string,
): Promise<Exclude<InviteResult, { ok: true }>['reason'] | null> {
  const [staffRow] = await db
    .select({ userId: eventStaff.userId })
    .from(eventStaff)
    .innerJoin(users, eq(users.id, eventStaff.userId))
    .where(and(eq(eventStaff.eventId, eventId), eq(users.email, email)));
  if (staffRow) return 'is_staff';

  const existing = await db
    .select({ sponsorId: sponsorStaff.sponsorId })
    .from(sponsorStaff)
    .innerJoin(users, eq(users.id, sponsorStaff.userId))
    .innerJoin(sponsors, eq(sponsors.id, sponsorStaff.sponsorId))
    .where(and(eq(users.email, email), eq(sponsors.eventId, eventId)));
  if (existing.some((row) => row.sponsorId === sponsorId)) return 'already_sponsor_staff';
  if (existing.length > 0) return 'other_sponsor';

  return null;
}

/** Creates a sponsor organization for the event and invites its first staff member. */
export async function createSponsor(input: {
  eventId: string;
  nameJa: string;
  nameEn: string;
  email: string;
  locale: Locale;
  createdBy: string;
}): Promise<InviteResult & { sponsorId?: string }> {
  const blocked = await invitationBlocker(input.eventId, null, input.email);
  if (blocked) return { ok: false, reason: blocked };
  const sponsorId = generateId();
  await db.transaction(async (tx) => {
    await tx.insert(sponsors).values({
      id: sponsorId,
      eventId: input.eventId,
      nameJa: input.nameJa,
      nameEn: input.nameEn,
      createdBy: input.createdBy,
    });
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.createdBy,
        action: 'sponsor.create',
        target: `sponsor:${sponsorId}`,
      },
      tx,
    );
  });
  const invited = await inviteSponsorStaff({
    eventId: input.eventId,
    sponsorId,
    email: input.email,
    locale: input.locale,
    invitedBy: input.createdBy,
  });
  return { ...invited, sponsorId };
}

/** The owner's overview: every sponsor of the event with counts (no member data exists here). */
export async function listSponsorsOfEvent(eventId: string) {
  const rows = await db
    .select({
      id: sponsors.id,
      nameJa: sponsors.nameJa,
      nameEn: sponsors.nameEn,
      // Qualified (q): in a one-table select drizzle writes bare column names.
      staffCount: sql<number>`(select count(*)::int from ${sponsorStaff} where ${q(sponsorStaff.sponsorId)} = ${q(sponsors.id)})`,
      pendingInvitations: sql<number>`(select count(*)::int from ${sponsorInvitations} where ${q(sponsorInvitations.sponsorId)} = ${q(sponsors.id)} and ${liveSponsorInvitation()})`,
      offerCount: sql<number>`(select count(*)::int from ${offers} where ${q(offers.sponsorId)} = ${q(sponsors.id)})`,
    })
    .from(sponsors)
    .where(eq(sponsors.eventId, eventId))
    .orderBy(asc(sponsors.createdAt));
  return rows;
}

/** One sponsor as the owner sees it: its own staff's addresses (sponsor staff, not members). */
export async function getSponsorForOwner(eventId: string, sponsorId: string) {
  const [sponsor] = await db
    .select({ id: sponsors.id, nameJa: sponsors.nameJa, nameEn: sponsors.nameEn })
    .from(sponsors)
    .where(and(eq(sponsors.id, sponsorId), eq(sponsors.eventId, eventId)));
  if (!sponsor) return null;
  const [staff, invitations, offerRows, noticeRows] = await Promise.all([
    db
      .select({ email: users.email, since: sponsorStaff.createdAt })
      .from(sponsorStaff)
      .innerJoin(users, eq(users.id, sponsorStaff.userId))
      .where(eq(sponsorStaff.sponsorId, sponsorId))
      .orderBy(asc(sponsorStaff.createdAt)),
    db
      .select({ email: sponsorInvitations.email, expiresAt: sponsorInvitations.expiresAt })
      .from(sponsorInvitations)
      .where(and(eq(sponsorInvitations.sponsorId, sponsorId), liveSponsorInvitation()))
      .orderBy(desc(sponsorInvitations.createdAt)),
    db
      .select({
        id: offers.id,
        titleJa: offers.titleJa,
        titleEn: offers.titleEn,
        status: offers.status,
      })
      .from(offers)
      .where(eq(offers.sponsorId, sponsorId))
      .orderBy(desc(offers.updatedAt)),
    db
      .select({
        id: sponsorNotices.id,
        titleJa: sponsorNotices.titleJa,
        titleEn: sponsorNotices.titleEn,
        status: sponsorNotices.status,
      })
      .from(sponsorNotices)
      .where(eq(sponsorNotices.sponsorId, sponsorId))
      .orderBy(desc(sponsorNotices.updatedAt)),
  ]);
  return { sponsor, staff, invitations, offers: offerRows, notices: noticeRows };
}

export async function countSponsorStaff(sponsorId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(sponsorStaff)
    .where(eq(sponsorStaff.sponsorId, sponsorId));
  return row?.n ?? 0;
}
