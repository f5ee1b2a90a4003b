import { Resend } from 'resend';
import { capturedMail } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { mailTransportKind } from '~/modules/mail/mail-transport.server';

/** One email of a batch: exactly one recipient (SPEC P5); there is no cc/bcc field at all. */
export interface OutgoingEmail {
  deliveryId: number;
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export type BatchOutcome =
  /** Per input index: the provider's message id, or why this one email was refused. */
  | { kind: 'accepted'; results: ({ id: string } | { error: string })[] }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'transient'; message: string }
  | { kind: 'rejected'; message: string };

export const MAX_BATCH = 100;

let client: { key: string; resend: Resend } | undefined;
function resend() {
  // The SDK reads RESEND_BASE_URL when built (that is how tests reach the fake API).
  const key = `${env.RESEND_API_KEY}|${process.env.RESEND_BASE_URL ?? ''}`;
  if (client?.key !== key) client = { key, resend: new Resend(env.RESEND_API_KEY) };
  return client.resend;
}

/**
 * Sends up to 100 single-recipient emails in one provider call. Resend's batch endpoint with
 * `permissive` validation accepts the valid emails and reports the invalid ones by index, so
 * one bad address does not fail its batch-mates. The Idempotency-Key makes a retry of the
 * identical payload (after a crash, a timeout, a 5xx) return the first answer instead of
 * sending again.
 */
export async function sendBatch(
  emails: OutgoingEmail[],
  idempotencyKey: string,
): Promise<BatchOutcome> {
  if (emails.length === 0) return { kind: 'accepted', results: [] };
  if (emails.length > MAX_BATCH) throw new Error(`a batch holds at most ${MAX_BATCH} emails`);
  if (mailTransportKind() === 'capture') return captureBatch(emails);

  const { data, error, headers } = await resend().batch.send(
    emails.map((email) => ({
      from: email.from,
      to: email.to,
      replyTo: email.replyTo,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
    })),
    { idempotencyKey, batchValidation: 'permissive' },
  );
  if (error || !data) {
    const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
    const name = error?.name ?? 'unknown';
    const message = `${status ?? 'network'} ${name}: ${error?.message ?? 'no response'}`;
    if (status === 429) {
      const retryAfter = Number(headers?.['retry-after'] ?? '1');
      return {
        kind: 'rate_limited',
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1,
      };
    }
    // No answer, a server error, a concurrent use of the key, or our own configuration
    // (401/403): nothing is known to have been sent, so the same payload is tried again.
    if (
      status === null ||
      status >= 500 ||
      status === 401 ||
      status === 403 ||
      name === 'concurrent_idempotent_requests'
    ) {
      return { kind: 'transient', message };
    }
    return { kind: 'rejected', message };
  }
  const accepted = (data as { data: { id: string }[] }).data ?? [];
  const refused = new Map(
    ((data as { errors?: { index: number; message: string }[] }).errors ?? []).map((e) => [
      e.index,
      e.message,
    ]),
  );
  let next = 0;
  const results = emails.map((_, index) => {
    const refusal = refused.get(index);
    if (refusal !== undefined) return { error: refusal };
    const id = accepted[next++]?.id;
    return id ? { id } : { error: 'no id in the provider answer' };
  });
  return { kind: 'accepted', results };
}

/** Without RESEND_API_KEY every email lands in the local mailbox (development, tests). */
async function captureBatch(emails: OutgoingEmail[]): Promise<BatchOutcome> {
  await db
    .insert(capturedMail)
    .values(
      emails.map((email) => ({
        id: `captured-d${email.deliveryId}`,
        outboundEmailId: `delivery-${email.deliveryId}`,
        toAddress: email.to,
        fromAddress: email.from,
        replyTo: email.replyTo,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
      })),
    )
    .onConflictDoNothing({ target: capturedMail.outboundEmailId });
  return {
    kind: 'accepted',
    results: emails.map((email) => ({ id: `captured-d${email.deliveryId}` })),
  };
}
