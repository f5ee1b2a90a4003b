import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import {
  announcements,
  events,
  eventStaff,
  memberships,
  relayAttachments,
  relayMessages,
  relayThreads,
  users,
  type RelayDirection,
  type RelayHoldReason,
  type RelayMessageNote,
  type RelaySource,
} from '~db/schema';
import type { Locale } from '~/i18n/types';
import { contentFor } from '~/modules/announcements/announcement-email.server';
import { db } from '~/modules/database/database.server';
import { qualifiedName as q } from '~/modules/database/sql-names.server';
import { defineQueue, enqueue } from '~/modules/jobs/queue.server';
import { generateId } from '~/modules/security/tokens.server';
import { attachmentStorage, discardStored, type KeptAttachment } from './relay-attachments.server';

/**
 * The organizer inbox's threads and messages. One thread per member per event; every query
 * that returns something to a page selects the fields that page shows and nothing else — in
 * particular no address: members are named by alias (and bib, for staff), staff by nothing at
 * all on the member's side.
 */

/** The member's thread, created on their first message. */
export async function ensureThread(
  tx: DbOrTx,
  eventId: string,
  membershipId: string,
): Promise<string> {
  await tx
    .insert(relayThreads)
    .values({ id: generateId(), eventId, membershipId })
    .onConflictDoNothing({ target: relayThreads.membershipId });
  const [row] = await tx
    .select({ id: relayThreads.id })
    .from(relayThreads)
    .where(eq(relayThreads.membershipId, membershipId));
  return row.id;
}

export interface NewRelayMessage {
  threadId: string;
  direction: RelayDirection;
  body: string;
  source: RelaySource;
  authorUserId?: string | null;
  announcementId?: string | null;
  notes?: RelayMessageNote[];
  held?: { reason: RelayHoldReason; senderMasked: string | null } | null;
  attachments?: KeptAttachment[];
}

/** Stores one message (and its files' rows) and updates the thread's flags. */
export async function insertMessage(tx: DbOrTx, message: NewRelayMessage): Promise<string> {
  const id = generateId();
  await tx.insert(relayMessages).values({
    id,
    threadId: message.threadId,
    direction: message.direction,
    body: message.body,
    source: message.source,
    authorUserId: message.authorUserId ?? null,
    announcementId: message.announcementId ?? null,
    notes: message.notes ?? [],
    held: Boolean(message.held),
    holdReason: message.held?.reason ?? null,
    heldSenderMasked: message.held?.senderMasked ?? null,
  });
  if (message.attachments && message.attachments.length > 0) {
    await tx
      .insert(relayAttachments)
      .values(message.attachments.map((file) => ({ id: generateId(), messageId: id, ...file })));
  }
  await tx
    .update(relayThreads)
    .set(
      message.direction === 'member_to_staff' || message.held
        ? // A new member message (or anything staff must review) reopens the thread for staff.
          { lastMessageAt: new Date(), unreadByStaff: true, status: 'open' }
        : { lastMessageAt: new Date(), unreadByMember: true, unreadByStaff: false },
    )
    .where(eq(relayThreads.id, message.threadId));
  return id;
}

// ---------------------------------------------------------------------------------------------
// Staff: the inbox

export const inboxFilters = ['open', 'closed', 'held', 'mine', 'all'] as const;
export type InboxFilter = (typeof inboxFilters)[number];
export const INBOX_PAGE_SIZE = 50;

// Correlated subqueries over the thread's messages, spelled qualified (q): drizzle writes a
// column of a one-table select bare, which would mean the subquery's own table here.
const m = relayMessages;
const heldCount = sql<number>`(select count(*)::int from ${m} where ${q(m.threadId)} = ${q(relayThreads.id)} and ${q(m.held)})`;
const lastVisibleColumn = (column: typeof m.body | typeof m.direction) =>
  sql`(select ${q(column)} from ${m} where ${q(m.threadId)} = ${q(relayThreads.id)} and not ${q(m.held)} order by ${q(m.createdAt)} desc limit 1)`;
const lastVisible = sql<string | null>`${lastVisibleColumn(m.body)}`;
const lastDirection = sql<RelayDirection | null>`${lastVisibleColumn(m.direction)}`;

