import { eq } from 'drizzle-orm';
import { invitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { findInvitationByToken, type PublicEvent } from './invitation-link.server';
import { suppressAddress } from './suppression.server';

export type DeclineResult = { ok: true; event: PublicEvent } | { ok: false };

/**
 * "Don't invite me again" (only ever a POST from the page's button). Suppresses the address
 * for this event — no reminder, and no later upload invites it again — and erases the
 * address and name from the invitation: after a "no", only the keyed hash is kept, which is
 * all the promise needs. Works on an expired invitation too; declining twice is fine.
 */
export async function declineInvitation(token: string | undefined): Promise<DeclineResult> {
  return db.transaction(async (tx) => {
    const invitation = await findInvitationByToken(token, { tx, forUpdate: true });
    if (!invitation) return { ok: false as const };
    if (invitation.state === 'declined') return { ok: true as const, event: invitation.event };
    if (invitation.state !== 'open' && invitation.state !== 'expired')
      return { ok: false as const };
    await suppressAddress(
      { eventId: invitation.event.id, email: invitation.email, reason: 'declined' },
      tx,
    );
    await tx
      .update(invitations)
      .set({
        status: 'declined',
        respondedAt: new Date(),
        email: `declined:${invitation.id}`,
        name: '',
      })
      .where(eq(invitations.id, invitation.id));
    return { ok: true as const, event: invitation.event };
  });
}
