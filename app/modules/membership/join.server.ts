import { json, redirect } from '@remix-run/node';
import type { Translate } from '~/i18n/translate';
import { randomInt } from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~db/client';
import {
  channelPreferences,
  channels,
  consentRecords,
  consentTexts,
  events,
  invitations,
  joinConfirmations,
  memberships,
  users,
} from '~db/schema';
import { env } from '~/env.server';
import type { Locale } from '~/i18n/types';
import { createUserSessionIn, getSessionUser } from '~/modules/auth/session.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import {
  findInvitationByToken,
  isWellFormedToken,
  publicEventColumns,
  type PublicEvent,
} from '~/modules/invitations/invitation-link.server';
import { eventSender } from '~/modules/mail/event-sender.server';
import { sendEmail } from '~/modules/mail/send-email.server';
import { generateId, recordsHmac, sha256 } from '~/modules/security/tokens.server';
import { consentText, CURRENT_CONSENT_VERSION } from './consent-text.server';
import { memberAlias } from './member-alias';

/**
 * Joining is the person's own act (SPEC P2): only the POST from the join page — the box
 * ticked, the consent text's version named — creates the membership. Everything that act
 * implies commits in one transaction: the user (if new), the membership, the default
 * channel preferences, the consent record with its evidence, the session and the welcome
 * email. Nothing here runs on a GET.
 */

/** The join form: the box must be ticked; the version and language of the text shown. */
export const joinSchema = z.object({
  consent: z.literal('yes', { error: 'invitations.join.notTicked' }),
  consentVersion: z.string().min(1).max(40),
  consentLocale: z.enum(['ja', 'en']),
});

export interface JoinRequest {
  consentVersion: string;
  consentLocale: Locale;
  clientIp: string;
  request: Request;
}

export type JoinResult =
  | { ok: true; eventSlug: string; setCookie: string | null; alreadyMember: boolean }
  | { ok: false; reason: 'gone' | 'sign_in_required' | 'consent_changed' };

/** Why a join was refused, as the page says it (a message key) and its status; names nobody. */
export function joinRefusal(reason: 'gone' | 'sign_in_required' | 'consent_changed') {
  const [status, formError] =
    reason === 'gone'
      ? ([410, 'invitations.gone.body'] as const)
      : reason === 'sign_in_required'
        ? ([403, 'invitations.join.signInFirst'] as const)
        : ([409, 'invitations.join.consentChanged'] as const);
  return { status, formError };
}

/**
 * The HTTP answer to a join attempt, shared by the invitation and the event-code pages:
 * a redirect home with the new session, or a localized refusal that names nobody.
 */
export function joinAttemptResponse(result: JoinResult, t: Translate): Response {
  if (!result.ok) {
    const { status, formError } = joinRefusal(result.reason);
    return json({ fieldErrors: {}, formError: t(formError) }, { status });
  }
  return redirect(`/e/${result.eventSlug}?joined=1`, {
    headers: result.setCookie ? { 'Set-Cookie': result.setCookie } : {},
  });
}

/** From the invitation link (method `invitation`). */
export async function joinByInvitation(
  token: string | undefined,
  input: JoinRequest,
): Promise<JoinResult> {
  const sessionUser = await getSessionUser(input.request);
  return db.transaction(async (tx) => {
    const invitation = await findInvitationByToken(token, { tx, forUpdate: true });
    if (!invitation || invitation.state !== 'open')
      return { ok: false as const, reason: 'gone' as const };
    const result = await joinInTransaction(tx, {
      ...input,
      sessionUserId: sessionUser?.id ?? null,
      method: 'invitation',
      event: invitation.event,
      email: invitation.email,
      profile: { name: invitation.name, bib: invitation.bib, category: invitation.category },
    });
    return result;
  });
}

/** From the confirmation email of "join by event code" (method `event_code`). */
export async function joinByConfirmation(
  eventSlug: string | undefined,
  token: string | undefined,
  input: JoinRequest,
): Promise<JoinResult> {
  const sessionUser = await getSessionUser(input.request);
  return db.transaction(async (tx) => {
    const confirmation = await findConfirmation(eventSlug, token, { tx, forUpdate: true });
    if (!confirmation) return { ok: false as const, reason: 'gone' as const };
    // The runner is on the entrant list (that is why the confirmation was sent): carry over
    // the name and bib the office knows them by.
    const [invitation] = await tx
      .select({ name: invitations.name, bib: invitations.bib, category: invitations.category })
      .from(invitations)
      .where(
        and(
          eq(invitations.eventId, confirmation.event.id),
          eq(invitations.email, confirmation.email),
        ),
      );
    const result = await joinInTransaction(tx, {
      ...input,
      sessionUserId: sessionUser?.id ?? null,
      method: 'event_code',
      event: confirmation.event,
      email: confirmation.email,
      profile: invitation ?? { name: '', bib: null, category: null },
    });
    if (result.ok) {
      await tx
        .update(joinConfirmations)
        .set({ usedAt: new Date() })
        .where(eq(joinConfirmations.tokenHash, sha256(token!)));
    }
    return result;
  });
}