export async function listInbox(input: {
  eventId: string;
  userId: string;
  filter: InboxFilter;
  page: number;
}) {
  const where = and(
    eq(relayThreads.eventId, input.eventId),
    input.filter === 'open' ? eq(relayThreads.status, 'open') : undefined,
    input.filter === 'closed' ? eq(relayThreads.status, 'closed') : undefined,
    input.filter === 'mine' ? eq(relayThreads.assignedUserId, input.userId) : undefined,
    input.filter === 'held' ? sql`${heldCount} > 0` : undefined,
  );
  const rows = await db
    .select({
      id: relayThreads.id,
      aliasNumber: memberships.aliasNumber,
      bib: memberships.bib,
      memberActive: sql<boolean>`${memberships.status} = 'active'`,
      status: relayThreads.status,
      unread: relayThreads.unreadByStaff,
      assignedUserId: relayThreads.assignedUserId,
      assignedEmail: users.email,
      lastMessageAt: relayThreads.lastMessageAt,
      heldCount,
      lastBody: lastVisible,
      lastDirection,
    })
    .from(relayThreads)
    .innerJoin(memberships, eq(memberships.id, relayThreads.membershipId))
    .leftJoin(users, eq(users.id, relayThreads.assignedUserId))
    .where(where)
    .orderBy(
      desc(relayThreads.unreadByStaff),
      desc(relayThreads.lastMessageAt),
      desc(relayThreads.id),
    )
    .limit(INBOX_PAGE_SIZE + 1)
    .offset(Math.max(0, input.page - 1) * INBOX_PAGE_SIZE);
  const threads = rows
    .slice(0, INBOX_PAGE_SIZE)
    .map(({ assignedEmail, assignedUserId, lastBody, ...row }) => ({
      ...row,
      lastMessageAt: row.lastMessageAt.toISOString(),
      preview: lastBody ? excerpt(lastBody) : '',
      assigned: assignedUserId
        ? { isMe: assignedUserId === input.userId, label: assignedEmail ?? '' }
        : null,
    }));
  return { threads, hasMore: rows.length > INBOX_PAGE_SIZE };
}

