import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { events, eventStaff, memberships, signInChallenges, sponsorStaff, users } from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { db } from '~/modules/database/database.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
import { safeRedirectPath } from '~/utils/redirect';
import { acceptRoleInvitations, hasPendingRoleInvitation } from './role-invitations.server';
import {
  generateId,
  generateNumericCode,
  generateToken,
  hmac,
  safeEqual,
  sha256,
} from '~/modules/security/tokens.server';

export const SIGN_IN_CODE_DIGITS = 8;
export const SIGN_IN_CODE_TTL_MINUTES = 15;
export const MAX_WRONG_CODE_ATTEMPTS = 5;

const RATE_WINDOW_SECONDS = 15 * 60;
export const codeRequestLimits = {
  perAddress: { bucket: 'sign-in:address', limit: 5, windowSeconds: RATE_WINDOW_SECONDS },
  perIp: { bucket: 'sign-in:ip', limit: 30, windowSeconds: RATE_WINDOW_SECONDS },
  verifyPerIp: { bucket: 'sign-in-verify:ip', limit: 60, windowSeconds: RATE_WINDOW_SECONDS },
};

function codeHash(challengeId: string, code: string) {
  return hmac('sign-in-code', `${challengeId}:${code}`);
}

export type RequestCodeResult =
  { ok: true; challengeId: string } | { ok: false; reason: 'rate_limited' };

/**
 * Starts a passwordless sign-in. The answer is the same for every address (a challenge id
 * to enter the code against); whether the address has an account shows only in which email
 * that address receives.
 */
export async function requestSignInCode(input: {
  email: string;
  locale: Locale;
  clientIp: string;
}): Promise<RequestCodeResult> {
  const addressOk = await hitRateLimit(codeRequestLimits.perAddress, input.email);
  const ipOk = await hitRateLimit(codeRequestLimits.perIp, input.clientIp);
  if (!addressOk || !ipOk) return { ok: false, reason: 'rate_limited' };

  const challengeId = generateToken();
  const canSignIn = await addressMaySignIn(input.email);
  const code = generateNumericCode(SIGN_IN_CODE_DIGITS);
  const [user] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.email, input.email));
  const locale = user?.locale ?? input.locale;

  await db.transaction(async (tx) => {
    await tx.insert(signInChallenges).values({
      idHash: sha256(challengeId),
      email: input.email,
      codeHash: canSignIn ? codeHash(challengeId, code) : null,
      expiresAt: new Date(Date.now() + SIGN_IN_CODE_TTL_MINUTES * 60_000),
    });
    if (canSignIn) {
      await sendEmail({
        tx,
        to: input.email,
        template: 'sign-in-code',
        props: {
          locale,
          code,
          signInUrl: signInLink(challengeId, code),
          expiresInMinutes: SIGN_IN_CODE_TTL_MINUTES,
        },
      });
    } else {
      await sendEmail({
        tx,
        to: input.email,
        template: 'sign-in-unknown-address',
        props: { locale },
      });
    }
  });
  return { ok: true, challengeId };
}

export function signInLink(challengeId: string, code: string) {
  return `${env.APP_URL}/sign-in/code/${encodeURIComponent(challengeId)}?code=${code}`;
}

async function addressMaySignIn(email: string): Promise<boolean> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (user) return true;
  return hasPendingRoleInvitation(email);
}

export type VerifyCodeResult =
  { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'dead' | 'rate_limited' };

/**
 * Checks a code against its challenge. Each challenge allows MAX_WRONG_CODE_ATTEMPTS wrong
 * tries; the challenge is consumed atomically, so two concurrent POSTs sign in at most once.
 */
export async function verifySignInCode(input: {
  challengeId: string;
  code: string;
  clientIp: string;
}): Promise<VerifyCodeResult> {
  if (!(await hitRateLimit(codeRequestLimits.verifyPerIp, input.clientIp))) {
    return { ok: false, reason: 'rate_limited' };
  }
  const idHash = sha256(input.challengeId);
  const [challenge] = await db
    .select()
    .from(signInChallenges)
    .where(eq(signInChallenges.idHash, idHash));
  if (!challenge || challenge.usedAt || challenge.expiresAt.getTime() <= Date.now()) {
    return { ok: false, reason: 'invalid' };
  }
  if (challenge.failedAttempts >= MAX_WRONG_CODE_ATTEMPTS) return { ok: false, reason: 'dead' };

  const matches =
    challenge.codeHash !== null &&
    safeEqual(challenge.codeHash, codeHash(input.challengeId, input.code));
  if (!matches) {
    const [updated] = await db
      .update(signInChallenges)
      .set({ failedAttempts: sql`${signInChallenges.failedAttempts} + 1` })
      .where(eq(signInChallenges.idHash, idHash))
      .returning({ failedAttempts: signInChallenges.failedAttempts });
    return {
      ok: false,
      reason: (updated?.failedAttempts ?? 0) >= MAX_WRONG_CODE_ATTEMPTS ? 'dead' : 'invalid',
    };
  }

  return db.transaction(async (tx) => {
    const consumed = await tx
      .update(signInChallenges)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(signInChallenges.idHash, idHash),
          isNull(signInChallenges.usedAt),
          gt(signInChallenges.expiresAt, new Date()),
          // Concurrent wrong guesses may have killed the code since it was read above.
          lt(signInChallenges.failedAttempts, MAX_WRONG_CODE_ATTEMPTS),
        ),
      )
      .returning({ email: signInChallenges.email });
    if (consumed.length === 0) return { ok: false as const, reason: 'invalid' as const };
    const email = consumed[0].email;

    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ id: generateId(), email })
        .returning({ id: users.id });
    }
    // A colleague's staff invitation, or a sponsor's, becomes that role only now, by their
    // own sign-in, and only while it is live (role-invitations.server.ts).
    await acceptRoleInvitations(tx, email, user.id);
    return { ok: true as const, userId: user.id };
  });
}

/**
 * Where a person lands after signing in. A page that sent them to sign in (`next`, same-site
 * only) wins. Otherwise a runner in exactly one community — and with no staff or sponsor
 * role, who would need the hub to choose — goes straight to that event's page: the hub with
 * a lone "開く" button was one tap too many (issue 15). Everyone else gets the hub.
 */
export async function landingPathAfterSignIn(
  userId: string,
  next: string | null | undefined,
): Promise<string> {
  const requested = safeRedirectPath(next);
  if (requested !== '/') return requested;
  const [joined, staffRoles, sponsorRoles] = await Promise.all([
    db
      .select({ slug: events.slug })
      .from(memberships)
      .innerJoin(events, eq(events.id, memberships.eventId))
      .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .limit(2),
    db
      .select({ eventId: eventStaff.eventId })
      .from(eventStaff)
      .where(eq(eventStaff.userId, userId))
      .limit(1),
    db
      .select({ sponsorId: sponsorStaff.sponsorId })
      .from(sponsorStaff)
      .where(eq(sponsorStaff.userId, userId))
      .limit(1),
  ]);
  if (joined.length === 1 && staffRoles.length === 0 && sponsorRoles.length === 0)
    return `/e/${joined[0].slug}`;
  return '/';
}
