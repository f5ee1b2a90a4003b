/**
 * Staff and sponsor invitations are one concept, a role invitation (auth/role-invitations):
 * both are written with an expires_at ROLE_INVITATION_DAYS ahead and both are read by it, and
 * an expired one grants nothing — not at sign-in, not on the accept page — while inviting again
 * gives a fresh one.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  eventStaff,
  sponsorInvitations,
  sponsors,
  sponsorStaff,
  staffInvitations,
  users,
} from '~db/schema';
import { ROLE_INVITATION_DAYS, roleInvitationExpiry } from '~/modules/auth/role-invitations.server';
import { requestSignInCode, verifySignInCode } from '~/modules/auth/sign-in.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { listSponsorsOfEvent } from '~/modules/sponsors/sponsor-accounts.server';
import {
  acceptStaffInvitation,
  findPendingStaffInvitation,
  inviteStaff,
  listTeam,
} from '~/modules/staff/staff-team.server';
import { createTestEvent } from '../support/events';
import { lastMailTo } from '../support/mail';

const DAY_MS = 86_400_000;

async function invite(slug: string, email: string) {
  const { eventId, owner } = await createTestEvent(slug);
  const result = await inviteStaff({
    event: { id: eventId, slug, nameJa: slug, nameEn: slug },
    actorUserId: owner.userId,
    email,
    role: 'editor',
    locale: 'ja',
  });
  expect(result).toEqual({ ok: true });
  return { eventId, owner };
}

/** As if the invitation had been made `days` ago: its expiry moves back with it. */
async function ageStaffInvitation(email: string, days: number) {
  const createdAt = new Date(Date.now() - days * DAY_MS);
  await db
    .update(staffInvitations)
    .set({ createdAt, expiresAt: roleInvitationExpiry(createdAt) })
    .where(eq(staffInvitations.email, email));
}

async function setStaffInvitation(email: string, fields: { createdAt: Date; expiresAt: Date }) {
  await db.update(staffInvitations).set(fields).where(eq(staffInvitations.email, email));
}

async function inviteSponsorStaff(slug: string, email: string, expiresAt: Date) {
  const { eventId } = await createTestEvent(slug);
  const sponsorId = generateId();
  await db.insert(sponsors).values({ id: sponsorId, eventId, nameJa: '協賛', nameEn: 'Sponsor' });
  await db.insert(sponsorInvitations).values({ id: generateId(), sponsorId, email, expiresAt });
  return { eventId, sponsorId };
}

async function pendingSponsorInvitations(eventId: string) {
  return (await listSponsorsOfEvent(eventId)).map((sponsor) => sponsor.pendingInvitations);
}

async function roleOf(eventId: string, userId: string) {
  const [row] = await db
    .select({ role: eventStaff.role })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.userId, userId)));
  return row?.role ?? null;
}

/** The whole sign-in by code, as the person does it; resolves with their user id. */
async function signIn(email: string) {
  const requested = await requestSignInCode({ email, locale: 'ja', clientIp: '192.0.2.10' });
  if (!requested.ok) throw new Error('no code requested');
  const code = (await lastMailTo(email)).text.match(/\b(\d{8})\b/)?.[1];
  if (!code) return null;
  const verified = await verifySignInCode({
    challengeId: requested.challengeId,
    code,
    clientIp: '192.0.2.10',
  });
  return verified.ok ? verified.userId : null;
}

