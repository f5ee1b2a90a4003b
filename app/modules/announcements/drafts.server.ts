import { and, eq, sql } from 'drizzle-orm';
import { announcements, channels, type AudienceFilter } from '~db/schema';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { db } from '~/modules/database/database.server';
import type { StaffContext } from '~/modules/events/staff-access.server';
import { generateId } from '~/modules/security/tokens.server';
import { renderBody } from './announcement-body.server';
import { notifyDraftAwaitingApproval } from './approval-notifications.server';
import { canApproveContent, canEdit, canWriteDrafts } from './announcement-policy';
import { audienceCriteria } from './audience-filter';
import type { AudienceInput, DraftInput } from './draft-form';
import { unknownCategories } from './event-categories.server';

/**
 * A draft as the domain takes it: the parsed form, or one built in code (the demo, benches),
 * where `category: ''` still means "no category" as it did before categories were a list.
 */
export type DraftFields = Omit<DraftInput, 'category'> & { category: string[] | string };

/** What is stored: always the list shape (`categories`), never the old single `category`. */
export function filterOf(
  input: Omit<AudienceInput, 'category'> & { category: string[] | string },
): AudienceFilter {
  if (input.audienceMode !== 'filter') return {};
  return {
    bibFrom: input.bibFrom,
    bibTo: input.bibTo,
    categories: audienceCriteria({ categories: [input.category].flat() }).categories,
  };
}

async function channelOfEvent(eventId: string, channelId: string) {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.eventId, eventId)));
  return row ?? null;
}

export type DraftResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'forbidden' | 'channel' | 'category' | 'not_draft' };

/** A filter may only name the event's own categories (a forged or stale form is refused). */
async function categoriesOfEvent(eventId: string, input: DraftFields) {
  const { categories = [] } = filterOf(input);
  return (await unknownCategories(eventId, categories)).length === 0;
}

export async function createDraft(staff: StaffContext, input: DraftFields): Promise<DraftResult> {
  if (!canWriteDrafts(staff.role)) return { ok: false, reason: 'forbidden' };
  if (!(await channelOfEvent(staff.event.id, input.channelId)))
    return { ok: false, reason: 'channel' };
  if (!(await categoriesOfEvent(staff.event.id, input))) return { ok: false, reason: 'category' };
  const id = generateId();
  await db.transaction(async (tx) => {
    await tx.insert(announcements).values({
      id,
      eventId: staff.event.id,
      channelId: input.channelId,
      titleJa: input.titleJa,
      bodyJa: input.bodyJa,
      titleEn: input.titleEn,
      bodyEn: input.bodyEn,
      audienceMode: input.audienceMode,
      audienceFilter: filterOf(input),
      // Rendered here, once, rather than on every feed view (decision 090).
      ...renderBody(input),
      renderedRevision: 1,
      createdBy: staff.user.id,
      editedBy: staff.user.id,
      editedByRole: staff.role === 'owner' ? 'owner' : 'editor',
    });
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.create',
        target: id,
      },
      tx,
    );
    // An editor's draft waits for an owner: the owners hear of it (not of their own drafts).
    if (staff.role !== 'owner') {
      await notifyDraftAwaitingApproval(tx, {
        eventId: staff.event.id,
        id,
        revision: 1,
        titleJa: input.titleJa,
        titleEn: input.titleEn,
      });
    }
  });
  return { ok: true, id };
}

