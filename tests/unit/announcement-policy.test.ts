import { describe, expect, it } from 'vitest';
import {
  canApproveBroadcast,
  canApproveContent,
  canEdit,
  canPreview,
  sendRefusal,
  type AnnouncementFacts,
} from '~/modules/announcements/announcement-policy';

const roles = ['owner', 'editor', 'viewer'] as const;
const ownerDraft: AnnouncementFacts = {
  status: 'draft',
  revision: 1,
  editedByRole: 'owner',
  approvedRevision: null,
};
const editorDraft: AnnouncementFacts = {
  status: 'draft',
  revision: 2,
  editedByRole: 'editor',
  approvedRevision: 1,
};
const small = { recipientCount: 10, createdBy: 'a', approvedBy: null };
const large = { recipientCount: 5000, createdBy: 'a', approvedBy: null };

describe('announcement permissions, as a matrix', () => {
  it('lets owners and editors write and preview drafts, viewers nothing', () => {
    expect(roles.map((r) => [canEdit(r, ownerDraft), canPreview(r, ownerDraft)])).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(canEdit('owner', { ...ownerDraft, status: 'sent' })).toBe(false);
  });

  it("needs an owner's approval of the editor's current revision", () => {
    expect(roles.map((r) => canApproveContent(r, editorDraft))).toEqual([true, false, false]);
    expect(sendRefusal({ role: 'owner', userId: 'a', threshold: 1000 }, editorDraft, small)).toBe(
      'content_not_approved',
    );
    expect(
      sendRefusal(
        { role: 'owner', userId: 'a', threshold: 1000 },
        { ...editorDraft, approvedRevision: 2 },
        small,
      ),
    ).toBeNull();
  });

  it('lets only owners send, and above the threshold only after another owner approved', () => {
    expect(
      roles.map((r) => sendRefusal({ role: r, userId: 'a', threshold: 1000 }, ownerDraft, small)),
    ).toEqual([null, 'not_owner', 'not_owner']);
    expect(sendRefusal({ role: 'owner', userId: 'a', threshold: 1000 }, ownerDraft, large)).toBe(
      'second_approval_missing',
    );
    expect(
      canApproveBroadcast({ role: 'owner', userId: 'a', threshold: 1000 }, ownerDraft, large),
    ).toBe(false);
    expect(
      canApproveBroadcast({ role: 'editor', userId: 'b', threshold: 1000 }, ownerDraft, large),
    ).toBe(false);
    expect(
      canApproveBroadcast({ role: 'owner', userId: 'b', threshold: 1000 }, ownerDraft, large),
    ).toBe(true);
    const approved = { ...large, approvedBy: 'b' };
    expect(
      sendRefusal({ role: 'owner', userId: 'a', threshold: 1000 }, ownerDraft, approved),
    ).toBeNull();
    expect(sendRefusal({ role: 'owner', userId: 'b', threshold: 1000 }, ownerDraft, approved)).toBe(
      'approver_is_sender',
    );
  });
});
