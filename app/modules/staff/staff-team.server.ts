import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { events, eventStaff, staffInvitations, users, type StaffRole } from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { appendAudit } from '~/modules/audit/audit-log.server';
import {
  acceptStaffInvitations,
  liveStaffInvitation,
  roleInvitationExpiry,
} from '~/modules/auth/role-invitations.server';
import { db } from '~/modules/database/database.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { generateId } from '~/modules/security/tokens.server';

/**
 * Staff management for one event. Owners invite colleagues by address, change roles and
 * remove people; a colleague becomes staff only by signing in themselves (their own act).
 * An event always keeps at least one owner: every change that could remove the last one
 * runs under a lock on the event row, so two owners demoting each other at the same moment
 * cannot both succeed.
 */

export async function listTeam(eventId: string) {
  const [staff, pending] = await Promise.all([
    db
      .select({
        userId: eventStaff.userId,
        email: users.email,
        role: eventStaff.role,
        since: eventStaff.createdAt,
      })
      .from(eventStaff)
      .innerJoin(users, eq(users.id, eventStaff.userId))
      .where(eq(eventStaff.eventId, eventId))
      .orderBy(asc(eventStaff.createdAt)),
    db
      .select({
        id: staffInvitations.id,
        email: staffInvitations.email,
        role: staffInvitations.role,
        invitedAt: staffInvitations.createdAt,
      })
      .from(staffInvitations)
      .where(and(eq(staffInvitations.eventId, eventId), liveStaffInvitation()))
      .orderBy(asc(staffInvitations.createdAt)),
  ]);
  return { staff, pending };
}

export type TeamChangeResult =
  | { ok: true }
  | { ok: false; reason: 'already_staff' | 'already_invited' | 'not_found' | 'last_owner' };

