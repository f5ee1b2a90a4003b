import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  handleResendWebhook,
  verifyResendWebhook,
  webhookHeaders,
} from '~/modules/delivery/webhooks.server';
import { recordWebhookLag } from '~/modules/observability/metrics.server';
import { findUnsafeString } from '~/modules/security/input-guard.server';
import { logger } from '~/utils/logger.server';
import { BodyTooLargeError, readBodyLimited } from '~/utils/request-body.server';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Resend → Startline webhooks. The signature covers the raw body, so it is read as text and
 * verified before anything is parsed or stored: a bad, missing or stale signature is a 401
 * and leaves no trace. A repeated webhook id is acknowledged and not processed again.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return json({ error: 'method not allowed' }, { status: 405 });
  // Capped as it arrives: a chunked body announces no length and could otherwise be endless.
  let raw: string;
  try {
    raw = new TextDecoder().decode(await readBodyLimited(request, MAX_BODY_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json({ error: 'too large' }, { status: 413 });
    return json({ error: 'unreadable body' }, { status: 400 });
  }
  const event = verifyResendWebhook(raw, request.headers);
  if (!event) {
    logger.warn('webhook.rejected', { reason: 'signature' });
    return json({ error: 'invalid signature' }, { status: 401 });
  }
  // A `\u0000` or lone-surrogate escape in any field would fail in PostgreSQL as a 500. A 400
  // instead: Resend retries it on its fixed schedule (8 attempts in ~28 h, each refused here
  // before any write), then shows it as failed in its dashboard (decision 081).
  if (findUnsafeString(event)) {
    logger.warn('webhook.rejected', { reason: 'invalid_characters' });
    return json({ error: 'invalid characters' }, { status: 400 });
  }
  const result = await handleResendWebhook(webhookHeaders(request.headers)!.id, event);
  // The lag of a webhook processed now (a repeat says nothing new about it).
  if (result !== 'duplicate') recordWebhookLag(event.type, event.created_at);
  return json({ ok: true, result });
}

export function loader() {
  return json({ error: 'method not allowed' }, { status: 405 });
}
