import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { invitations, outboundEmails } from '~db/schema';
import { normalizeEmail } from '~/utils/normalize';
import { suppressAddress } from './suppression.server';

const INVITATION_TEMPLATES = ['invitation', 'invitation-reminder'];

/**
 * A bounce or complaint about an invitation email (Resend's webhook names the provider's
 * message id). The address's pending invitations stop: a bounce marks them bounced — the
 * funnel's "bounced", and no reminder goes out — and either outcome suppresses the address
 * in those events, so a later upload does not invite it again. Joined, declined or revoked
 * invitations are left as they are. Returns the events concerned.
 */
export async function recordInvitationOutcome(
  input: { providerMessageId: string; address: string; outcome: 'bounced' | 'complained' },
  tx: DbOrTx,
): Promise<string[]> {
  const [invitationEmail] = await tx
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.providerMessageId, input.providerMessageId),
        inArray(outboundEmails.template, INVITATION_TEMPLATES),
      ),
    );
  if (!invitationEmail) return [];
  const email = normalizeEmail(input.address);
  const pending = and(
    eq(invitations.email, email),
    eq(invitations.status, 'pending'),
    isNotNull(invitations.sentAt),
  );
  const affected =
    input.outcome === 'bounced'
      ? await tx
          .update(invitations)
          .set({ bouncedAt: sql`coalesce(${invitations.bouncedAt}, now())` })
          .where(pending)
          .returning({ eventId: invitations.eventId })
      : await tx.select({ eventId: invitations.eventId }).from(invitations).where(pending);
  const eventIds = [...new Set(affected.map((row) => row.eventId))];
  for (const eventId of eventIds) {
    await suppressAddress({ eventId, email, reason: input.outcome }, tx);
  }
  return eventIds;
}
