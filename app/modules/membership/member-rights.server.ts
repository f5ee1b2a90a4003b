import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import {
  auditLog,
  capturedMail,
  channelPreferences,
  channels,
  consentRecords,
  events,
  eventStaff,
  invitations,
  joinConfirmations,
  memberships,
  outboundEmails,
  rateLimits,
  sessions,
  signInChallenges,
  staffInvitations,
  users,
  videos,
  videoViews,
} from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import { suppressAddress } from '~/modules/invitations/suppression.server';
import { generateId, recordsHmac, sha256 } from '~/modules/security/tokens.server';
import { rotateRelayAddress } from '~/modules/relay/relay-address.server';
import { conversationsForExport, eraseAttachmentsOf } from '~/modules/relay/relay-threads.server';
import { CURRENT_CONSENT_VERSION } from './consent-text.server';

/**
 * A member's rights (SPEC P11): leave an event, download everything stored about them, and
 * delete their account. Each is the member's own POST (export is a GET that changes nothing
 * but the audit log) and each is recorded in the audit log without an address.
 */

export interface RequestEvidence {
  ip: string;
  userAgent: string | null;
}

/** The consent version and language a person last granted for an event, for the withdrawal record. */
async function lastGrantedConsent(tx: DbOrTx, userId: string, eventId: string) {
  const [row] = await tx
    .select({ version: consentRecords.consentVersion, locale: consentRecords.consentLocale })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.userId, userId),
        eq(consentRecords.eventId, eventId),
        eq(consentRecords.action, 'granted'),
      ),
    )
    .orderBy(desc(consentRecords.createdAt))
    .limit(1);
  return row ?? null;
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
 * Everything Startline stores about the signed-in person, and nothing about anyone else:
 * every query below is keyed by this person's user id or address. Secrets (token and code
 * hashes, session ids) and other people's ids are left out; email bodies are summarized
 * because they contain one-time links.
 */
