import { eq, or } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { events, invitations } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { sha256 } from '~/modules/security/tokens.server';

/** What the public pages reached from an email may show about an event (never a person). */
export const publicEventColumns = {
  id: events.id,
  slug: events.slug,
  nameJa: events.nameJa,
  nameEn: events.nameEn,
  eventDate: events.eventDate,
  organizerNameJa: events.organizerNameJa,
  organizerNameEn: events.organizerNameEn,
  contactEmail: events.contactEmail,
  descriptionJa: events.descriptionJa,
  descriptionEn: events.descriptionEn,
};

export type PublicEvent = {
  id: string;
  slug: string;
  nameJa: string;
  nameEn: string;
  eventDate: string;
  organizerNameJa: string;
  organizerNameEn: string;
  contactEmail: string;
  descriptionJa: string;
  descriptionEn: string;
};

/** Tokens we issue are 43 characters of base64url; anything else is not looked up at all. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{32,64}$/.test(token);
}

export type InvitationLinkState =
  /** pending and not expired: may join or decline */
  | 'open'
  /** pending but past its expiry: may no longer join, may still decline */
  | 'expired'
  | 'declined'
  /** joined or revoked */
  | 'closed';

export interface InvitationByLink {
  id: string;
  email: string;
  name: string;
  bib: string;
  category: string | null;
  state: InvitationLinkState;
  event: PublicEvent;
}

/**
 * Finds the invitation an emailed link points to (the invitation's or the reminder's token).
 * Read-only: the pages that call it are opened by mail scanners. `for update` locks the row
 * when called inside the join or decline transaction, so two submissions run one after the
 * other.
 */
export async function findInvitationByToken(
  token: string | undefined,
  options: { tx?: DbOrTx; forUpdate?: boolean } = {},
): Promise<InvitationByLink | null> {
  if (!isWellFormedToken(token)) return null;
  const hash = sha256(token);
  const query = (options.tx ?? db)
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      bib: invitations.bib,
      category: invitations.category,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      event: publicEventColumns,
    })
    .from(invitations)
    .innerJoin(events, eq(events.id, invitations.eventId))
    .where(or(eq(invitations.tokenHash, hash), eq(invitations.reminderTokenHash, hash)));
  const [row] = options.forUpdate ? await query.for('update', { of: invitations }) : await query;
  if (!row) return null;
  const { status, expiresAt, ...rest } = row;
  let state: InvitationLinkState;
  if (status === 'pending') state = expiresAt.getTime() > Date.now() ? 'open' : 'expired';
  else if (status === 'declined') state = 'declined';
  else state = 'closed';
  return { ...rest, state };
}
