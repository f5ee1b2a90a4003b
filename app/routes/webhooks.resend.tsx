import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  handleResendWebhook,
  verifyResendWebhook,
  webhookHeaders,
} from '~/modules/delivery/webhooks.server';
import { logger } from '~/utils/logger.server';
// Registers the relay's `email.received` handler with the dispatcher (inbound replies, SPEC P6).
import '~/modules/relay/inbound-mail.server';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Resend → Startline webhooks. The signature covers the raw body, so it is read as text and
 * verified before anything is parsed or stored: a bad, missing or stale signature is a 401
 * and leaves no trace. A repeated webhook id is acknowledged and not processed again.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return json({ error: 'method not allowed' }, { status: 405 });
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > MAX_BODY_BYTES) return json({ error: 'too large' }, { status: 413 });
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return json({ error: 'too large' }, { status: 413 });
  const event = verifyResendWebhook(raw, request.headers);
  if (!event) {
    logger.warn('webhook.rejected', { reason: 'signature' });
    return json({ error: 'invalid signature' }, { status: 401 });
  }
  const result = await handleResendWebhook(webhookHeaders(request.headers)!.id, event);
  return json({ ok: true, result });
}

export function loader() {
  return json({ error: 'method not allowed' }, { status: 405 });
}
