import { and, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import {
  eventStaff,
  sponsors,
  sponsorInvitations,
  sponsorStaff,
  staffInvitations,
} from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';

/**
 * One concept for both kinds of "role invitation": an address is invited to a role (event
 * staff with a role, or a sponsor's staff); the role is granted only when that person signs in
 * themselves, and only while the invitation is live — not accepted yet and not past the
 * expires_at written from roleInvitationExpiry() when it was made. Sign-in (auth) asks this module, not the staff or sponsor modules, so
 * auth depends on neither.
 */
export const ROLE_INVITATION_DAYS = 14;

const DAY_MS = 86_400_000;

/** When an invitation made at `from` stops being acceptable; written into expires_at. */
export function roleInvitationExpiry(from = new Date()): Date {
  return new Date(from.getTime() + ROLE_INVITATION_DAYS * DAY_MS);
}

/**
 * The one test of "still acceptable" for both kinds: not accepted yet and not past the expiry
 * written when it was made. Reading a stored expiry (not the age) means a change to
 * ROLE_INVITATION_DAYS applies to new invitations and never revives or cuts short old ones.
 */
function liveRoleInvitation(
  invitation: { acceptedAt: AnyPgColumn; expiresAt: AnyPgColumn },
  now: Date,
): SQL {
  return and(isNull(invitation.acceptedAt), gt(invitation.expiresAt, now))!;
}

/** An event staff invitation that can still be accepted. */
export function liveStaffInvitation(now = new Date()): SQL {
  return liveRoleInvitation(staffInvitations, now);
}

/** A sponsor staff invitation that can still be accepted. */
export function liveSponsorInvitation(now = new Date()): SQL {
  return liveRoleInvitation(sponsorInvitations, now);
}

/** Whether a live invitation of either kind lets this address request a sign-in code. */
export async function hasPendingRoleInvitation(email: string): Promise<boolean> {
  const [staff] = await db
    .select({ id: staffInvitations.id })
    .from(staffInvitations)
    .where(and(eq(staffInvitations.email, email), liveStaffInvitation()))
    .limit(1);
  if (staff) return true;
  const [sponsor] = await db
    .select({ id: sponsorInvitations.id })
    .from(sponsorInvitations)
    .where(and(eq(sponsorInvitations.email, email), liveSponsorInvitation()))
    .limit(1);
  return Boolean(sponsor);
}

/**
 * Runs inside the sign-in transaction: the person's own sign-in turns their live invitations
 * into the roles they were invited to. `eventId` narrows staff invitations to one event (the
 * accept page of someone who was already signed in when the invitation arrived).
 */
export async function acceptStaffInvitations(
  tx: DbOrTx,
  input: { email: string; userId: string; eventId?: string },
): Promise<number> {
  const accepted = await tx
    .update(staffInvitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(staffInvitations.email, input.email),
        input.eventId ? eq(staffInvitations.eventId, input.eventId) : undefined,
        liveStaffInvitation(),
      ),
    )
    .returning({
      eventId: staffInvitations.eventId,
      role: staffInvitations.role,
      id: staffInvitations.id,
    });
  for (const invitation of accepted) {
    await tx
      .insert(eventStaff)
      .values({ eventId: invitation.eventId, userId: input.userId, role: invitation.role })
      .onConflictDoNothing();
    await appendAudit(
      {
        eventId: invitation.eventId,
        actorUserId: input.userId,
        action: 'staff.accept',
        target: `staff-invitation:${invitation.id}`,
        detail: { role: invitation.role },
      },
      tx,
    );
  }
  return accepted.length;
}

async function acceptSponsorInvitations(tx: DbOrTx, email: string, userId: string) {
  const accepted = await tx
    .update(sponsorInvitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(sponsorInvitations.email, email), liveSponsorInvitation()))
    .returning({ id: sponsorInvitations.id, sponsorId: sponsorInvitations.sponsorId });
  for (const invitation of accepted) {
    const [sponsor] = await tx
      .select({ eventId: sponsors.eventId })
      .from(sponsors)
      .where(eq(sponsors.id, invitation.sponsorId));
    await tx
      .insert(sponsorStaff)
      .values({ sponsorId: invitation.sponsorId, userId })
      .onConflictDoNothing();
    await appendAudit(
      {
        eventId: sponsor?.eventId ?? null,
        actorUserId: userId,
        action: 'sponsor.accept',
        target: `sponsor-invitation:${invitation.id}`,
        detail: { sponsorId: invitation.sponsorId },
      },
      tx,
    );
  }
}

/** Every live invitation to this address, staff and sponsor, becomes its role. */
export async function acceptRoleInvitations(tx: DbOrTx, email: string, userId: string) {
  await acceptStaffInvitations(tx, { email, userId });
  await acceptSponsorInvitations(tx, email, userId);
}
