import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import {
  auditLog,
  eventCategories,
  invitations,
  nameSearchKeySql,
  outboundEmails,
} from '~db/schema';
import { db } from '~/modules/database/database.server';
import { maskEmail } from '~/modules/membership/mask-email';
import { normalizeText } from '~/utils/normalize';

/**
 * The staff's view of an event's invitees, one person per row (issue 13): who was invited,
 * what happened to their invitation, and the masked address only (SPEC P1). Every address is
 * masked here, in the module, so no loader can hand a raw one to the page.
 *
 * At 60,000 invitees the list pages by (bib, id) as keyset — "the 50 after bib 10423" read
 * from the (event, bib text_pattern_ops) index, never an OFFSET — and searches use the same
 * indexes and the same folding as the member directory (decision 092).
 */

import {
  inviteeStatuses,
  isInviteeStatus,
  MAX_INVITEE_SEARCH_LENGTH,
  type InviteeStatus,
} from './invitee-status';

export { inviteeStatuses, isInviteeStatus, MAX_INVITEE_SEARCH_LENGTH, type InviteeStatus };

export const INVITEE_PAGE_SIZE = 50;
/** Rows per read while the CSV is written: one chunk in memory at a time. */
const CSV_CHUNK = 2_000;

export function inviteeStatusSql(): SQL<InviteeStatus> {
  return sql<InviteeStatus>`(CASE
    WHEN ${invitations.status} = 'revoked' THEN 'revoked'
    WHEN ${invitations.status} = 'joined' THEN 'joined'
    WHEN ${invitations.status} = 'declined' THEN 'declined'
    WHEN ${invitations.bouncedAt} IS NOT NULL THEN 'bounced'
    WHEN ${invitations.expiresAt} < now() THEN 'expired'
    WHEN ${invitations.remindedAt} IS NOT NULL THEN 'reminded'
    WHEN ${invitations.sentAt} IS NOT NULL THEN 'sent'
    ELSE 'not_sent' END)`;
}

/** Where a page starts: after or before one invitee (bib, id), or the last page. */
export type InviteeCursor =
  { after: InviteePosition } | { before: InviteePosition } | { last: true };
export type InviteePosition = { bib: string; id: string };

export function encodeInviteePosition(position: InviteePosition): string {
  return Buffer.from(JSON.stringify([position.bib, position.id])).toString('base64url');
}

function decodeInviteePosition(value: string): InviteePosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      parsed[0].length <= 100 &&
      parsed[1].length <= 64 &&
      !parsed[0].includes('\u0000') &&
      !parsed[1].includes('\u0000')
    ) {
      return { bib: parsed[0], id: parsed[1] };
    }
  } catch {
    // not JSON: not a cursor
  }
  return null;
}

/** The page a URL asks for: null for the first, 'invalid' for something that is no cursor. */
export function inviteeCursorFromUrl(params: URLSearchParams): InviteeCursor | null | 'invalid' {
  const after = params.get('after');
  const before = params.get('before');
  const last = params.get('last');
  const given = [after, before, last].filter((value) => value !== null);
  if (given.length === 0) return null;
  if (given.length > 1) return 'invalid';
  if (last !== null) return last === '1' ? { last: true } : 'invalid';
  const position = decodeInviteePosition(after ?? before ?? '');
  if (!position) return 'invalid';
  return after !== null ? { after: position } : { before: position };
}

export interface InviteeFilters {
  query?: string;
  status?: InviteeStatus | null;
  category?: string | null;
}

/**
 * The filters a URL asks for; 'invalid' for an unknown status (the route answers 400).
 * A search for an address is not one: the list would become an oracle for "is this address
 * on the entrant list?", and the page would echo the address back (SPEC P1). It is dropped,
 * and `addressQuery` tells the page to say to search by bib or name instead.
 */
export function inviteeFiltersFromUrl(
  params: URLSearchParams,
): (Required<InviteeFilters> & { addressQuery: boolean }) | 'invalid' {
  let query = normalizeText(params.get('q') ?? '').slice(0, MAX_INVITEE_SEARCH_LENGTH);
  const addressQuery = query.includes('@');
  if (addressQuery) query = '';
  const statusParam = params.get('status') ?? '';
  if (statusParam !== '' && !isInviteeStatus(statusParam)) return 'invalid';
  const category = normalizeText(params.get('category') ?? '').slice(0, 100);
  return {
    query,
    addressQuery,
    status: statusParam === '' ? null : (statusParam as InviteeStatus),
    category: category === '' ? null : category,
  };
}

