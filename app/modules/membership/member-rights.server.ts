import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { consentRecords, events, eventStaff, memberships } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { generateId, recordsHmac } from '~/modules/security/tokens.server';
import { rotateRelayAddress } from '~/modules/relay/relay-address.server';
import { lastGrantedConsent } from './consent-records.server';
import { CURRENT_CONSENT_VERSION } from './consent-text.server';
import {
  erasePersonalData,
  findPersonalDataSubject,
  readPersonalData,
} from './personal-data-registry.server';

/**
 * A member's rights (SPEC P11): leave an event, download everything stored about them, and
 * delete their account. Each is the member's own POST (export is a GET that changes nothing
 * but the audit log) and each is recorded in the audit log without an address. What the
 * export contains and what the deletion erases is declared per table in the personal-data
 * registry (personal-data-registry.server.ts, 083); the functions here only walk it.
 */

export interface RequestEvidence {
  ip: string;
  userAgent: string | null;
}

/**
 * Leaves one event. Mail stops at once: every member mail is checked against the
 * membership's status when it is sent (mayEmailMember), not only when it was queued.
 */
export async function leaveEvent(input: {
  userId: string;
  membershipId: string;
  eventId: string;
  locale: 'ja' | 'en';
  evidence: RequestEvidence;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const left = await tx
      .update(memberships)
      .set({ status: 'left', leftAt: new Date() })
      .where(
        and(
          eq(memberships.id, input.membershipId),
          eq(memberships.userId, input.userId),
          eq(memberships.eventId, input.eventId),
          eq(memberships.status, 'active'),
        ),
      )
      .returning({ aliasNumber: memberships.aliasNumber });
    if (left.length === 0) return false;
    const granted = await lastGrantedConsent(tx, input.userId, input.eventId);
    await tx.insert(consentRecords).values({
      id: generateId(),
      eventId: input.eventId,
      userId: input.userId,
      action: 'withdrawn',
      method: 'left',
      consentVersion: granted?.version ?? CURRENT_CONSENT_VERSION,
      consentLocale: granted?.locale ?? input.locale,
      ipHash: recordsHmac('consent-ip', input.evidence.ip),
      userAgentHash: input.evidence.userAgent
        ? recordsHmac('consent-user-agent', input.evidence.userAgent)
        : null,
    });
    await appendAudit(
      {
        eventId: input.eventId,
        actorUserId: input.userId,
        action: 'member.leave',
        target: `membership:${input.membershipId}`,
        detail: { alias: left[0].aliasNumber },
      },
      tx,
    );
    // The reply address in every email they received stops working (SPEC P6: live tokens only).
    await rotateRelayAddress(input.membershipId, tx);
    return true;
  });
}

/**
 * Everything Startline stores about the signed-in person, and nothing about anyone else: each
 * section is a registry declaration's export, keyed by this person's user id, address or
 * memberships. Secrets (token and code hashes, session ids) and other people's ids are left
 * out; email bodies are summarized because they contain one-time links.
 */
export async function exportMyData(userId: string) {
  const subject = await findPersonalDataSubject(db, userId);
  if (!subject) return null;
  const { account, ...sections } = await readPersonalData(subject);
  return {
    format: 'startline-export/1',
    exportedAt: new Date().toISOString(),
    account,
    ...sections,
  };
}

/** The person's memberships, as the audit entries of an export or a deletion name them. */
async function membershipsToAudit(tx: DbOrTx, userId: string) {
  return tx
    .select({
      id: memberships.id,
      eventId: memberships.eventId,
      aliasNumber: memberships.aliasNumber,
    })
    .from(memberships)
    .where(eq(memberships.userId, userId));
}

/**
 * One audit entry per membership, in its event (so that event's owners see it) and by alias;
 * a person with no membership gets one entry outside any event.
 */
async function auditEachMembership(
  tx: DbOrTx,
  mine: Awaited<ReturnType<typeof membershipsToAudit>>,
  entry: { action: 'member.export' | 'member.delete'; actorUserId: string | null },
) {
  if (mine.length === 0) await appendAudit(entry, tx);
  for (const m of mine) {
    await appendAudit(
      {
        ...entry,
        eventId: m.eventId,
        target: `membership:${m.id}`,
        detail: { alias: m.aliasNumber },
      },
      tx,
    );
  }
}

/** Records the export in each event the person belongs to (owners see that it happened). */
export async function recordExport(userId: string) {
  const mine = await membershipsToAudit(db, userId);
  await db.transaction(async (tx) => {
    await auditEachMembership(tx, mine, { action: 'member.export', actorUserId: userId });
  });
}

export type DeleteAccountResult =
  { ok: true } | { ok: false; reason: 'last_owner'; events: string[] };

/**
 * Erases a person's personal data in one transaction, as the registry declares it: rows keyed
 * by the person are deleted (most by the cascade from the users row, which goes last), rows
 * that count for something keep their numbers and lose the person (video views, claimed
 * codes, deliveries), and the consent log keeps one record per event stating that consent was
 * withdrawn by account deletion, with nothing that points back to the person. Audit entries
 * stay (append-only) and never held the address.
 *
 * The sole owner of an event must hand the event over first: an event without an owner
 * could not be managed or closed by anyone. (A sponsor's last staff member is not held back:
 * the event's owners can invite a new contact to the sponsor, 083.)
 */
export async function deleteMyAccount(userId: string): Promise<DeleteAccountResult> {
  return db.transaction(async (tx) => {
    const subject = await findPersonalDataSubject(tx, userId, { lockAccount: true });
    if (!subject) return { ok: true as const };

    const soleOwnerOf = await tx
      .select({ slug: events.slug })
      .from(eventStaff)
      .innerJoin(events, eq(events.id, eventStaff.eventId))
      .where(
        and(
          eq(eventStaff.userId, userId),
          eq(eventStaff.role, 'owner'),
          sql`(select count(*) from ${eventStaff} other where other.event_id = ${eventStaff.eventId} and other.role = 'owner') = 1`,
        ),
      );
    if (soleOwnerOf.length > 0) {
      return {
        ok: false as const,
        reason: 'last_owner' as const,
        events: soleOwnerOf.map((e) => e.slug),
      };
    }

    await auditEachMembership(tx, subject.memberships, {
      action: 'member.delete',
      actorUserId: null,
    });
    await erasePersonalData(tx, subject);
    return { ok: true as const };
  });
}

/**
 * The export as a download: recorded in the audit log, an attachment, never cached (it is
 * one person's data), and not sniffable as anything but JSON.
 */
export async function myDataDownload(userId: string, fileLabel: string): Promise<Response> {
  const data = await exportMyData(userId);
  if (!data) throw new Response(null, { status: 404 });
  await recordExport(userId);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="startline-my-data-${fileLabel}-${date}.json"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
