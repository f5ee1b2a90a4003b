import { inArray } from 'drizzle-orm';
import { audienceSnapshotMembers } from '~db/schema';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

/**
 * Announcements hold the ids of the staff who wrote, approved and sent them, and which member
 * each was delivered to; the text is the office's, written for everyone.
 */
export const announcementsPersonalData: DomainPersonalData = {
  domain: 'announcements',
  declarations: [
    {
      table: 'announcements',
      what: 'which staff members wrote, approved and sent an announcement',
      columns: {
        created_by: 'the author',
        edited_by: 'the author of the current revision',
        approved_by: 'the approving owner',
        sent_by: 'the sending owner',
      },
      export: { none: 'the announcement is the office’s; the audit log records each act' },
      erase: {
        kind: 'anonymize',
        why: 'the announcement stays in every member’s feed',
        setNull: [
          { column: 'created_by', references: 'users.id' },
          { column: 'edited_by', references: 'users.id' },
          { column: 'approved_by', references: 'users.id' },
          { column: 'sent_by', references: 'users.id' },
        ],
      },
    },
    {
      table: 'audience_snapshots',
      what: 'which staff members froze and approved an audience at preview',
      columns: { created_by: 'staff member (user id)', approved_by: 'second owner (user id)' },
      export: { none: 'a working record of one send, not about the staff member' },
      erase: {
        kind: 'keep',
        why:
          'ids that resolve to nobody once the account is gone, as in the audit log; clearing ' +
          'the approver would quietly change the approval of a send in progress (P4)',
      },
    },
    {
      table: 'audience_snapshot_members',
      what: 'that the member was in the audience a preview froze',
      columns: { membership_id: 'the member' },
      export: { none: 'a working copy for one send; what was sent is in emailsSentToMe' },
      // No foreign key (decision 092): removed here, before the memberships go.
      erase: {
        kind: 'delete',
        run: async (tx, { memberships }) => {
          if (memberships.length === 0) return;
          await tx.delete(audienceSnapshotMembers).where(
            inArray(
              audienceSnapshotMembers.membershipId,
              memberships.map((m) => m.id),
            ),
          );
        },
      },
    },
    {
      table: 'deliveries',
      what: 'that an announcement was delivered to the member, and how it went',
      columns: { membership_id: 'the member' },
      export: { includedIn: 'emailsSentToMe' },
      erase: {
        kind: 'anonymize',
        why:
          'the send’s totals stay; a delivery not sent yet is skipped at send time, as it no ' +
          'longer leads to an address',
        setNull: [{ column: 'membership_id', references: 'memberships.id' }],
      },
    },
  ],
  notPersonal: {
    'announcements.body_ja': 'the office’s announcement to all members of a channel',
    'announcements.body_en': 'the office’s announcement to all members of a channel',
    'announcements.body_html_ja': 'the same announcement, rendered once for the member feed',
    'announcements.body_html_en': 'the same announcement, rendered once for the member feed',
    'announcements.audience_filter': 'the bib range and categories staff chose, not a person',
    'audience_snapshots.audience_filter': 'the bib range and categories staff chose, not a person',
    'announcement_emails.subject': 'rendered once per language for every recipient',
    'announcement_emails.html': 'rendered once per language for every recipient',
    'announcement_emails.text': 'rendered once per language for every recipient',
    'announcements.edited_by_role': 'whether an owner or an editor wrote the revision',
    'audience_snapshots.recipient_hash':
      'one SHA-256 over the whole audience’s membership ids, to notice a changed set at send',
    'channels.name_ja': 'a channel’s name',
    'channels.name_en': 'a channel’s name',
  },
};
