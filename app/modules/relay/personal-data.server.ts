import { and, eq, inArray } from 'drizzle-orm';
import { capturedMail, outboundEmails, relayStaffAddresses, relayThreads } from '~db/schema';
import { eraseOutboundMail } from '~/modules/mail/personal-data.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';
import { staffRelayAddressFor, staffRelayToken } from './relay-address.server';
import { conversationsForExport, eraseAttachmentsOf } from './relay-threads.server';

/**
 * The organizer inbox: a member's conversation with the office, with the words and files they
 * sent; the staff who answered and handled it; the member's relay address.
 */
export const relayPersonalData: DomainPersonalData = {
  domain: 'relay',
  declarations: [
    {
      table: 'relay_threads',
      what: 'the member’s conversation with the race office',
      columns: { membership_id: 'the member' },
      export: {
        key: 'messagesWithOrganizers',
        read: ({ memberships: mine }) => conversationsForExport(mine.map((m) => m.id)),
      },
      erase: { kind: 'cascade', via: { column: 'membership_id', references: 'memberships.id' } },
    },
    {
      table: 'relay_messages',
      what: 'what the member wrote to the office, and the office’s answers to them',
      columns: {
        body: 'free text the member wrote (quotes and addresses already cut)',
        notes: 'names of files dropped from their mail',
        held_sender_masked: 'a masked sender address',
      },
      export: { includedIn: 'messagesWithOrganizers' },
      erase: { kind: 'cascade', via: { column: 'thread_id', references: 'relay_threads.id' } },
    },
    {
      table: 'relay_attachments',
      what: 'files the member sent by email, and their names',
      columns: { file_name: 'the name the member gave the file' },
      export: { includedIn: 'messagesWithOrganizers' },
      erase: {
        kind: 'cascade',
        via: { column: 'message_id', references: 'relay_messages.id' },
        // The stored files go by a job enqueued in this transaction, so they go exactly when
        // the deletion commits.
        run: (tx, { memberships: mine }) =>
          eraseAttachmentsOf(
            mine.map((m) => m.id),
            tx,
          ),
      },
    },
    {
      table: 'outbound_emails',
      what: 'the new-message notifications to staff, which quote what the member wrote',
      columns: { html: 'the member’s message, quoted', text: 'the member’s message, quoted' },
      export: { none: 'mail to the staff; the messages themselves are in messagesWithOrganizers' },
      erase: {
        kind: 'delete',
        // They are addressed to staff, so the member's address does not find them: every
        // version of the thread's staff relay address (their Reply-To) does.
        run: async (tx, { memberships: mine }) => {
          if (mine.length === 0) return;
          const threads = await tx
            .select({ id: relayThreads.id, version: relayStaffAddresses.version })
            .from(relayThreads)
            .innerJoin(relayStaffAddresses, eq(relayStaffAddresses.threadId, relayThreads.id))
            .where(
              inArray(
                relayThreads.membershipId,
                mine.map((m) => m.id),
              ),
            );
          const addresses = threads.flatMap((t) =>
            Array.from({ length: t.version }, (_, i) =>
              staffRelayAddressFor(staffRelayToken(t.id, i + 1)),
            ),
          );
          if (addresses.length === 0) return;
          await eraseOutboundMail(
            tx,
            and(
              eq(outboundEmails.template, 'inbox-notification'),
              inArray(outboundEmails.replyTo, addresses),
            ),
          );
          await tx.delete(capturedMail).where(inArray(capturedMail.replyTo, addresses));
        },
      },
    },
    {
      table: 'relay_addresses',
      what: 'the member’s reply address (only a hash of its token is stored)',
      columns: { membership_id: 'the member' },
      export: { none: 'the token hash is a secret; the address itself is in every email' },
      erase: { kind: 'cascade', via: { column: 'membership_id', references: 'memberships.id' } },
    },
    {
      table: 'relay_threads',
      what: 'which staff member a thread is assigned to',
      columns: { assigned_user_id: 'the staff member' },
      export: { none: 'the office’s working note on someone else’s conversation' },
      erase: {
        kind: 'anonymize',
        why: 'the conversation is the member’s; it stays for them',
        setNull: [{ column: 'assigned_user_id', references: 'users.id' }],
      },
    },
    {
      table: 'relay_messages',
      what: 'which staff member wrote an answer or released a held message',
      columns: { author_user_id: 'the answering staff member', reviewed_by: 'the reviewer' },
      export: { none: 'the answers belong to the members’ conversations' },
      erase: {
        kind: 'anonymize',
        why: 'the member keeps the office’s answers',
        setNull: [
          { column: 'author_user_id', references: 'users.id' },
          { column: 'reviewed_by', references: 'users.id' },
        ],
      },
      retains: {
        columns: ['body'],
        why:
          'an answer written on behalf of the race office stays in the member’s conversation ' +
          '(the member sees "the race office", never who wrote it); only its author is cleared',
      },
    },
  ],
  notPersonal: {
    'relay_inbound.provider_email_id':
      'the provider’s id of a received email (nothing of it is kept)',
  },
};
