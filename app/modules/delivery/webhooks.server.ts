import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '~db/client';
import { announcements, deliveries, webhookEvents } from '~db/schema';
import { env } from '~/env.server';
import { db } from '~/modules/database/database.server';
import { selectRows } from '~/modules/database/rows.server';
import { columnName } from '~/modules/database/sql-names.server';
import { recordInvitationOutcome } from '~/modules/invitations/invitation-bounces.server';
import { resendWebhooks } from '~/modules/mail/resend-client.server';
import { logger } from '~/utils/logger.server';
import { suppressAddress } from './suppression.server';

/**
 * Resend's delivery webhooks. Verification follows Standard Webhooks (which Resend signs with,
 * through Svix): HMAC-SHA256 over "<id>.<timestamp>.<raw body>" with RESEND_WEBHOOK_SECRET,
 * timestamps older or newer than 5 minutes refused. The SDK's own `webhooks.verify` does it.
 *
 * `handleResendWebhook` is a dispatcher: each event type has a handler; types nobody handles
 * are acknowledged and dropped. The relay adds `email.received` here.
 */
export interface WebhookEvent {
  type: string;
  created_at?: string;
  data: Record<string, unknown>;
}

export type WebhookHandler = (
  event: WebhookEvent,
  ctx: { webhookId: string; tx: DbOrTx },
) => Promise<void>;

const handlers = new Map<string, WebhookHandler>();

/** Registers the handler of one event type; start-up calls it (decision 103). */
export function onResendWebhook(type: string, handler: WebhookHandler) {
  handlers.set(type, handler);
}

export type WebhookHeaders = { id: string; timestamp: string; signature: string };

/** Accepts both header spellings: `webhook-*` (Standard Webhooks) and `svix-*` (Resend). */
export function webhookHeaders(headers: Headers): WebhookHeaders | null {
  const pick = (name: string) => headers.get(`webhook-${name}`) ?? headers.get(`svix-${name}`);
  const id = pick('id');
  const timestamp = pick('timestamp');
  const signature = pick('signature');
  if (!id || !timestamp || !signature) return null;
  return { id, timestamp, signature };
}

/** The parsed event, or null when the signature is missing, wrong or stale. */
export function verifyResendWebhook(rawBody: string, headers: Headers): WebhookEvent | null {
  const secret = env.RESEND_WEBHOOK_SECRET;
  const found = webhookHeaders(headers);
  if (!secret || !found) return null;
  try {
    const event = resendWebhooks().verify({
      payload: rawBody,
      headers: found,
      webhookSecret: secret,
    }) as unknown;
    if (!event || typeof event !== 'object' || typeof (event as WebhookEvent).type !== 'string')
      return null;
    const data = (event as WebhookEvent).data;
    return { ...(event as WebhookEvent), data: data && typeof data === 'object' ? data : {} };
  } catch {
    return null;
  }
}

export type WebhookResult = 'processed' | 'duplicate' | 'ignored';

/**
 * Processes one verified event exactly once per webhook id: the id is recorded in the same
 * transaction as the event's effects, so a redelivery (Resend retries until it gets a 2xx)
 * finds it and does nothing.
 */
export async function handleResendWebhook(
  webhookId: string,
  event: WebhookEvent,
): Promise<WebhookResult> {
  const handler = handlers.get(event.type);
  const providerMessageId = typeof event.data.email_id === 'string' ? event.data.email_id : null;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ id: webhookId, source: 'resend', type: event.type, providerMessageId })
      .onConflictDoNothing({ target: webhookEvents.id })
      .returning({ id: webhookEvents.id });
    if (inserted.length === 0) return 'duplicate';
    if (!handler) return 'ignored';
    await handler(event, { webhookId, tx });
    return 'processed';
  });
}

const OUTCOMES = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
} as const;

const RANK = { delivered: 1, bounced: 2, complained: 3 } as const;

async function recordOutcome(event: WebhookEvent, tx: DbOrTx) {
  const outcome = OUTCOMES[event.type as keyof typeof OUTCOMES];
  const emailId = typeof event.data.email_id === 'string' ? event.data.email_id : null;
  if (!emailId) return;
  // A later, stronger outcome wins (delivered → bounced → complained), never the reverse.
  const current = deliveries.outcome;
  await tx.execute(sql`
    UPDATE ${deliveries}
    SET ${columnName(current)} = ${outcome}, ${columnName(deliveries.outcomeAt)} = now()
    WHERE ${deliveries.providerMessageId} = ${emailId}
      AND (${current} IS NULL OR CASE ${current} WHEN 'delivered' THEN 1 WHEN 'bounced' THEN 2 ELSE 3 END < ${RANK[outcome]})`);
  if (outcome === 'delivered') return;
  const to = Array.isArray(event.data.to) ? event.data.to : [event.data.to];
  const d = alias(deliveries, 'd');
  const a = alias(announcements, 'a');
  const [announced] = await selectRows<{ event_id: string }>(
    tx,
    sql`
    SELECT ${a.eventId} AS event_id FROM ${deliveries} AS ${d} JOIN ${announcements} AS ${a} ON ${a.id} = ${d.announcementId}
    WHERE ${d.providerMessageId} = ${emailId} LIMIT 1`,
  );
  for (const address of to) {
    if (typeof address !== 'string' || !address.includes('@')) continue;
    // Only the bounced/complaining address itself is suppressed, stored as a hash.
    const bare = address.replace(/^.*<([^>]+)>\s*$/, '$1');
    await recordInvitationOutcome({ providerMessageId: emailId, address: bare, outcome }, tx);
    await suppressAddress(
      { email: bare, reason: outcome, eventId: announced?.event_id ?? null },
      tx,
    );
  }
  logger.info('delivery.outcome', { outcome, providerMessageId: emailId });
}

/** The delivery outcomes Resend reports, by event type; start-up registers them. */
export const deliveryOutcomeWebhooks: Record<string, WebhookHandler> = Object.fromEntries(
  Object.keys(OUTCOMES).map((type) => [
    type,
    (event: WebhookEvent, { tx }: { tx: DbOrTx }) => recordOutcome(event, tx),
  ]),
);