/** Counts for the tabs and the dashboard link. */
export async function inboxCounts(eventId: string) {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${relayThreads.status} = 'open')::int`,
      unread: sql<number>`count(*) filter (where ${relayThreads.unreadByStaff})::int`,
      held: sql<number>`count(*) filter (where ${heldCount} > 0)::int`,
    })
    .from(relayThreads)
    .where(eq(relayThreads.eventId, eventId));
  return { open: row?.open ?? 0, unread: row?.unread ?? 0, held: row?.held ?? 0 };
}

/** The editors and owners of the event: who may be assigned, and who is notified. */
export async function answeringStaff(eventId: string, tx: DbOrTx = db) {
  return tx
    .select({ userId: users.id, email: users.email, locale: users.locale })
    .from(eventStaff)
    .innerJoin(users, eq(users.id, eventStaff.userId))
    .where(and(eq(eventStaff.eventId, eventId), inArray(eventStaff.role, ['editor', 'owner'])))
    .orderBy(asc(users.email));
}

/** One thread for the staff page, or null when it is not this event's. */
export async function staffThread(input: {
  eventId: string;
  threadId: string;
  userId: string;
  locale: Locale;
}) {
  const [thread] = await db
    .select({
      id: relayThreads.id,
      aliasNumber: memberships.aliasNumber,
      bib: memberships.bib,
      memberActive: sql<boolean>`${memberships.status} = 'active'`,
      status: relayThreads.status,
      unread: relayThreads.unreadByStaff,
      assignedUserId: relayThreads.assignedUserId,
      assignedEmail: users.email,
      organizerNameJa: events.organizerNameJa,
      organizerNameEn: events.organizerNameEn,
    })
    .from(relayThreads)
    .innerJoin(memberships, eq(memberships.id, relayThreads.membershipId))
    .innerJoin(events, eq(events.id, relayThreads.eventId))
    .leftJoin(users, eq(users.id, relayThreads.assignedUserId))
    .where(and(eq(relayThreads.id, input.threadId), eq(relayThreads.eventId, input.eventId)));
  if (!thread) return null;
  const messages = await threadMessages(thread.id, { includeHeld: true, locale: input.locale });
  const { organizerNameJa, organizerNameEn, assignedEmail, ...rest } = thread;
  return {
    ...rest,
    // Staff are colleagues: the assignee is named by their sign-in address, as on the team page.
    assigned: thread.assignedUserId
      ? { isMe: thread.assignedUserId === input.userId, label: assignedEmail ?? '' }
      : null,
    organizerName: input.locale === 'ja' ? organizerNameJa : organizerNameEn,
    messages: messages.map(({ authorUserId, ...m }) => ({
      ...m,
      byMe: authorUserId !== null && authorUserId === input.userId,
    })),
  };
}

async function threadMessages(threadId: string, options: { includeHeld: boolean; locale: Locale }) {
  const rows = await db
    .select({
      id: relayMessages.id,
      direction: relayMessages.direction,
      body: relayMessages.body,
      source: relayMessages.source,
      authorUserId: relayMessages.authorUserId,
      notes: relayMessages.notes,
      held: relayMessages.held,
      holdReason: relayMessages.holdReason,
      heldSenderMasked: relayMessages.heldSenderMasked,
      createdAt: relayMessages.createdAt,
      announcementId: announcements.id,
      announcementTitleJa: announcements.titleJa,
      announcementTitleEn: announcements.titleEn,
    })
    .from(relayMessages)
    .leftJoin(announcements, eq(announcements.id, relayMessages.announcementId))
    .where(
      and(
        eq(relayMessages.threadId, threadId),
        options.includeHeld ? undefined : eq(relayMessages.held, false),
      ),
    )
    .orderBy(asc(relayMessages.createdAt), asc(relayMessages.id));
  const files = rows.length
    ? await db
        .select({
          id: relayAttachments.id,
          messageId: relayAttachments.messageId,
          fileName: relayAttachments.fileName,
          contentType: relayAttachments.contentType,
          sizeBytes: relayAttachments.sizeBytes,
        })
        .from(relayAttachments)
        .where(
          inArray(
            relayAttachments.messageId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(relayAttachments.createdAt))
    : [];
  return rows.map(
    ({ announcementTitleJa, announcementTitleEn, announcementId, createdAt, ...row }) => ({
      ...row,
      createdAt: createdAt.toISOString(),
      announcement: announcementId
        ? {
            id: announcementId,
            title: contentFor(
              {
                id: announcementId,
                titleJa: announcementTitleJa ?? '',
                titleEn: announcementTitleEn ?? '',
                bodyJa: '',
                bodyEn: '',
              },
              options.locale,
            ).title,
          }
        : null,
      attachments: files
        .filter((f) => f.messageId === row.id)
        .map(({ messageId: _messageId, ...file }) => file),
    }),
  );
}

/** Marks the thread read for staff (a POST from the page; never the page's GET). */
export async function markReadByStaff(eventId: string, threadId: string) {
  await db
    .update(relayThreads)
    .set({ unreadByStaff: false })
    .where(and(eq(relayThreads.id, threadId), eq(relayThreads.eventId, eventId)));
}

export async function setThreadStatus(
  eventId: string,
  threadId: string,
  status: 'open' | 'closed',
) {
  const updated = await db
    .update(relayThreads)
    .set({ status, ...(status === 'closed' ? { unreadByStaff: false } : {}) })
    .where(and(eq(relayThreads.id, threadId), eq(relayThreads.eventId, eventId)))
    .returning({ id: relayThreads.id });
  return updated.length > 0;
}

/** Assigns the thread to an editor or owner of this event (or to nobody). */
export async function assignThread(eventId: string, threadId: string, userId: string | null) {
  if (userId) {
    const allowed = await answeringStaff(eventId);
    if (!allowed.some((s) => s.userId === userId)) return false;
  }
  const updated = await db
    .update(relayThreads)
    .set({ assignedUserId: userId })
    .where(and(eq(relayThreads.id, threadId), eq(relayThreads.eventId, eventId)))
    .returning({ id: relayThreads.id });
  return updated.length > 0;
}

/** A stored file for the staff route, checked to belong to this event's thread. */
export async function staffAttachment(eventId: string, threadId: string, attachmentId: string) {
  const [row] = await db
    .select({
      fileName: relayAttachments.fileName,
      contentType: relayAttachments.contentType,
      sizeBytes: relayAttachments.sizeBytes,
      storageKey: relayAttachments.storageKey,
    })
    .from(relayAttachments)
    .innerJoin(relayMessages, eq(relayMessages.id, relayAttachments.messageId))
    .innerJoin(relayThreads, eq(relayThreads.id, relayMessages.threadId))
    .where(
      and(
        eq(relayAttachments.id, attachmentId),
        eq(relayThreads.id, threadId),
        eq(relayThreads.eventId, eventId),
      ),
    );
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Member: their own thread, nobody else's

export async function memberThread(membershipId: string, locale: Locale) {
  const [thread] = await db
    .select({ id: relayThreads.id, unread: relayThreads.unreadByMember })
    .from(relayThreads)
    .where(eq(relayThreads.membershipId, membershipId));
  if (!thread) return { unread: false, messages: [] };
  const messages = await threadMessages(thread.id, { includeHeld: false, locale });
  return {
    unread: thread.unread,
    // The member sees their words and "the race office"; which colleague answered, and how
    // each message travelled, are the office's business.
    messages: messages.map((m) => ({
      id: m.id,
      fromMe: m.direction === 'member_to_staff',
      body: m.body,
      createdAt: m.createdAt,
      announcement: m.announcement,
      notes: m.notes,
      attachments: m.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
    })),
  };
}

export async function markReadByMember(membershipId: string) {
  await db
    .update(relayThreads)
    .set({ unreadByMember: false })
    .where(eq(relayThreads.membershipId, membershipId));
}

export async function memberHasUnread(membershipId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(relayThreads)
    .where(and(eq(relayThreads.membershipId, membershipId), eq(relayThreads.unreadByMember, true)));
  return (row?.n ?? 0) > 0;
}

// ---------------------------------------------------------------------------------------------
// Files of erased messages

/**
 * Removes stored files once their rows are gone. Rows disappear with a discarded message or,
 * through the cascade, with a deleted account (P11): call `eraseAttachmentsOf` in that
 * transaction so the job exists exactly when the deletion commits.
 */
export const eraseAttachmentFilesQueue = defineQueue<{ storageKeys: string[] }>({
  name: 'relay.erase-attachments',
  handler: async ({ storageKeys }) => {
    const stillUsed = storageKeys.length
      ? await db
          .select({ key: relayAttachments.storageKey })
          .from(relayAttachments)
          .where(inArray(relayAttachments.storageKey, storageKeys))
      : [];
    const used = new Set(stillUsed.map((r) => r.key));
    await discardStored(storageKeys.filter((key) => !used.has(key)));
  },
});

export async function eraseAttachmentsOf(membershipIds: string[], tx: DbOrTx) {
  if (membershipIds.length === 0) return;
  const rows = await tx
    .select({ key: relayAttachments.storageKey })
    .from(relayAttachments)
    .innerJoin(relayMessages, eq(relayMessages.id, relayAttachments.messageId))
    .innerJoin(relayThreads, eq(relayThreads.id, relayMessages.threadId))
    .where(inArray(relayThreads.membershipId, membershipIds));
  if (rows.length > 0)
    await enqueue(eraseAttachmentFilesQueue, { storageKeys: rows.map((r) => r.key) }, { tx });
}

export function readAttachment(storageKey: string) {
  return attachmentStorage.read(storageKey);
}

function excerpt(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/**
 * The member's side of their conversations for their data export (P11): their messages and
 * the office's answers, as on their own thread page — no staff identity, nothing held.
 */
export async function conversationsForExport(membershipIds: string[]) {
  if (membershipIds.length === 0) return [];
  const rows = await db
    .select({
      event: events.slug,
      direction: relayMessages.direction,
      source: relayMessages.source,
      body: relayMessages.body,
      createdAt: relayMessages.createdAt,
      attachments: sql<
        string[]
      >`coalesce((select array_agg(${q(relayAttachments.fileName)} order by ${q(relayAttachments.createdAt)}) from ${relayAttachments} where ${q(relayAttachments.messageId)} = ${q(relayMessages.id)}), '{}')`,
    })
    .from(relayMessages)
    .innerJoin(relayThreads, eq(relayThreads.id, relayMessages.threadId))
    .innerJoin(events, eq(events.id, relayThreads.eventId))
    .where(and(inArray(relayThreads.membershipId, membershipIds), eq(relayMessages.held, false)))
    .orderBy(asc(relayMessages.createdAt));
  return rows.map(({ direction, ...row }) => ({
    ...row,
    from: direction === 'member_to_staff' ? 'me' : 'race office',
  }));
}
