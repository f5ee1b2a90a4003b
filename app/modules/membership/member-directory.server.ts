import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import { memberships, users } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
import { maskEmailsInText } from '~/utils/logger.server';
import { normalizeText } from '~/utils/normalize';
import { preferencesOfMemberships } from './channel-preferences.server';
import { maskEmail } from './mask-email';

export { maskEmail };

/**
 * The staff's view of an event's members (SPEC P1). Every address leaves this module masked;
 * the one way to see a real address is revealMemberEmail, which writes the audit entry, with
 * the reason, in the same transaction that reads the address.
 */

export const MEMBER_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

function searchCondition(query: string): SQL | undefined {
  const q = normalizeText(query).slice(0, MAX_SEARCH_LENGTH);
  if (!q) return undefined;
  const compact = q.replace(/\s+/g, '');
  const pattern = `%${compact.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions: SQL[] = [
    eq(memberships.bib, q),
    // Names are matched without spaces: 「山田花子」 finds 「山田 花子」.
    sql`regexp_replace(${memberships.name}, '\\s', '', 'g') ilike ${pattern}`,
  ];
  const alias = /^#?(\d{1,9})$/.exec(q);
  if (alias) conditions.push(eq(memberships.aliasNumber, Number(alias[1])));
  return or(...conditions);
}

export async function listMembers(
  eventId: string,
  options: { query?: string; page?: number } = {},
) {
  const where = and(
    eq(memberships.eventId, eventId),
    eq(memberships.status, 'active'),
    searchCondition(options.query ?? ''),
  );
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(memberships)
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / MEMBER_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const rows = await db
    .select({
      id: memberships.id,
      aliasNumber: memberships.aliasNumber,
      bib: memberships.bib,
      name: memberships.name,
      joinedAt: memberships.joinedAt,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(memberships.aliasNumber))
    .limit(MEMBER_PAGE_SIZE)
    .offset((page - 1) * MEMBER_PAGE_SIZE);
  const preferences = await preferencesOfMemberships(
    eventId,
    rows.map((r) => r.id),
  );
  return {
    total,
    page,
    pageCount,
    members: rows.map(({ email, ...row }) => ({
      ...row,
      maskedEmail: maskEmail(email),
      emailByChannel: preferences.get(row.id) ?? {},
    })),
  };
}

/** The member shown on the reveal form: still masked. */
export async function findMemberOfEvent(eventId: string, membershipId: string) {
  const [row] = await db
    .select({
      id: memberships.id,
      aliasNumber: memberships.aliasNumber,
      bib: memberships.bib,
      name: memberships.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.id, membershipId),
        eq(memberships.eventId, eventId),
        eq(memberships.status, 'active'),
      ),
    );
  if (!row) return null;
  const { email, ...member } = row;
  return { ...member, maskedEmail: maskEmail(email) };
}

export const MAX_REVEAL_REASON_LENGTH = 500;

// Reveals are for the rare member who must be written to, one at a time. A burst of them is
// an export by another name, so each owner gets a small hourly budget per event.
export const revealLimit = { bucket: 'member-reveal', limit: 30, windowSeconds: 60 * 60 };

export async function mayRevealNow(eventId: string, actorUserId: string): Promise<boolean> {
  return hitRateLimit(revealLimit, `${eventId}:${actorUserId}`);
}

/**
 * Returns one member's address to an owner and records who asked, when, and why. The entry
 * and the read share a transaction: if the entry cannot be written, nothing is revealed.
 * The reason is stored with any address typed into it masked (the log holds no addresses).
 */
export async function revealMemberEmail(input: {
  eventId: string;
  actorUserId: string;
  membershipId: string;
  reason: string;
}): Promise<{ email: string; aliasNumber: number } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ aliasNumber: memberships.aliasNumber, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.id, input.membershipId),
          eq(memberships.eventId, input.eventId),
          eq(memberships.status, 'active'),
        ),
      );
    if (!row) return null;
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.actorUserId,
        action: 'member.reveal_email',
        target: `membership:${input.membershipId}`,
        detail: { alias: row.aliasNumber, reason: maskEmailsInText(input.reason) },
      },
      tx,
    );
    return row;
  });
}