export async function exportMyData(userId: string) {
  const [account] = await db
    .select({ id: users.id, email: users.email, locale: users.locale, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return null;
  const email = account.email;
  const eventRef = { slug: events.slug, nameJa: events.nameJa, nameEn: events.nameEn };

  const myMemberships = await db
    .select({
      id: memberships.id,
      event: eventRef,
      aliasNumber: memberships.aliasNumber,
      name: memberships.name,
      bib: memberships.bib,
      category: memberships.category,
      status: memberships.status,
      joinedAt: memberships.joinedAt,
      leftAt: memberships.leftAt,
    })
    .from(memberships)
    .innerJoin(events, eq(events.id, memberships.eventId))
    .where(eq(memberships.userId, userId));
  const membershipIds = myMemberships.map((m) => m.id);

  const [
    preferences,
    consents,
    myInvitations,
    confirmations,
    staffRoles,
    myStaffInvitations,
    mySessions,
    challenges,
    mail,
    views,
    activity,
  ] = await Promise.all([
    membershipIds.length === 0
      ? []
      : db
          .select({
            event: eventRef,
            channel: { slug: channels.slug, nameJa: channels.nameJa, nameEn: channels.nameEn },
            emailEnabled: channelPreferences.emailEnabled,
            updatedAt: channelPreferences.updatedAt,
          })
          .from(channelPreferences)
          .innerJoin(channels, eq(channels.id, channelPreferences.channelId))
          .innerJoin(events, eq(events.id, channels.eventId))
          .where(inArray(channelPreferences.membershipId, membershipIds)),
    db
      .select({
        event: eventRef,
        action: consentRecords.action,
        method: consentRecords.method,
        consentVersion: consentRecords.consentVersion,
        consentLocale: consentRecords.consentLocale,
        ipHash: consentRecords.ipHash,
        userAgentHash: consentRecords.userAgentHash,
        createdAt: consentRecords.createdAt,
      })
      .from(consentRecords)
      .innerJoin(events, eq(events.id, consentRecords.eventId))
      .where(eq(consentRecords.userId, userId)),
    db
      .select({
        event: eventRef,
        email: invitations.email,
        name: invitations.name,
        bib: invitations.bib,
        category: invitations.category,
        status: invitations.status,
        createdAt: invitations.createdAt,
        sentAt: invitations.sentAt,
        remindedAt: invitations.remindedAt,
        bouncedAt: invitations.bouncedAt,
        respondedAt: invitations.respondedAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .innerJoin(events, eq(events.id, invitations.eventId))
      .where(eq(invitations.email, email)),
    db
      .select({
        event: eventRef,
        createdAt: joinConfirmations.createdAt,
        expiresAt: joinConfirmations.expiresAt,
        usedAt: joinConfirmations.usedAt,
      })
      .from(joinConfirmations)
      .innerJoin(events, eq(events.id, joinConfirmations.eventId))
      .where(eq(joinConfirmations.email, email)),
    db
      .select({ event: eventRef, role: eventStaff.role, since: eventStaff.createdAt })
      .from(eventStaff)
      .innerJoin(events, eq(events.id, eventStaff.eventId))
      .where(eq(eventStaff.userId, userId)),
    db
      .select({
        event: eventRef,
        role: staffInvitations.role,
        createdAt: staffInvitations.createdAt,
        acceptedAt: staffInvitations.acceptedAt,
      })
      .from(staffInvitations)
      .innerJoin(events, eq(events.id, staffInvitations.eventId))
      .where(eq(staffInvitations.email, email)),
    db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId)),
    db
      .select({
        createdAt: signInChallenges.createdAt,
        expiresAt: signInChallenges.expiresAt,
        usedAt: signInChallenges.usedAt,
        failedAttempts: signInChallenges.failedAttempts,
      })
      .from(signInChallenges)
      .where(eq(signInChallenges.email, email)),
    db
      .select({
        subject: outboundEmails.subject,
        template: outboundEmails.template,
        status: outboundEmails.status,
        createdAt: outboundEmails.createdAt,
        sentAt: outboundEmails.sentAt,
      })
      .from(outboundEmails)
      .where(eq(outboundEmails.toAddress, email)),
    membershipIds.length === 0
      ? []
      : db
          .select({
            event: eventRef,
            video: { titleJa: videos.titleJa, titleEn: videos.titleEn },
            plays: videoViews.plays,
            maxPercentWatched: videoViews.maxPercentWatched,
            firstViewedAt: videoViews.firstViewedAt,
            lastViewedAt: videoViews.lastViewedAt,
          })
          .from(videoViews)
          .innerJoin(videos, eq(videos.id, videoViews.videoId))
          .innerJoin(events, eq(events.id, videos.eventId))
          .where(inArray(videoViews.membershipId, membershipIds)),
    // What was done by me or to one of my memberships — the action and time only: details
    // and other actors belong to other people.
    db
      .select({
        action: auditLog.action,
        byMe: sql<boolean>`${auditLog.actorUserId} = ${userId}`,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .where(
        or(
          eq(auditLog.actorUserId, userId),
          membershipIds.length === 0
            ? undefined
            : inArray(
                auditLog.target,
                membershipIds.map((id) => `membership:${id}`),
              ),
        ),
      )
      .orderBy(auditLog.id),
  ]);

  return {
    format: 'startline-export/1',
    exportedAt: new Date().toISOString(),
    account,
    memberships: myMemberships.map(({ id: _id, ...m }) => m),
    channelPreferences: preferences,
    consentRecords: consents,
    invitations: myInvitations,
    joinConfirmations: confirmations,
    staffRoles,
    staffInvitations: myStaffInvitations,
    sessions: mySessions,
    signInCodes: challenges,
    emailsSentToMe: mail,
    videoViews: views,
    activity,
    messagesWithOrganizers: await conversationsForExport(membershipIds),
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
 * Erases a person’s personal data in one transaction. Deleting the user row cascades to
 * sessions, memberships (and their channel preferences and video views) and staff roles;
 * rows keyed by the address (invitations, sign-in codes, staff invitations, join
 * confirmations, stored and captured mail) are deleted here. The consent log keeps one
 * record per event stating that consent was withdrawn by account deletion — with no user
 * id, no request hashes, nothing that points back to the person. Audit entries stay
 * (append-only) and never held the address.
 *
 * The sole owner of an event must hand the event over first: an event without an owner
 * could not be managed or closed by anyone.
 */
export async function deleteMyAccount(userId: string): Promise<DeleteAccountResult> {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    if (!account) return { ok: true as const };
    const email = account.email;

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

    const mine = await membershipsToAudit(tx, userId);
    const consentedEvents = await tx
      .selectDistinct({ eventId: consentRecords.eventId })
      .from(consentRecords)
      .where(eq(consentRecords.userId, userId));
    const eventIds = new Set([
      ...mine.map((m) => m.eventId),
      ...consentedEvents.map((c) => c.eventId),
    ]);
    const withdrawals = [];
    for (const eventId of eventIds) {
      const granted = await lastGrantedConsent(tx, userId, eventId);
      withdrawals.push({
        id: generateId(),
        eventId,
        userId: null,
        action: 'withdrawn' as const,
        method: 'account_deleted' as const,
        consentVersion: granted?.version ?? CURRENT_CONSENT_VERSION,
        consentLocale: granted?.locale ?? account.locale,
      });
    }
    await tx.delete(consentRecords).where(eq(consentRecords.userId, userId));
    if (withdrawals.length > 0) await tx.insert(consentRecords).values(withdrawals);

    // Re-importing the entrant list must not invite the person again: each event they were
    // invited to or joined keeps only the keyed hash of the address, as after "don't invite
    // me again" (which also still lets them join by event code on their own).
    const invitedTo = await tx
      .select({ eventId: invitations.eventId })
      .from(invitations)
      .where(eq(invitations.email, email));
    for (const eventId of new Set([...eventIds, ...invitedTo.map((i) => i.eventId)])) {
      await suppressAddress({ eventId, email, reason: 'declined' }, tx);
    }
    await tx.delete(invitations).where(eq(invitations.email, email));
    await tx.delete(joinConfirmations).where(eq(joinConfirmations.email, email));
    await tx.delete(signInChallenges).where(eq(signInChallenges.email, email));
    await tx.delete(staffInvitations).where(eq(staffInvitations.email, email));
    await tx.delete(capturedMail).where(eq(capturedMail.toAddress, email));
    // A message in a batch being sent keeps its row until the batch is done: a retry must send
    // the identical request the provider already holds under its Idempotency-Key.
    await tx
      .delete(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, email), ne(outboundEmails.status, 'sending')));
    await tx
      .update(outboundEmails)
      .set({ eraseAfterSend: true })
      .where(and(eq(outboundEmails.toAddress, email), eq(outboundEmails.status, 'sending')));
    // Rate-limit counters are keyed "<bucket>:<sha256 of the address>".
    await tx.delete(rateLimits).where(sql`${rateLimits.key} like ${`%:${sha256(email)}`}`);

    await auditEachMembership(tx, mine, { action: 'member.delete', actorUserId: null });

    // Files kept from their replies to the organizers go with the rows (removed after commit).
    await eraseAttachmentsOf(
      mine.map((m) => m.id),
      tx,
    );
    await tx.delete(users).where(eq(users.id, userId));
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
