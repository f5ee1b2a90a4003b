import type { DbOrTx } from '~db/client';
import type { FrozenRecipient, MailKind, outboundEmails } from '~db/schema';
import { env } from '~/env.server';
import type { ProviderEmail } from './mail-provider.server';

export type OutboundMessage = typeof outboundEmails.$inferSelect;

export type FreezeVerdict = { recipient: FrozenRecipient } | { skip: string };

/**
 * What the pipeline needs to know about one kind of message. The pipeline itself knows
 * nothing of announcements or invitations: their modules describe their kind with
 * `defineMailKind`, and start-up registers them (app/modules/app/start-app.server.ts).
 */
export interface MailKindHandler {
  kind: MailKind;
  /**
   * At a batch's first claim, inside the claiming transaction: re-checks each message against
   * the current state (a member who left, an address suppressed since) and freezes the
   * recipient of each one still due. What is frozen here is what every retry sends.
   */
  freeze(tx: DbOrTx, messages: OutboundMessage[]): Promise<Map<string, FreezeVerdict>>;
  /**
   * Builds the exact emails from the frozen recipients. It may read only rows that never change
   * after they were written (rendered content) and values derived from the message id, so a
   * retry rebuilds the identical bytes.
   */
  build(
    entries: { message: OutboundMessage; recipient: FrozenRecipient }[],
  ): Promise<ProviderEmail[]>;
  /** After the provider's answer, inside the recording transaction: the domain's own rows. */
  record?(
    tx: DbOrTx,
    outcome: {
      sent: { message: OutboundMessage; providerId: string }[];
      failed: { message: OutboundMessage; reason: string }[];
      skipped: { message: OutboundMessage; reason: string }[];
    },
  ): Promise<void>;
}

const handlers = new Map<MailKind, MailKindHandler>();

/** Describes a kind; it does nothing else (decision 103): start-up registers it. */
export function defineMailKind(handler: MailKindHandler): MailKindHandler {
  return handler;
}

/** Called by start-up with every kind the pipeline sends (registering one again replaces it). */
export function registerMailKinds(kinds: readonly MailKindHandler[]) {
  for (const handler of kinds) handlers.set(handler.kind, handler);
}

export function mailKindHandler(kind: MailKind): MailKindHandler {
  const handler = handlers.get(kind);
  if (!handler) throw new Error(`no handler for mail kind ${kind}`);
  return handler;
}

// A message rendered when it was queued (sign-in codes, confirmations, relayed answers,
// notifications): its row holds the whole email; nothing to re-check.
export const renderedMailKind = defineMailKind({
  kind: 'rendered',
  async freeze(_tx, messages) {
    return new Map(
      messages.map((m) => [
        m.id,
        m.toAddress
          ? { recipient: { m: m.id, to: m.toAddress, replyTo: m.replyTo } }
          : { skip: 'no_address' },
      ]),
    );
  },
  async build(entries) {
    return entries.map(({ message, recipient }) => ({
      messageId: message.id,
      to: recipient.to,
      from: message.fromAddress ?? env.MAIL_FROM,
      replyTo: recipient.replyTo ?? null,
      subject: message.subject ?? '',
      html: message.html ?? '',
      text: message.text ?? '',
      headers: message.headers,
    }));
  },
});
