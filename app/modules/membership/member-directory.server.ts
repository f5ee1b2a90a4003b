import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { eventMemberCounts, memberships, nameSearchKeySql, users } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { hitRateLimit } from '~/modules/rate-limit/rate-limit.server';
import { maskEmailsInText } from '~/utils/logger.server';
import { normalizeText } from '~/utils/normalize';
import { preferencesOfMemberships } from './channel-preferences.server';
import { maskEmail } from './mask-email';
import { MAX_SEARCH_LENGTH } from './member-directory-limits';

export { MAX_SEARCH_LENGTH } from './member-directory-limits';

export { maskEmail };

/**
 * The staff's view of an event's members (SPEC P1). Every address leaves this module masked;
 * the one way to see a real address is revealMemberEmail, which writes the audit entry, with
 * the reason, in the same transaction that reads the address.
 *
 * At 60,000 runners (decision 092) the list pages by alias number, which is unique per event
 * (keyset: "the 50 after #4821", read from the (event, alias) index, never an OFFSET); a
 * search uses indexes for the bib (exact or prefix) and the folded name (trigrams); and the
 * total comes from a count the database keeps, not from counting every member on each view.
 */

export const MEMBER_PAGE_SIZE = 50;
/**
 * Search results are counted up to this many; beyond it the page says "more than". Four pages
 * of matches already say "type more of the name"; counting further read every row up to the
 * thousandth match (a common surname at 50,000 members: ~20,000 rows, ~15 ms per search).
 */
export const SEARCH_COUNT_LIMIT = 200;

const MAX_ALIAS = 2_147_483_647;

/** Where a page starts: after or before an alias number, or the last page. */
export type MemberCursor = { after: number } | { before: number } | { last: true };

/**
 * The page a URL asks for: null for the first page, 'invalid' for a cursor that is not one
 * (a malformed number, or two cursors at once) — the route answers that with a 400.
 */
export function memberCursorFromUrl(params: URLSearchParams): MemberCursor | null | 'invalid' {
  const after = params.get('after');
  const before = params.get('before');
  const last = params.get('last');
  const given = [after, before, last].filter((value) => value !== null);
  if (given.length === 0) return null;
  if (given.length > 1) return 'invalid';
  if (last !== null) return last === '1' ? { last: true } : 'invalid';
  const value = after ?? before ?? '';
  // Alias numbers are PostgreSQL integers: a larger one is no cursor (and no query error).
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_ALIAS) return 'invalid';
  return after !== null ? { after: Number(value) } : { before: Number(value) };
}

// Exact or prefix: every bib that starts with the prefix sorts, byte by byte, between the
// prefix and the prefix followed by the last code point, a range the (event, bib
// text_pattern_ops) index answers directly.
function bibStartsWith(prefix: string): SQL {
  return sql`(${memberships.bib} ~>=~ ${prefix} AND ${memberships.bib} ~<~ ${`${prefix}\u{10FFFF}`})`;
}

