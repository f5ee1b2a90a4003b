import { and, eq, sql } from 'drizzle-orm';
import { Resend } from 'resend';
import { capturedMail, outboundEmails } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { generateId } from '~/modules/security/tokens.server';
import { logger } from '~/utils/logger.server';

export type MailTransportKind = 'resend' | 'capture';

export function mailTransportKind(): MailTransportKind {
  return env.RESEND_API_KEY ? 'resend' : 'capture';
}

let resendClient: Resend | undefined;
function resend() {
  // The SDK reads RESEND_BASE_URL itself, which is how tests point it at the fake API.
  resendClient ??= new Resend(env.RESEND_API_KEY);
  return resendClient;
}

/** Tries per message before it is marked `failed` (the first one and pg-boss's retries). */
export const MAIL_DELIVERY_ATTEMPTS = 9;

/**
 * Delivers one stored message. Safe to run more than once: a sent message is skipped, and
 * the provider receives the message id as Idempotency-Key, so a retry after a crash between
 * "provider accepted" and "we recorded it" does not send a second copy.
 */
export async function deliverEmail(outboundEmailId: string) {
  const [message] = await db
    .select()
    .from(outboundEmails)
    .where(eq(outboundEmails.id, outboundEmailId));
  if (!message || message.status !== 'queued') return;

  await db
    .update(outboundEmails)
    .set({ attempts: sql`${outboundEmails.attempts} + 1` })
    .where(eq(outboundEmails.id, message.id));

  let providerMessageId: string;
  if (mailTransportKind() === 'resend') {
    const { data, error } = await resend().emails.send(
      {
        from: message.fromAddress,
        to: message.toAddress,
        replyTo: message.replyTo ?? undefined,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
      },
      { idempotencyKey: `email-${message.id}` },
    );
    if (error || !data) {
      const reason = error ? `${error.name}: ${error.message}` : 'no response';
      // A message the provider calls invalid (400/422) will not improve with retries; anything
      // else (429, 5xx, no answer, a bad key being fixed) gets MAIL_DELIVERY_ATTEMPTS tries.
      const permanent = error?.statusCode === 400 || error?.statusCode === 422;
      const lastAttempt = permanent || message.attempts + 1 >= MAIL_DELIVERY_ATTEMPTS;
      await db
        .update(outboundEmails)
        .set({ lastError: reason, ...(lastAttempt ? { status: 'failed' as const } : {}) })
        .where(and(eq(outboundEmails.id, message.id), eq(outboundEmails.status, 'queued')));
      if (lastAttempt) {
        logger.error('mail.failed', {
          outboundEmailId: message.id,
          template: message.template,
          reason,
        });
        return;
      }
      logger.warn('mail.send_failed', { outboundEmailId: message.id, reason });
      // Throwing hands the job back to pg-boss, which retries with backoff.
      throw new Error(`Resend refused the message: ${reason}`);
    }
    providerMessageId = data.id;
  } else {
    providerMessageId = `captured-${generateId()}`;
    await db
      .insert(capturedMail)
      .values({
        id: providerMessageId,
        outboundEmailId: message.id,
        toAddress: message.toAddress,
        fromAddress: message.fromAddress,
        replyTo: message.replyTo,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
      })
      .onConflictDoNothing({ target: capturedMail.outboundEmailId });
  }

  await db
    .update(outboundEmails)
    .set({ status: 'sent', sentAt: new Date(), providerMessageId, lastError: null })
    .where(and(eq(outboundEmails.id, message.id), eq(outboundEmails.status, 'queued')));
  logger.info('mail.sent', { outboundEmailId: message.id, template: message.template });
}
