import type { StaffRole } from '~db/schema';

/**
 * Who may do what with an announcement, in one place (SPEC: "limit who may broadcast").
 * Pure functions over the facts, tested as a matrix; routes and modules only ask these.
 *
 * - viewers read; editors and owners write drafts;
 * - a revision written by an editor needs an owner's approval before it can be sent (P9);
 * - only owners send, and only to a frozen audience snapshot (P4);
 * - above the threshold, a second owner (not the sender) approves that snapshot.
 */
export interface AnnouncementFacts {
  status: 'draft' | 'scheduled' | 'sending' | 'sent';
  revision: number;
  editedByRole: 'owner' | 'editor';
  approvedRevision: number | null;
}

export interface SnapshotFacts {
  recipientCount: number;
  createdBy: string;
  approvedBy: string | null;
}

export function canWriteDrafts(role: StaffRole) {
  return role === 'owner' || role === 'editor';
}

export function canEdit(role: StaffRole, a: AnnouncementFacts) {
  return canWriteDrafts(role) && a.status === 'draft';
}

/** An owner's own revision is approved by being written; an editor's needs an owner. */
export function contentApproved(a: AnnouncementFacts) {
  return a.editedByRole === 'owner' || a.approvedRevision === a.revision;
}

export function canApproveContent(role: StaffRole, a: AnnouncementFacts) {
  return role === 'owner' && a.status === 'draft' && !contentApproved(a);
}

/** Freezing the audience shows who would receive it; editors may look, viewers read only. */
export function canPreview(role: StaffRole, a: AnnouncementFacts) {
  return canWriteDrafts(role) && a.status === 'draft';
}

export function needsSecondApproval(recipientCount: number, threshold: number) {
  return recipientCount > threshold;
}

export type SendRefusal =
  | 'not_owner'
  | 'not_draft'
  | 'content_not_approved'
  | 'second_approval_missing'
  | 'approver_is_sender';

export function sendRefusal(
  input: { role: StaffRole; userId: string; threshold: number },
  a: AnnouncementFacts,
  s: SnapshotFacts,
): SendRefusal | null {
  if (input.role !== 'owner') return 'not_owner';
  if (a.status !== 'draft') return 'not_draft';
  if (!contentApproved(a)) return 'content_not_approved';
  if (needsSecondApproval(s.recipientCount, input.threshold)) {
    if (!s.approvedBy) return 'second_approval_missing';
    if (s.approvedBy === input.userId) return 'approver_is_sender';
  }
  return null;
}

/** The second approval: an owner other than the one who froze the audience. */
export function canApproveBroadcast(
  input: { role: StaffRole; userId: string; threshold: number },
  a: AnnouncementFacts,
  s: SnapshotFacts,
) {
  return (
    input.role === 'owner' &&
    a.status === 'draft' &&
    needsSecondApproval(s.recipientCount, input.threshold) &&
    !s.approvedBy &&
    s.createdBy !== input.userId
  );
}