// The query is folded by the very SQL that folds the stored names (nameSearchKeySql), then
// its LIKE wildcards are escaped; a query that folds to nothing (「・」) matches no name.
function nameContains(query: string): SQL {
  const key = nameSearchKeySql(sql`${query}::text`);
  const escaped = sql`replace(replace(replace(${key}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return sql`${memberships.nameSearchKey} LIKE '%' || nullif(${escaped}, '') || '%'`;
}

function searchCondition(query: string): SQL | undefined {
  const q = normalizeText(query).slice(0, MAX_SEARCH_LENGTH);
  if (!q) return undefined;
  const conditions: SQL[] = [bibStartsWith(q)];
  // Bibs such as "A123" are found when typed "a123" too.
  if (q.toUpperCase() !== q) conditions.push(bibStartsWith(q.toUpperCase()));
  const alias = /^#?(\d{1,9})$/.exec(q);
  if (alias) conditions.push(eq(memberships.aliasNumber, Number(alias[1])));
  // Digits alone are a bib or an alias, never part of a name: searching names for them would
  // only turn "1024" into a scan of every name holding a 1, a 0, a 2 and a 4.
  if (!/^#?\d+$/.test(q)) conditions.push(nameContains(q));
  return or(...conditions);
}

export interface MemberCount {
  value: number;
  /** True when a search matched more than SEARCH_COUNT_LIMIT members: "more than value". */
  isLowerBound: boolean;
}

async function countMembers(eventId: string, search: SQL | undefined): Promise<MemberCount> {
  if (!search) {
    const [row] = await db
      .select({ value: eventMemberCounts.activeMembers })
      .from(eventMemberCounts)
      .where(eq(eventMemberCounts.eventId, eventId));
    return { value: row?.value ?? 0, isLowerBound: false };
  }
  // Counting stops one past the limit, so a search for "1" reads 201 rows, not 11,000.
  const bounded = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.status, 'active'), search))
    .limit(SEARCH_COUNT_LIMIT + 1)
    .as('bounded');
  const [row] = await db.select({ value: sql<number>`count(*)::int` }).from(bounded);
  const value = Number(row?.value ?? 0);
  return value > SEARCH_COUNT_LIMIT
    ? { value: SEARCH_COUNT_LIMIT, isLowerBound: true }
    : { value, isLowerBound: false };
}

export async function listMembers(
  eventId: string,
  options: { query?: string; cursor?: MemberCursor | null } = {},
) {
  const search = searchCondition(options.query ?? '');
  const matching = and(eq(memberships.eventId, eventId), eq(memberships.status, 'active'), search);
  const cursor = options.cursor ?? null;
  const alias = memberships.aliasNumber;
  // Backwards pages (before a member, or the last page) are read in descending order.
  const backwards = cursor !== null && !('after' in cursor);
  const from =
    cursor === null || 'last' in cursor
      ? undefined
      : 'after' in cursor
        ? gt(alias, cursor.after)
        : lt(alias, cursor.before);
  // Whether any match lies on the side the reader came from (so that way has a link).
  const behind =
    cursor === null || 'last' in cursor
      ? undefined
      : 'after' in cursor
        ? lte(alias, cursor.after)
        : gte(alias, cursor.before);
  const [rows, count, cameFrom] = await Promise.all([
    db
      .select({
        id: memberships.id,
        aliasNumber: memberships.aliasNumber,
        bib: memberships.bib,
        name: memberships.name,
        joinedAt: memberships.joinedAt,
        userId: memberships.userId,
      })
      .from(memberships)
      .where(and(matching, from))
      .orderBy(backwards ? desc(alias) : asc(alias))
      // One more than a page tells whether the list goes on.
      .limit(MEMBER_PAGE_SIZE + 1),
    countMembers(eventId, search),
    behind
      ? db
          .select({ one: sql`1` })
          .from(memberships)
          .where(and(matching, behind))
          .limit(1)
      : Promise.resolve([]),
  ]);
  const goesOn = rows.length > MEMBER_PAGE_SIZE;
  const page = rows.slice(0, MEMBER_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0]?.aliasNumber;
  const last = page[page.length - 1]?.aliasNumber;
  const hasEarlier = backwards ? goesOn : cameFrom.length > 0;
  const hasLater = backwards ? cameFrom.length > 0 : goesOn;
  // On an empty page (a cursor past either end) the way back is the last or the first page.
  const previous: MemberCursor | null = !hasEarlier
    ? null
    : first !== undefined
      ? { before: first }
      : { last: true };
  const next: MemberCursor | null = !hasLater
    ? null
    : last !== undefined
      ? { after: last }
      : { after: 0 };
  // The addresses (to be masked) are read for this page's members only, by primary key: a
  // join in the page query could be planned before the LIMIT, for every member of the event.
  const [addresses, preferences] = await Promise.all([
    page.length === 0
      ? []
      : db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(
            inArray(
              users.id,
              page.map((r) => r.userId),
            ),
          ),
    preferencesOfMemberships(
      eventId,
      page.map((r) => r.id),
    ),
  ]);
  const emailOf = new Map(addresses.map((a) => [a.id, a.email]));
  return {
    count,
    /** Where the pages before and after this one start (null: there is none). */
    previous,
    next,
    members: page.map(({ userId, ...row }) => ({
      ...row,
      maskedEmail: maskEmail(emailOf.get(userId) ?? ''),
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
