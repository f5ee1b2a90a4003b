import { and, eq, inArray } from 'drizzle-orm';
import { eventStaff, memberships, staffInvitations, users } from '~db/schema';
import { db } from '~/modules/database/database.server';
import { maskEmailsInText } from '~/utils/logger.server';
import { listAuditEntries } from './audit-log.server';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Who did something, as an owner may read it. Staff are colleagues: a current staff member
 * of this event is named by address. Anyone else — a member, a former colleague, a deleted
 * account — is named by member alias or not at all, so the log never shows a member's
 * address (a runner who is also former staff stays a runner).
 */
export type AuditPerson =
  | { kind: 'staff'; email: string }
  | { kind: 'member'; aliasNumber: number }
  | { kind: 'system' }
  | { kind: 'unknown' };

export interface AuditRow {
  id: number;
  action: string;
  createdAt: Date;
  actor: AuditPerson;
  target: AuditPerson | { kind: 'text'; text: string } | null;
  detail: Record<string, string>;
}

/** One page of an event's audit log, newest first, with keyset paging on the entry id. */
export async function auditLogPage(eventId: string, options: { before?: number } = {}) {
  const entries = await listAuditEntries(eventId, {
    before: options.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const hasOlder = entries.length > AUDIT_PAGE_SIZE;
  const page = entries.slice(0, AUDIT_PAGE_SIZE);

  const userIds = new Set<string>();
  const membershipIds = new Set<string>();
  const invitationIds = new Set<string>();
  for (const entry of page) {
    if (entry.actorUserId) userIds.add(entry.actorUserId);
    const [kind, id] = splitTarget(entry.target);
    if (kind === 'user' && id) userIds.add(id);
    if (kind === 'membership' && id) membershipIds.add(id);
    if (kind === 'staff-invitation' && id) invitationIds.add(id);
  }
  const people = await describeUsers(eventId, [...userIds]);
  const aliasByMembership = await membershipAliases(eventId, [...membershipIds]);
  const invitees = await describeStaffInvitations(eventId, [...invitationIds]);

  const rows: AuditRow[] = page.map((entry) => {
    const [kind, id] = splitTarget(entry.target);
    let target: AuditRow['target'] = null;
    const detailAlias = typeof entry.detail.alias === 'number' ? entry.detail.alias : null;
    if (kind === 'user' && id) target = people.get(id) ?? { kind: 'unknown' };
    else if (kind === 'membership' && id) {
      const alias = aliasByMembership.get(id) ?? detailAlias;
      target = alias === null ? { kind: 'unknown' } : { kind: 'member', aliasNumber: alias };
    } else if (kind === 'staff-invitation' && id) target = invitees.get(id) ?? { kind: 'unknown' };
    else if (kind === 'event') target = null;
    else if (entry.target) target = { kind: 'text', text: maskEmailsInText(entry.target) };
    return {
      id: entry.id,
      action: entry.action,
      createdAt: entry.createdAt,
      actor: entry.actorUserId
        ? (people.get(entry.actorUserId) ?? { kind: 'unknown' })
        : { kind: 'system' },
      target,
      detail: flattenDetail(entry.detail),
    };
  });
  return { rows, olderBefore: hasOlder ? page[page.length - 1].id : null };
}

function splitTarget(target: string | null): [string | null, string | null] {
  if (!target) return [null, null];
  const colon = target.indexOf(':');
  return colon < 0 ? [target, null] : [target.slice(0, colon), target.slice(colon + 1)];
}

async function describeUsers(eventId: string, userIds: string[]) {
  const result = new Map<string, AuditPerson>();
  if (userIds.length === 0) return result;
  const [staff, members] = await Promise.all([
    db
      .select({ userId: eventStaff.userId, email: users.email })
      .from(eventStaff)
      .innerJoin(users, eq(users.id, eventStaff.userId))
      .where(and(eq(eventStaff.eventId, eventId), inArray(eventStaff.userId, userIds))),
    db
      .select({ userId: memberships.userId, aliasNumber: memberships.aliasNumber })
      .from(memberships)
      .where(and(eq(memberships.eventId, eventId), inArray(memberships.userId, userIds))),
  ]);
  for (const m of members) result.set(m.userId, { kind: 'member', aliasNumber: m.aliasNumber });
  for (const s of staff) result.set(s.userId, { kind: 'staff', email: s.email });
  return result;
}

async function membershipAliases(eventId: string, membershipIds: string[]) {
  if (membershipIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ id: memberships.id, aliasNumber: memberships.aliasNumber })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), inArray(memberships.id, membershipIds)));
  return new Map(rows.map((r) => [r.id, r.aliasNumber]));
}

/**
 * A staff invitation is named by address only while it is pending (the owners typed that
 * address themselves) or its invitee is on the staff now; otherwise like any other person.
 */
async function describeStaffInvitations(eventId: string, invitationIds: string[]) {
  const result = new Map<string, AuditPerson>();
  if (invitationIds.length === 0) return result;
  const rows = await db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      acceptedAt: staffInvitations.acceptedAt,
      staffUserId: eventStaff.userId,
      aliasNumber: memberships.aliasNumber,
    })
    .from(staffInvitations)
    .leftJoin(users, eq(users.email, staffInvitations.email))
    .leftJoin(eventStaff, and(eq(eventStaff.userId, users.id), eq(eventStaff.eventId, eventId)))
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.eventId, eventId)))
    .where(and(eq(staffInvitations.eventId, eventId), inArray(staffInvitations.id, invitationIds)));
  for (const row of rows) {
    if (row.staffUserId || !row.acceptedAt) {
      result.set(row.id, { kind: 'staff', email: row.email });
    } else if (row.aliasNumber !== null) {
      result.set(row.id, { kind: 'member', aliasNumber: row.aliasNumber });
    }
  }
  return result;
}

/** Detail values as short strings, any address-looking text masked (defence in depth). */
function flattenDetail(detail: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (key === 'alias') continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    out[key] = maskEmailsInText(text ?? '').slice(0, 500);
  }
  return out;
}