describe('role invitations', () => {
  it('lets a staff invitation be accepted at sign-in until it is ROLE_INVITATION_DAYS old', async () => {
    const email = 'almost-expired@example.com';
    const { eventId } = await invite('role-inv-live', email);
    await ageStaffInvitation(email, ROLE_INVITATION_DAYS - 1);

    const userId = await signIn(email);
    expect(userId).not.toBeNull();
    expect(await roleOf(eventId, userId!)).toBe('editor');
  });

  it('grants nothing for an expired staff invitation, and an unknown address gets no code', async () => {
    const email = 'expired-staff@example.com';
    const { eventId } = await invite('role-inv-expired', email);
    await ageStaffInvitation(email, ROLE_INVITATION_DAYS + 1);

    expect((await listTeam(eventId)).pending).toEqual([]);
    expect(await findPendingStaffInvitation('role-inv-expired', email)).toBeNull();
    // Without an account and without a live invitation the address may not sign in at all.
    expect(await signIn(email)).toBeNull();
    const [invitation] = await db
      .select({ acceptedAt: staffInvitations.acceptedAt })
      .from(staffInvitations)
      .where(eq(staffInvitations.email, email));
    expect(invitation.acceptedAt).toBeNull();
  });

  it('does not let a signed-in person accept an expired staff invitation on the accept page', async () => {
    const email = 'expired-button@example.com';
    const { eventId } = await invite('role-inv-button', email);
    await ageStaffInvitation(email, ROLE_INVITATION_DAYS + 1);
    const userId = generateId();
    await db.insert(users).values({ id: userId, email });

    expect(await acceptStaffInvitation({ userId, email, eventId })).toBe(false);
    expect(await roleOf(eventId, userId)).toBeNull();
  });

  it('replaces an expired staff invitation when the owner invites again, and the new one works', async () => {
    const email = 'invited-again@example.com';
    const { eventId, owner } = await invite('role-inv-again', email);
    await ageStaffInvitation(email, ROLE_INVITATION_DAYS + 1);

    const again = await inviteStaff({
      event: { id: eventId, slug: 'role-inv-again', nameJa: 'x', nameEn: 'x' },
      actorUserId: owner.userId,
      email,
      role: 'viewer',
      locale: 'ja',
    });
    expect(again).toEqual({ ok: true });
    const rows = await db
      .select({ role: staffInvitations.role })
      .from(staffInvitations)
      .where(eq(staffInvitations.email, email));
    expect(rows).toEqual([{ role: 'viewer' }]);

    const userId = await signIn(email);
    expect(await roleOf(eventId, userId!)).toBe('viewer');
  });

  it('writes a staff invitation with an expiry ROLE_INVITATION_DAYS after it was made', async () => {
    const email = 'expiry-written@example.com';
    await invite('role-inv-written', email);
    const [row] = await db
      .select({ createdAt: staffInvitations.createdAt, expiresAt: staffInvitations.expiresAt })
      .from(staffInvitations)
      .where(eq(staffInvitations.email, email));
    // created_at is the database's clock, expires_at the app's: the same moment within a test.
    const drift = row.expiresAt.getTime() - roleInvitationExpiry(row.createdAt).getTime();
    expect(Math.abs(drift)).toBeLessThan(60_000);
  });

  it('reads a staff invitation’s expiry from expires_at, not from its age', async () => {
    const recentButExpired = 'recent-but-expired@example.com';
    await invite('role-inv-by-expiry', recentButExpired);
    await setStaffInvitation(recentButExpired, {
      createdAt: new Date(),
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await signIn(recentButExpired)).toBeNull();

    const oldButLive = 'old-but-live@example.com';
    const { eventId } = await invite('role-inv-by-expiry-live', oldButLive);
    await setStaffInvitation(oldButLive, {
      createdAt: new Date(Date.now() - 3 * ROLE_INVITATION_DAYS * DAY_MS),
      expiresAt: new Date(Date.now() + DAY_MS),
    });
    const userId = await signIn(oldButLive);
    expect(userId).not.toBeNull();
    expect(await roleOf(eventId, userId!)).toBe('editor');
  });

  it('lets a sponsor invitation before its expires_at be accepted at sign-in', async () => {
    const email = 'live-sponsor@example.com';
    const { eventId, sponsorId } = await inviteSponsorStaff(
      'role-inv-sponsor-live',
      email,
      roleInvitationExpiry(),
    );
    expect(await pendingSponsorInvitations(eventId)).toEqual([1]);

    const userId = await signIn(email);
    expect(userId).not.toBeNull();
    expect(
      await db
        .select({ userId: sponsorStaff.userId })
        .from(sponsorStaff)
        .where(eq(sponsorStaff.sponsorId, sponsorId)),
    ).toEqual([{ userId }]);
    expect(await pendingSponsorInvitations(eventId)).toEqual([0]);
  });

  it('treats an expired sponsor invitation the same way: no sign-in, no console access', async () => {
    const email = 'expired-sponsor@example.com';
    const { eventId, sponsorId } = await inviteSponsorStaff(
      'role-inv-sponsor',
      email,
      new Date(Date.now() - DAY_MS),
    );

    // The owner's sponsor list does not count it as pending either.
    expect(await pendingSponsorInvitations(eventId)).toEqual([0]);
    expect(await signIn(email)).toBeNull();
    expect(
      await db.select().from(sponsorStaff).where(eq(sponsorStaff.sponsorId, sponsorId)),
    ).toEqual([]);
  });
});