/** A join confirmation that may still be used, for this event. Read-only unless locked. */
export async function findConfirmation(
  eventSlug: string | undefined,
  token: string | undefined,
  options: { tx?: DbOrTx; forUpdate?: boolean } = {},
): Promise<{ email: string; event: PublicEvent } | null> {
  if (!isWellFormedToken(token) || !eventSlug) return null;
  const query = (options.tx ?? db)
    .select({ email: joinConfirmations.email, event: publicEventColumns })
    .from(joinConfirmations)
    .innerJoin(events, eq(events.id, joinConfirmations.eventId))
    .where(
      and(
        eq(joinConfirmations.tokenHash, sha256(token)),
        eq(events.slug, eventSlug),
        isNull(joinConfirmations.usedAt),
        gt(joinConfirmations.expiresAt, new Date()),
      ),
    );
  const [row] = options.forUpdate
    ? await query.for('update', { of: joinConfirmations })
    : await query;
  return row ?? null;
}

/**
 * Whether the person at this browser may join for `email` without signing in first. A link
 * from an email proves control of the mailbox well enough to create a *new* account, but an
 * invitation lives for weeks and gets forwarded: it must not sign anyone into an account that
 * already exists (a staff member's, or a runner's with other events). That owner signs in
 * with a code first, then presses the button.
 */
export async function joinerStatus(email: string, request: Request) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const sessionUser = await getSessionUser(request);
  return {
    mustSignInFirst: Boolean(existing) && sessionUser?.id !== existing.id,
    /** Signed in, but not as the invited address: joining switches this browser's account. */
    signedInAsSomeoneElse: Boolean(sessionUser) && sessionUser?.id !== existing?.id,
    userId: existing?.id ?? null,
    sessionUserId: sessionUser?.id ?? null,
  };
}

interface JoinContext extends JoinRequest {
  sessionUserId: string | null;
  method: 'invitation' | 'event_code';
  event: PublicEvent;
  email: string;
  profile: { name: string; bib: string | null; category: string | null };
}

async function joinInTransaction(tx: DbOrTx, input: JoinContext): Promise<JoinResult> {
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email));
  if (existing && existing.id !== input.sessionUserId)
    return { ok: false, reason: 'sign_in_required' };
  if (input.consentVersion !== CURRENT_CONSENT_VERSION)
    return { ok: false, reason: 'consent_changed' };

  const now = new Date();
  let userId = existing?.id;
  if (!userId) {
    const [created] = await tx
      .insert(users)
      .values({ id: generateId(), email: input.email, locale: input.consentLocale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    // Lost a race with a simultaneous join of the same address (another event's link):
    // the other transaction created the account from a link sent to the same mailbox.
    userId =
      created?.id ??
      (await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)))[0].id;
  }

  const membership = await upsertMembership(tx, {
    eventId: input.event.id,
    userId,
    profile: input.profile,
    now,
  });
  if (membership.state !== 'already_active') {
    await tx.execute(sql`
      INSERT INTO ${channelPreferences} (${columnName(channelPreferences.membershipId)}, ${columnName(channelPreferences.channelId)}, ${columnName(channelPreferences.emailEnabled)})
      SELECT ${membership.id}, ${channels.id}, true FROM ${channels}
      WHERE ${channels.eventId} = ${input.event.id} AND ${channels.isDefault}
      ON CONFLICT DO NOTHING
    `);
    // The exact wording shown is stored per version and language (organizer as a placeholder).
    await tx
      .insert(consentTexts)
      .values({
        version: CURRENT_CONSENT_VERSION,
        locale: input.consentLocale,
        body: consentText(input.consentLocale, '{organizer}'),
      })
      .onConflictDoNothing();
    await tx.insert(consentRecords).values({
      id: generateId(),
      eventId: input.event.id,
      userId,
      action: 'granted',
      method: input.method,
      consentVersion: CURRENT_CONSENT_VERSION,
      consentLocale: input.consentLocale,
      ipHash: input.clientIp ? recordsHmac('consent-ip', input.clientIp) : null,
      userAgentHash: recordsHmac(
        'consent-user-agent',
        input.request.headers.get('User-Agent') ?? '',
      ),
      createdAt: now,
    });
  }
  // Whichever way they joined, the invitation is settled: no reminder follows.
  await tx
    .update(invitations)
    .set({ status: 'joined', respondedAt: now })
    .where(
      and(
        eq(invitations.eventId, input.event.id),
        eq(invitations.email, input.email),
        inArray(invitations.status, ['pending', 'declined']),
      ),
    );

  const setCookie =
    input.sessionUserId === userId ? null : await createUserSessionIn(tx, userId, input.request);

  if (membership.state !== 'already_active') {
    const organizer =
      input.consentLocale === 'ja' ? input.event.organizerNameJa : input.event.organizerNameEn;
    await sendEmail({
      tx,
      to: input.email,
      template: 'welcome',
      from: eventSender(input.event, input.consentLocale),
      props: {
        locale: input.consentLocale,
        eventName: input.consentLocale === 'ja' ? input.event.nameJa : input.event.nameEn,
        alias: memberAlias(membership.aliasNumber, input.consentLocale),
        memberHomeUrl: `${env.APP_URL}/e/${input.event.slug}`,
        settingsUrl: `${env.APP_URL}/e/${input.event.slug}/settings`,
        consentText: consentText(input.consentLocale, organizer),
        consentVersion: CURRENT_CONSENT_VERSION,
        joinedAt: now.toISOString(),
      },
    });
  }
  return {
    ok: true,
    eventSlug: input.event.slug,
    setCookie,
    alreadyMember: membership.state === 'already_active',
  };
}

