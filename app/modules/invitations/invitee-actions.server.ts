import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { invitations, memberships, users } from '~db/schema';
import { env } from '~/env.server';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { maskEmailsInText } from '~/utils/logger.server';
import { normalizeEmail } from '~/utils/normalize';
import {
  cancelQueuedInvitationMail,
  INVITATION_TTL_DAYS,
  queueInvitationResend,
} from './invitation-delivery.server';
import { isSuppressed } from './suppression.server';

/**
 * What staff may do for one invitee on the phone (issue 13): send the invitation again,
 * correct a mistyped address, or withdraw the invitation. Each runs in one transaction with
 * the invitation row locked (a double click waits for the first click, then sees its
 * result), writes its audit entry in that transaction, and refuses with a code — never a
 * partial write. No address, old or new, is ever returned or logged unmasked.
 */

export type InviteeActionRefusal =
  | 'not_found'
  | 'joined'
  | 'declined'
  | 'revoked'
  | 'suppressed'
  | 'resend_limit'
  | 'same_address'
  | 'address_taken'
  | 'already_member';

export type InviteeActionResult = { ok: true } | { ok: false; refusal: InviteeActionRefusal };

import { MAX_CORRECTION_REASON_LENGTH } from './invitee-status';
import { correctAddressSchema } from './correct-address-form';

export { MAX_CORRECTION_REASON_LENGTH, correctAddressSchema };

interface ActionInput {
  eventId: string;
  actorUserId: string;
  invitationId: string;
}

async function lockInvitation(tx: DbOrTx, eventId: string, invitationId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(invitationId)) return null;
  const [row] = await tx
    .select({
      id: invitations.id,
      eventId: invitations.eventId,
      email: invitations.email,
      bib: invitations.bib,
      status: invitations.status,
      resendCount: invitations.resendCount,
    })
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.eventId, eventId)))
    .for('update');
  return row ?? null;
}

/** Joined, declined and revoked invitations are finished: nothing more is sent for them. */
function finished(status: string): InviteeActionRefusal | null {
  if (status === 'joined' || status === 'declined' || status === 'revoked') return status;
  return null;
}

class Refused extends Error {
  constructor(readonly refusal: InviteeActionRefusal) {
    super(refusal);
  }
}

async function refusable(run: () => Promise<void>): Promise<InviteeActionResult> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    // Two corrections to the same address at once: the (event, email) index decides.
    if ((error as { code?: string } | null)?.code === '23505') {
      return { ok: false, refusal: 'address_taken' };
    }
    throw error;
  }
}

/**
 * Sends the invitation again, at most INVITATION_MAX_RESENDS times. The new email's link
 * replaces the older ones (only the newest email opens the join page) and gets a fresh expiry.
 */
export function resendInvitation(input: ActionInput): Promise<InviteeActionResult> {
  return refusable(() =>
    db.transaction(async (tx) => {
      const row = await lockInvitation(tx, input.eventId, input.invitationId);
      if (!row) throw new Refused('not_found');
      const done = finished(row.status);
      if (done) throw new Refused(done);
      if (await isSuppressed(input.eventId, row.email, tx)) throw new Refused('suppressed');
      if (row.resendCount >= env.INVITATION_MAX_RESENDS) throw new Refused('resend_limit');
      // The expiry the new email states, set with the request (the email is rendered now).
      const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
      await tx
        .update(invitations)
        .set({ resendCount: sql`${invitations.resendCount} + 1`, resentAt: new Date(), expiresAt })
        .where(eq(invitations.id, row.id));
      await cancelQueuedInvitationMail(tx, row.id);
      await queueInvitationResend(tx, { ...row, expiresAt });
      await appendAudit(
        {
          eventId: input.eventId,
          actorUserId: input.actorUserId,
          action: 'invitation.resend',
          target: `invitation:${row.id}`,
          detail: { bib: row.bib, resendCount: row.resendCount + 1 },
        },
        tx,
      );
    }),
  );
}

/**
 * Replaces a mistyped address. Every link sent to the old address dies at once (the token
 * hashes are cleared and unsent mail is cancelled), and the new address gets a fresh
 * invitation. The audit entry holds the reason and the new address masked, never the old.
 */
export function correctInvitationAddress(
  input: ActionInput & { email: string; reason: string },
): Promise<InviteeActionResult> {
  const email = normalizeEmail(input.email);
  return refusable(() =>
    db.transaction(async (tx) => {
      const row = await lockInvitation(tx, input.eventId, input.invitationId);
      if (!row) throw new Refused('not_found');
      const done = finished(row.status);
      if (done) throw new Refused(done);
      if (row.email === email) throw new Refused('same_address');
      const [taken] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(
          and(
            eq(invitations.eventId, input.eventId),
            eq(invitations.email, email),
            ne(invitations.id, row.id),
          ),
        )
        .limit(1);
      if (taken) throw new Refused('address_taken');
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.eventId, input.eventId), eq(users.email, email)))
        .limit(1);
      if (member) throw new Refused('already_member');
      if (await isSuppressed(input.eventId, email, tx)) throw new Refused('suppressed');
      const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
      await tx
        .update(invitations)
        .set({
          email,
          tokenHash: null,
          reminderTokenHash: null,
          sentAt: null,
          remindedAt: null,
          bouncedAt: null,
          expiresAt,
        })
        .where(eq(invitations.id, row.id));
      await cancelQueuedInvitationMail(tx, row.id);
      await queueInvitationResend(tx, { ...row, expiresAt });
      await appendAudit(
        {
          eventId: input.eventId,
          actorUserId: input.actorUserId,
          action: 'invitation.correct_address',
          target: `invitation:${row.id}`,
          detail: {
            bib: row.bib,
            newAddress: maskEmail(email),
            reason: maskEmailsInText(input.reason),
          },
        },
        tx,
      );
    }),
  );
}

/** Withdraws the invitation: its links die at once and nothing more is sent. */
export function revokeInvitation(input: ActionInput): Promise<InviteeActionResult> {
  return refusable(() =>
    db.transaction(async (tx) => {
      const row = await lockInvitation(tx, input.eventId, input.invitationId);
      if (!row) throw new Refused('not_found');
      const done = finished(row.status);
      if (done) throw new Refused(done);
      await tx
        .update(invitations)
        .set({ status: 'revoked', revokedAt: new Date(), tokenHash: null, reminderTokenHash: null })
        .where(eq(invitations.id, row.id));
      await cancelQueuedInvitationMail(tx, row.id);
      await appendAudit(
        {
          eventId: input.eventId,
          actorUserId: input.actorUserId,
          action: 'invitation.revoke',
          target: `invitation:${row.id}`,
          detail: { bib: row.bib },
        },
        tx,
      );
    }),
  );
}
