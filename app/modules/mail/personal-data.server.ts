import { and, eq, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { capturedMail, outboundEmails } from '~db/schema';
import { db } from '~/modules/database/database.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

/**
 * Erases outbound messages matching `which`. A message in a batch being sent keeps its row
 * until the batch is done — a retry must send the identical request the provider already holds
 * under its Idempotency-Key — and is flagged so the pipeline deletes it then (080).
 */
export async function eraseOutboundMail(tx: DbOrTx, which: SQL | undefined) {
  // `and()` of nothing is undefined, and a WHERE of undefined would erase every message.
  if (!which) throw new Error('eraseOutboundMail needs a condition');
  await tx.delete(outboundEmails).where(and(which, ne(outboundEmails.status, 'sending')));
  await tx
    .update(outboundEmails)
    .set({ eraseAfterSend: true })
    .where(and(which, eq(outboundEmails.status, 'sending')));
}

/** Every email the product sends to the person, and the local mailbox's copies. */
export const mailPersonalData: DomainPersonalData = {
  domain: 'mail',
  declarations: [
    {
      table: 'outbound_emails',
      what: 'an email to the person',
      columns: {
        to_address: 'address',
        reply_to: 'their relay address, or a thread’s staff relay address',
        subject: 'the email as sent to them',
        html: 'the email as sent to them',
        text: 'the email as sent to them',
        headers: 'their unsubscribe links',
      },
      export: {
        key: 'emailsSentToMe',
        // Bodies are left out: they carry one-time links (sign-in, join, unsubscribe).
        read: ({ email }) =>
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
      },
      erase: {
        kind: 'delete',
        run: (tx, { email }) => eraseOutboundMail(tx, eq(outboundEmails.toAddress, email)),
      },
    },
    {
      table: 'captured_mail',
      what: 'the local mailbox’s copy of an email to the person (no RESEND_API_KEY)',
      columns: {
        to_address: 'address',
        reply_to: 'their relay address, or a thread’s staff relay address',
        subject: 'the email as sent to them',
        html: 'the email as sent to them',
        text: 'the email as sent to them',
        headers: 'their unsubscribe links',
      },
      export: { none: 'a copy of what emailsSentToMe lists' },
      erase: {
        kind: 'delete',
        run: async (tx, { email }) => {
          await tx.delete(capturedMail).where(eq(capturedMail.toAddress, email));
        },
      },
    },
    {
      table: 'mail_batches',
      what: 'the frozen recipient list of a provider request being sent',
      columns: {
        recipients:
          'message id, address, reply-to and language of each recipient (and an invitee’s name, for the greeting)',
      },
      export: { none: 'held for seconds, while the request is sent' },
      erase: {
        kind: 'expires',
        why:
          'emptied when the batch is done; until then a retry must send the identical request ' +
          '(080), so the person’s message is flagged erase_after_send instead',
      },
    },
  ],
  notPersonal: {
    'outbound_emails.from_address': 'the event organizer’s name on Startline’s own sender address',
    'captured_mail.from_address': 'the event organizer’s name on Startline’s own sender address',
    'captured_mail.outbound_email_id': 'the outbound message this is a copy of',
    'mail_contents.subject': 'rendered once for a whole bulk stream; nobody’s own',
    'mail_contents.html': 'rendered once for a whole bulk stream; link tokens substituted at send',
    'mail_contents.text': 'rendered once for a whole bulk stream; link tokens substituted at send',
    'mail_contents.meta': 'values shown in the stream’s email, such as the invitation expiry',
    'mail_streams.subject_id': 'the announcement or entrant upload a stream sends',
  },
};