// Exact or prefix bib, as a byte-wise range the (event, bib text_pattern_ops) index answers.
function bibStartsWith(prefix: string): SQL {
  return sql`(${invitations.bib} ~>=~ ${prefix} AND ${invitations.bib} ~<~ ${`${prefix}\u{10FFFF}`})`;
}

// Folded by the same SQL that folds the stored name and kana, wildcards escaped; a query that
// folds to nothing matches no name.
function nameContains(query: string): SQL {
  const key = nameSearchKeySql(sql`${query}::text`);
  const escaped = sql`replace(replace(replace(${key}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return sql`${invitations.nameSearchKey} LIKE '%' || nullif(${escaped}, '') || '%'`;
}

function searchCondition(query: string): SQL | undefined {
  const q = normalizeText(query).slice(0, MAX_INVITEE_SEARCH_LENGTH);
  if (!q) return undefined;
  const conditions: SQL[] = [bibStartsWith(q)];
  if (q.toUpperCase() !== q) conditions.push(bibStartsWith(q.toUpperCase()));
  // Digits alone are a bib, never part of a name (see member-directory.server.ts).
  if (!/^\d+$/.test(q)) conditions.push(nameContains(q));
  return or(...conditions);
}

function filterCondition(eventId: string, filters: InviteeFilters): SQL {
  return and(
    eq(invitations.eventId, eventId),
    searchCondition(filters.query ?? ''),
    filters.status ? sql`${inviteeStatusSql()} = ${filters.status}` : undefined,
    filters.category ? eq(invitations.category, filters.category) : undefined,
  )!;
}

// Bibs sort byte-wise (the index's own order, `~<~`), the id breaks ties between equal bibs.
function afterPosition(p: InviteePosition): SQL {
  return sql`(${invitations.bib} ~>=~ ${p.bib} AND (${invitations.bib} ~>~ ${p.bib} OR ${invitations.id} > ${p.id}))`;
}
function beforePosition(p: InviteePosition): SQL {
  return sql`(${invitations.bib} ~<=~ ${p.bib} AND (${invitations.bib} ~<~ ${p.bib} OR ${invitations.id} < ${p.id}))`;
}
const ascending = [sql`${invitations.bib} USING ~<~`, asc(invitations.id)];
const descending = [sql`${invitations.bib} USING ~>~`, desc(invitations.id)];

const inviteeColumns = {
  id: invitations.id,
  bib: invitations.bib,
  name: invitations.name,
  nameKana: invitations.nameKana,
  category: invitations.category,
  email: invitations.email,
  status: inviteeStatusSql(),
  sentAt: invitations.sentAt,
  remindedAt: invitations.remindedAt,
  respondedAt: invitations.respondedAt,
  bouncedAt: invitations.bouncedAt,
  expiresAt: invitations.expiresAt,
  resentAt: invitations.resentAt,
  resendCount: invitations.resendCount,
  revokedAt: invitations.revokedAt,
};

function maskRow<T extends { email: string }>({ email, ...row }: T) {
  return { ...row, maskedEmail: maskEmail(email) };
}

async function countInvitees(where: SQL): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(invitations)
    .where(where);
  return Number(row?.value ?? 0);
}

export async function listInvitees(
  eventId: string,
  options: InviteeFilters & { cursor?: InviteeCursor | null } = {},
) {
  const matching = filterCondition(eventId, options);
  const cursor = options.cursor ?? null;
  const backwards = cursor !== null && !('after' in cursor);
  const from =
    cursor === null || 'last' in cursor
      ? undefined
      : 'after' in cursor
        ? afterPosition(cursor.after)
        : beforePosition(cursor.before);
  // Whether any match lies on the side the reader came from (so that way has a link).
  const behind =
    cursor === null || 'last' in cursor
      ? undefined
      : 'after' in cursor
        ? sql`NOT ${afterPosition(cursor.after)}`
        : sql`NOT ${beforePosition(cursor.before)}`;
  const [rows, count, cameFrom] = await Promise.all([
    db
      .select(inviteeColumns)
      .from(invitations)
      .where(and(matching, from))
      .orderBy(...(backwards ? descending : ascending))
      .limit(INVITEE_PAGE_SIZE + 1),
    countInvitees(matching),
    behind
      ? db
          .select({ one: sql`1` })
          .from(invitations)
          .where(and(matching, behind))
          .limit(1)
      : Promise.resolve([]),
  ]);
  const goesOn = rows.length > INVITEE_PAGE_SIZE;
  const page = rows.slice(0, INVITEE_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasEarlier = backwards ? goesOn : cameFrom.length > 0;
  const hasLater = backwards ? cameFrom.length > 0 : goesOn;
  const previous: InviteeCursor | null = !hasEarlier
    ? null
    : first
      ? { before: { bib: first.bib, id: first.id } }
      : { last: true };
  const next: InviteeCursor | null = !hasLater
    ? null
    : last
      ? { after: { bib: last.bib, id: last.id } }
      : { after: { bib: '', id: '' } };
  return {
    count,
    previous,
    next,
    invitees: page.map(maskRow),
  };
}

/** The categories (種目) staff can filter by: the event's own list, as the import kept it. */
export async function listInviteeCategories(eventId: string): Promise<string[]> {
  const rows = await db
    .select({ name: eventCategories.name })
    .from(eventCategories)
    .where(eq(eventCategories.eventId, eventId))
    .orderBy(asc(eventCategories.name));
  return rows.map((r) => r.name);
}

/**
 * One invitee with what happened to them: the emails sent (kind, status, time — never the
 * address) and the staff actions from the audit log.
 */
export async function findInvitee(eventId: string, invitationId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(invitationId)) return null;
  const [row] = await db
    .select(inviteeColumns)
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.eventId, eventId)));
  if (!row) return null;
  const [mails, actions] = await Promise.all([
    db
      .select({
        kind: outboundEmails.kind,
        status: outboundEmails.status,
        createdAt: outboundEmails.createdAt,
        sentAt: outboundEmails.sentAt,
      })
      .from(outboundEmails)
      .where(eq(outboundEmails.invitationId, invitationId))
      .orderBy(asc(outboundEmails.createdAt)),
    db
      .select({ action: auditLog.action, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(and(eq(auditLog.eventId, eventId), eq(auditLog.target, `invitation:${invitationId}`)))
      .orderBy(asc(auditLog.createdAt)),
  ]);
  return { ...maskRow(row), mails, actions };
}

/** What the CSV's status column says, in the reader's language (filled in by the route). */
export type StatusLabels = Record<InviteeStatus, string>;

// A cell Excel would run as a formula (=, +, -, @, and tab/CR that some versions honour)
// is written with a leading apostrophe; quotes are doubled and every cell is quoted.
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

// Japan time, as the office reads it, in a form Excel recognises as a date and time.
const csvDateFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'short',
});
function csvDate(value: Date | null): string {
  return value ? csvDateFormat.format(value) : '';
}

/**
 * The status list as CSV lines (UTF-8 with a BOM so Excel reads Japanese), read in keyset
 * chunks so 60,000 rows never sit in memory at once. No address column, masked or not.
 */
export async function* inviteeCsvLines(
  eventId: string,
  filters: InviteeFilters,
  labels: { header: string[]; status: StatusLabels },
): AsyncGenerator<string> {
  yield `\uFEFF${labels.header.map(csvCell).join(',')}\r\n`;
  const matching = filterCondition(eventId, filters);
  let position: InviteePosition | null = null;
  for (;;) {
    const rows: {
      id: string;
      bib: string;
      name: string;
      nameKana: string;
      category: string | null;
      status: InviteeStatus;
      sentAt: Date | null;
      remindedAt: Date | null;
      respondedAt: Date | null;
    }[] = await db
      .select({
        id: invitations.id,
        bib: invitations.bib,
        name: invitations.name,
        nameKana: invitations.nameKana,
        category: invitations.category,
        status: inviteeStatusSql(),
        sentAt: invitations.sentAt,
        remindedAt: invitations.remindedAt,
        respondedAt: invitations.respondedAt,
      })
      .from(invitations)
      .where(and(matching, position ? afterPosition(position) : undefined))
      .orderBy(...ascending)
      .limit(CSV_CHUNK);
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        [
          r.bib,
          r.name,
          r.nameKana,
          r.category ?? '',
          labels.status[r.status],
          csvDate(r.sentAt),
          csvDate(r.remindedAt),
          csvDate(r.respondedAt),
        ]
          .map(csvCell)
          .join(','),
      )
      .join('\r\n')
      .concat('\r\n');
    if (rows.length < CSV_CHUNK) return;
    const last = rows[rows.length - 1];
    position = { bib: last.bib, id: last.id };
  }
}