export async function inviteStaff(input: {
  event: { id: string; slug: string; nameJa: string; nameEn: string };
  actorUserId: string;
  email: string;
  role: StaffRole;
  /** The inviter's language, used when the invitee has no account yet. */
  locale: Locale;
}): Promise<TeamChangeResult> {
  return db.transaction(async (tx) => {
    await lockEvent(tx, input.event.id);
    const [existing] = await tx
      .select({ role: eventStaff.role, locale: users.locale })
      .from(users)
      .leftJoin(
        eventStaff,
        and(eq(eventStaff.userId, users.id), eq(eventStaff.eventId, input.event.id)),
      )
      .where(eq(users.email, input.email));
    if (existing?.role) return { ok: false as const, reason: 'already_staff' as const };
    const invitedHere = and(
      eq(staffInvitations.eventId, input.event.id),
      eq(staffInvitations.email, input.email),
    );
    const [pending] = await tx
      .select({ id: staffInvitations.id })
      .from(staffInvitations)
      .where(and(invitedHere, liveStaffInvitation()));
    if (pending) return { ok: false as const, reason: 'already_invited' as const };
    // An expired invitation can no longer be accepted: inviting again replaces it, so the
    // new one runs its full ROLE_INVITATION_DAYS from now.
    await tx.delete(staffInvitations).where(and(invitedHere, isNull(staffInvitations.acceptedAt)));

    const id = generateId();
    await tx.insert(staffInvitations).values({
      id,
      eventId: input.event.id,
      email: input.email,
      role: input.role,
      invitedBy: input.actorUserId,
      expiresAt: roleInvitationExpiry(),
    });
    const locale = existing?.locale ?? input.locale;
    const [organizer] = await tx
      .select({ organizerNameJa: events.organizerNameJa, organizerNameEn: events.organizerNameEn })
      .from(events)
      .where(eq(events.id, input.event.id));
    await sendEmail({
      tx,
      to: input.email,
      template: 'staff-invitation',
      from: organizer ? eventSender(organizer, locale) : undefined,
      props: {
        locale,
        eventName: locale === 'ja' ? input.event.nameJa : input.event.nameEn,
        role: input.role,
        acceptUrl: `${env.APP_URL}/staff/${encodeURIComponent(input.event.slug)}/accept`,
      },
    });
    await appendAudit(
      {
        eventId: input.event.id,
        actorUserId: input.actorUserId,
        action: 'staff.invite',
        target: `staff-invitation:${id}`,
        detail: { role: input.role },
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function changeStaffRole(input: {
  eventId: string;
  actorUserId: string;
  targetUserId: string;
  role: StaffRole;
}): Promise<TeamChangeResult> {
  return db.transaction(async (tx) => {
    await lockEvent(tx, input.eventId);
    const current = await currentRole(tx, input.eventId, input.targetUserId);
    if (!current) return { ok: false as const, reason: 'not_found' as const };
    if (current === input.role) return { ok: true as const };
    if (current === 'owner' && (await ownerCount(tx, input.eventId)) <= 1) {
      return { ok: false as const, reason: 'last_owner' as const };
    }
    await tx
      .update(eventStaff)
      .set({ role: input.role })
      .where(and(eq(eventStaff.eventId, input.eventId), eq(eventStaff.userId, input.targetUserId)));
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'staff.role_change',
        target: `user:${input.targetUserId}`,
        detail: { from: current, to: input.role },
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function removeStaff(input: {
  eventId: string;
  actorUserId: string;
  targetUserId: string;
}): Promise<TeamChangeResult> {
  return db.transaction(async (tx) => {
    await lockEvent(tx, input.eventId);
    const current = await currentRole(tx, input.eventId, input.targetUserId);
    if (!current) return { ok: false as const, reason: 'not_found' as const };
    if (current === 'owner' && (await ownerCount(tx, input.eventId)) <= 1) {
      return { ok: false as const, reason: 'last_owner' as const };
    }
    await tx
      .delete(eventStaff)
      .where(and(eq(eventStaff.eventId, input.eventId), eq(eventStaff.userId, input.targetUserId)));
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'staff.remove',
        target: `user:${input.targetUserId}`,
        detail: { role: current },
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function revokeStaffInvitation(input: {
  eventId: string;
  actorUserId: string;
  invitationId: string;
}): Promise<TeamChangeResult> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(staffInvitations)
      .where(
        and(
          eq(staffInvitations.id, input.invitationId),
          eq(staffInvitations.eventId, input.eventId),
          isNull(staffInvitations.acceptedAt),
        ),
      )
      .returning({ role: staffInvitations.role });
    if (removed.length === 0) return { ok: false as const, reason: 'not_found' as const };
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'staff.invitation_revoke',
        target: `staff-invitation:${input.invitationId}`,
        detail: { role: removed[0].role },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The pending staff invitation to this person's address for one event, if any. */
export async function findPendingStaffInvitation(eventSlug: string, email: string) {
  const [row] = await db
    .select({
      id: staffInvitations.id,
      role: staffInvitations.role,
      eventId: events.id,
      slug: events.slug,
      nameJa: events.nameJa,
      nameEn: events.nameEn,
    })
    .from(staffInvitations)
    .innerJoin(events, eq(events.id, staffInvitations.eventId))
    .where(
      and(eq(events.slug, eventSlug), eq(staffInvitations.email, email), liveStaffInvitation()),
    )
    .limit(1);
  return row ?? null;
}

/**
 * For someone who was already signed in when the invitation arrived: their own POST on the
 * accept page does what signing in does (see verifySignInCode) for this one event.
 */
export async function acceptStaffInvitation(input: {
  userId: string;
  email: string;
  eventId: string;
}) {
  return db.transaction(async (tx) => (await acceptStaffInvitations(tx, input)) > 0);
}

async function lockEvent(tx: DbOrTx, eventId: string) {
  await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
}

async function currentRole(tx: DbOrTx, eventId: string, userId: string): Promise<StaffRole | null> {
  const [row] = await tx
    .select({ role: eventStaff.role })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.userId, userId)));
  return row?.role ?? null;
}

async function ownerCount(tx: DbOrTx, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.role, 'owner')));
  return row?.n ?? 0;
}

export async function isStaffOf(userId: string, eventSlug: string): Promise<boolean> {
  const [row] = await db
    .select({ role: eventStaff.role })
    .from(eventStaff)
    .innerJoin(events, eq(events.id, eventStaff.eventId))
    .where(and(eq(events.slug, eventSlug), eq(eventStaff.userId, userId)));
  return Boolean(row);
}
