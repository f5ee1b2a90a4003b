import type { Resend } from 'resend';
import { capturedMail, type MailHeaders } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { resendClient, sendWhenReady } from './resend-client.server';

export type MailTransportKind = 'resend' | 'capture';

export function mailTransportKind(): MailTransportKind {
  return env.RESEND_API_KEY ? 'resend' : 'capture';
}

/** One email as it goes to the provider: exactly one recipient (SPEC P5), no cc/bcc field. */
export interface ProviderEmail {
  /** outbound_emails.id of the message this email is. */
  messageId: string;
  to: string;
  from: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  headers: MailHeaders;
}

export type ProviderOutcome =
  /** Per input index: the provider's message id, or why this one email was refused. */
  | { kind: 'accepted'; results: ({ id: string } | { error: string })[] }
  | { kind: 'rate_limited'; retryAfterSeconds: number; message: string }
  | { kind: 'transient'; message: string }
  | { kind: 'rejected'; message: string };

/** Resend's batch endpoint takes at most 100 emails per call. */
export const MAX_BATCH = 100;

/**
 * Sends up to 100 single-recipient emails in one provider request under one Idempotency-Key:
 * a retry of the identical payload (after a crash, a timeout, a 5xx) is answered with the first
 * answer instead of sending again. Several emails go through the batch endpoint with
 * `permissive` validation (one bad address fails alone); a single one through /emails.
 */
export async function sendToProvider(
  emails: ProviderEmail[],
  idempotencyKey: string,
  options: {
    /**
     * Waited for once the request is built, right before it goes out (the send slot). Its
     * errors are thrown, not taken for the provider's; the timeout starts after it.
     */
    beforeRequest?: () => Promise<void>;
  } = {},
): Promise<ProviderOutcome> {
  if (emails.length === 0) return { kind: 'accepted', results: [] };
  if (emails.length > MAX_BATCH) throw new Error(`a batch holds at most ${MAX_BATCH} emails`);
  if (mailTransportKind() === 'capture') return capture(emails);

  const payload = emails.map((email) => ({
    from: email.from,
    to: email.to,
    replyTo: email.replyTo ?? undefined,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
  }));
  let answer: Awaited<ReturnType<Resend['batch']['send']>>;
  const timeout = new AbortController();
  const signal = timeout.signal;
  let timer: NodeJS.Timeout | undefined;
  let gateFailure: { error: unknown } | undefined;
  const beforeRequest = async () => {
    try {
      await options.beforeRequest?.();
    } catch (error) {
      gateFailure = { error };
      throw error;
    }
    timer = setTimeout(
      () => timeout.abort(new DOMException('the provider did not answer in time', 'TimeoutError')),
      env.MAIL_PROVIDER_TIMEOUT_MS,
    );
  };
  try {
    answer = await sendWhenReady(beforeRequest, async () =>
      emails.length === 1
        ? await resendClient()
            .emails.send(payload[0], { idempotencyKey, signal } as never)
            .then((single) => ({
              ...single,
              data: single.data ? { data: [{ id: single.data.id }] } : null,
            }))
        : await resendClient().batch.send(payload, {
            idempotencyKey,
            batchValidation: 'permissive',
            signal,
          } as never),
    );
  } catch (error) {
    if (gateFailure) throw gateFailure.error;
    return { kind: 'transient', message: `network ${String(error).slice(0, 200)}` };
  } finally {
    clearTimeout(timer);
  }
  const { data, error, headers } = answer as {
    data: { data: { id: string }[]; errors?: { index: number; message: string }[] } | null;
    error: { name?: string; message?: string; statusCode?: number | null } | null;
    headers: Record<string, string> | null;
  };
  if (error || !data) return classifyError(error, headers);

  const refused = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
  let next = 0;
  const results = emails.map((_, index) => {
    const refusal = refused.get(index);
    if (refusal !== undefined) return { error: refusal };
    const id = data.data[next++]?.id;
    return id ? { id } : { error: 'no id in the provider answer' };
  });
  return { kind: 'accepted', results };
}

export function classifyError(
  error: { name?: string; message?: string; statusCode?: number | null } | null,
  headers: Record<string, string> | null,
): ProviderOutcome {
  const status = typeof error?.statusCode === 'number' ? error.statusCode : null;
  const name = error?.name ?? 'unknown';
  const message = `${status ?? 'network'} ${name}: ${error?.message ?? 'no response'}`.slice(
    0,
    500,
  );
  if (status === 429) {
    const retryAfter = Number(headers?.['retry-after'] ?? '1');
    return {
      kind: 'rate_limited',
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1,
      message,
    };
  }
  // No answer, a server error, or the same key still in flight at the provider: nothing is
  // known to have been sent, so the identical payload is tried again later.
  if (status === null || status >= 500 || name === 'concurrent_idempotent_requests') {
    return { kind: 'transient', message };
  }
  // Any other 4xx (a bad address, a key or domain problem, a changed payload under a used
  // key) will not improve by sending the same request again.
  return { kind: 'rejected', message };
}

/** Without RESEND_API_KEY every email lands in the local mailbox (development, tests). */
async function capture(emails: ProviderEmail[]): Promise<ProviderOutcome> {
  await db
    .insert(capturedMail)
    .values(
      emails.map((email) => ({
        id: `captured-${email.messageId}`,
        outboundEmailId: email.messageId,
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
    results: emails.map((email) => ({ id: `captured-${email.messageId}` })),
  };
}