/** Every edit is a new revision: earlier approvals and audience snapshots no longer apply. */
export async function updateDraft(
  staff: StaffContext,
  id: string,
  input: DraftFields,
): Promise<DraftResult> {
  const current = await getAnnouncement(staff.event.id, id);
  if (!current) return { ok: false, reason: 'not_draft' };
  if (!canEdit(staff.role, current))
    return { ok: false, reason: canWriteDrafts(staff.role) ? 'not_draft' : 'forbidden' };
  if (!(await channelOfEvent(staff.event.id, input.channelId)))
    return { ok: false, reason: 'channel' };
  if (!(await categoriesOfEvent(staff.event.id, input))) return { ok: false, reason: 'category' };
  const updated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(announcements)
      .set({
        channelId: input.channelId,
        titleJa: input.titleJa,
        bodyJa: input.bodyJa,
        titleEn: input.titleEn,
        bodyEn: input.bodyEn,
        audienceMode: input.audienceMode,
        audienceFilter: filterOf(input),
        revision: sql`${announcements.revision} + 1`,
        ...renderBody(input),
        renderedRevision: sql`${announcements.revision} + 1`,
        editedBy: staff.user.id,
        editedByRole: staff.role === 'owner' ? 'owner' : 'editor',
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(announcements.id, id),
          eq(announcements.eventId, staff.event.id),
          eq(announcements.status, 'draft'),
        ),
      )
      .returning({ revision: announcements.revision });
    if (rows.length === 0) return false;
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.edit',
        target: id,
        detail: { revision: rows[0].revision },
      },
      tx,
    );
    // Every revision by an editor needs an owner's approval anew (approvals name a revision).
    if (staff.role !== 'owner') {
      await notifyDraftAwaitingApproval(tx, {
        eventId: staff.event.id,
        id,
        revision: rows[0].revision,
        titleJa: input.titleJa,
        titleEn: input.titleEn,
      });
    }
    return true;
  });
  return updated ? { ok: true, id } : { ok: false, reason: 'not_draft' };
}

/**
 * An owner approves the revision they were shown (SPEC P9). If the draft changed in the
 * meantime the approval does not apply to the new text.
 */
export async function approveContent(staff: StaffContext, id: string, revision: number) {
  const current = await getAnnouncement(staff.event.id, id);
  if (!current || !canApproveContent(staff.role, current)) return false;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(announcements)
      .set({ approvedBy: staff.user.id, approvedRevision: revision, approvedAt: new Date() })
      .where(
        and(
          eq(announcements.id, id),
          eq(announcements.eventId, staff.event.id),
          eq(announcements.status, 'draft'),
          eq(announcements.revision, revision),
        ),
      )
      .returning({ id: announcements.id });
    if (rows.length === 0) return false;
    await appendAudit(
      {
        eventId: staff.event.id,
        actorUserId: staff.user.id,
        action: 'announcement.approve',
        target: id,
        detail: { revision },
      },
      tx,
    );
    return true;
  });
}

const staffFields = {
  id: announcements.id,
  eventId: announcements.eventId,
  channelId: announcements.channelId,
  channelNameJa: channels.nameJa,
  channelNameEn: channels.nameEn,
  titleJa: announcements.titleJa,
  bodyJa: announcements.bodyJa,
  titleEn: announcements.titleEn,
  bodyEn: announcements.bodyEn,
  audienceMode: announcements.audienceMode,
  audienceFilter: announcements.audienceFilter,
  revision: announcements.revision,
  status: announcements.status,
  editedBy: announcements.editedBy,
  editedByRole: announcements.editedByRole,
  approvedBy: announcements.approvedBy,
  approvedRevision: announcements.approvedRevision,
  sentSnapshotId: announcements.sentSnapshotId,
  publishedAt: announcements.publishedAt,
  scheduledAt: announcements.scheduledAt,
  urgent: announcements.urgent,
  createdAt: announcements.createdAt,
  updatedAt: announcements.updatedAt,
};

export async function getAnnouncement(eventId: string, id: string) {
  const [row] = await db
    .select(staffFields)
    .from(announcements)
    .innerJoin(channels, eq(channels.id, announcements.channelId))
    .where(and(eq(announcements.id, id), eq(announcements.eventId, eventId)));
  return row ?? null;
}

export type StaffAnnouncement = NonNullable<Awaited<ReturnType<typeof getAnnouncement>>>;
