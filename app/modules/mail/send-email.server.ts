import { eq } from 'drizzle-orm';
import type { DbOrTx } from '~db/client';
import { outboundEmails, type MailHeaders } from '~db/schema';
import type { EmailProps, EmailTemplateName } from '~emails/index';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { senderWithName } from './event-sender.server';
import { wakeMailSenders } from './idle-senders.server';
import { renderEmail } from './render-email.server';

export interface SendEmailInput<N extends EmailTemplateName> {
  /** Exactly one recipient (SPEC P5). There is deliberately no cc/bcc/list parameter. */
  to: string;
  template: N;
  props: EmailProps<N>;
  replyTo?: string;
  /** Display name on MAIL_FROM's address, e.g. the organizer's name for a relayed answer. */
  fromName?: string;
  /** The whole sender, e.g. `eventSender(event)` for every email an event sends. */
  from?: string;
  /**
   * Makes the message id: a second call with the same key queues nothing (a notification
   * that must go out once per item, whatever retries or double submits happen).
   */
  idempotencyKey?: string;
  headers?: MailHeaders;
  /** The event the message belongs to, if any (for the staff's sending figures). */
  eventId?: string;
  /** Commit the email with the write that caused it. */
  tx?: DbOrTx;
}

/**
 * The one entry point for a single email a person is waiting for (a sign-in code, a
 * confirmation, a relayed answer, a notification). Renders the template (HTML and text, in the
 * language in `props.locale`) and stores the message in the interactive lane of the outbound
 * pipeline, which sends it before any bulk mail (mail-dispatcher.server.ts).
 */
export async function sendEmail<N extends EmailTemplateName>(input: SendEmailInput<N>) {
  if (typeof input.to !== 'string' || input.to.includes(',') || !input.to.includes('@')) {
    throw new Error('sendEmail takes exactly one recipient address');
  }
  const rendered = await renderEmail(input.template, input.props);
  const id = input.idempotencyKey ?? generateId();
  const inserted = await (input.tx ?? db)
    .insert(outboundEmails)
    .values({
      id,
      lane: 'interactive',
      kind: 'rendered',
      eventId: input.eventId ?? null,
      toAddress: input.to,
      fromAddress: input.from ?? (input.fromName ? fromWithName(input.fromName) : env.MAIL_FROM),
      replyTo: input.replyTo ?? null,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: input.headers ?? {},
      template: input.template,
    })
    .onConflictDoNothing({ target: outboundEmails.id })
    .returning({ id: outboundEmails.id });
  // This process's idle sender loops look now rather than at their next poll (inside a
  // transaction the row may not be visible yet: then the next poll finds it).
  if (inserted.length > 0) wakeMailSenders();
  return { id, queued: inserted.length > 0 };
}

export async function getOutboundEmail(id: string) {
  const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  return row;
}

/** `"Name" <address of MAIL_FROM>`, the name quoted per RFC 5322. */
export function fromWithName(name: string): string {
  return senderWithName(name);
}
