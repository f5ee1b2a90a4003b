/**
 * Staff and sponsor invitations are one concept, a role invitation (auth/role-invitations):
 * both expire after ROLE_INVITATION_DAYS, and an expired one grants nothing — not at sign-in,
 * not on the accept page — while inviting again gives a fresh one.
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
import { ROLE_INVITATION_DAYS } from '~/modules/auth/role-invitations.server';
import { requestSignInCode, verifySignInCode } from '~/modules/auth/sign-in.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
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

async function ageStaffInvitation(email: string, days: number) {
  await db
    .update(staffInvitations)
    .set({ createdAt: new Date(Date.now() - days * DAY_MS) })
    .where(eq(staffInvitations.email, email));
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

  it('treats an expired sponsor invitation the same way: no sign-in, no console access', async () => {
    const { eventId } = await createTestEvent('role-inv-sponsor');
    const sponsorId = generateId();
    await db.insert(sponsors).values({ id: sponsorId, eventId, nameJa: '協賛', nameEn: 'Sponsor' });
    const email = 'expired-sponsor@example.com';
    await db.insert(sponsorInvitations).values({
      id: generateId(),
      sponsorId,
      email,
      expiresAt: new Date(Date.now() - DAY_MS),
    });

    expect(await signIn(email)).toBeNull();
    expect(
      await db.select().from(sponsorStaff).where(eq(sponsorStaff.sponsorId, sponsorId)),
    ).toEqual([]);
  });
});