/** Alias numbers are random 4–5 digit numbers ("Runner #4821"), unique per event. */
const ALIAS_MIN = 1_000;
const ALIAS_MAX = 99_999;

async function upsertMembership(
  tx: DbOrTx,
  input: { eventId: string; userId: string; profile: JoinContext['profile']; now: Date },
): Promise<{ id: string; aliasNumber: number; state: 'created' | 'rejoined' | 'already_active' }> {
  const current = async () =>
    (
      await tx
        .select({
          id: memberships.id,
          aliasNumber: memberships.aliasNumber,
          status: memberships.status,
        })
        .from(memberships)
        .where(and(eq(memberships.eventId, input.eventId), eq(memberships.userId, input.userId)))
    )[0];

  const found = await current();
  if (found?.status === 'active')
    return { id: found.id, aliasNumber: found.aliasNumber, state: 'already_active' };
  if (found) {
    // Left earlier and joins again: the same membership (and alias) comes back.
    await tx
      .update(memberships)
      .set({ status: 'active', leftAt: null, joinedAt: input.now })
      .where(eq(memberships.id, found.id));
    return { id: found.id, aliasNumber: found.aliasNumber, state: 'rejoined' };
  }

  for (let attempt = 0; attempt < 12; attempt += 1) {
    // Random picks first; if the event is crowded enough to keep colliding, pick from the
    // numbers still free.
    const aliasNumber =
      attempt < 10 ? randomInt(ALIAS_MIN, ALIAS_MAX + 1) : await freeAliasNumber(tx, input.eventId);
    const [inserted] = await tx
      .insert(memberships)
      .values({
        id: generateId(),
        eventId: input.eventId,
        userId: input.userId,
        aliasNumber,
        name: input.profile.name,
        bib: input.profile.bib || null,
        category: input.profile.category,
        joinedAt: input.now,
      })
      // Either unique index may fire: the alias (try another) or (event, user) (a
      // simultaneous submission won — then this person is already a member).
      .onConflictDoNothing()
      .returning({ id: memberships.id, aliasNumber: memberships.aliasNumber });
    if (inserted) return { ...inserted, state: 'created' };
    const raced = await current();
    if (raced) return { id: raced.id, aliasNumber: raced.aliasNumber, state: 'already_active' };
  }
  throw new Error('no free alias number for this event');
}

async function freeAliasNumber(tx: DbOrTx, eventId: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    tx,
    sql`
    SELECT n FROM generate_series(${ALIAS_MIN}::int, ${ALIAS_MAX}::int) AS n
    WHERE NOT EXISTS (
      SELECT 1 FROM ${memberships}
      WHERE ${memberships.eventId} = ${eventId} AND ${memberships.aliasNumber} = n)
    ORDER BY random() LIMIT 1
  `,
  );
  if (!row) throw new Error('no free alias number for this event');
  return Number(row.n);
}
