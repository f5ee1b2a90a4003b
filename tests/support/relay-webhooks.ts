/**
 * Inbound mail for the relay tests: `email.received` webhooks signed exactly the way Resend
 * signs them (Standard Webhooks, through Svix), and the received message registered with the
 * fake Resend API so `resend.emails.receiving.get(id)` finds it.
 *
 *   webhook-id:        msg_…
 *   webhook-timestamp: seconds since the epoch
 *   webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">
 *
 * keyed with the base64-decoded part of the `whsec_…` secret. Resend also sends the same
 * three headers under `svix-` names.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FakeInboundMessage, FakeResend } from './fake-resend';
import { APP_ORIGIN } from './requests';

export function newWebhookSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function signature(secret: string, id: string, timestamp: number, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

let counter = 0;
export function nextId(prefix: string) {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter}${randomBytes(4).toString('hex')}`;
}

export interface SignedOptions {
  secret: string;
  webhookId?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  headerNames?: 'webhook' | 'svix';
  /** Applied to the body after signing (a tampered delivery). */
  tamper?: (body: string) => string;
  /** Sign with this secret instead (a wrong secret). */
  signWith?: string;
  omitSignature?: boolean;
}

/** A POST /webhooks/resend request carrying `event`, signed as Resend signs it. */
export function signedWebhookRequest(event: unknown, options: SignedOptions): Request {
  const id = options.webhookId ?? nextId('msg');
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify(event);
  const sig = signature(options.signWith ?? options.secret, id, timestamp, body);
  const prefix = options.headerNames ?? 'webhook';
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(timestamp),
  };
  if (!options.omitSignature) headers[`${prefix}-signature`] = sig;
  return new Request(`${APP_ORIGIN}/webhooks/resend`, {
    method: 'POST',
    headers,
    body: options.tamper ? options.tamper(body) : body,
  });
}

export interface InboundMail {
  from: string;
  to: string;
  subject?: string;
  text?: string | null;
  html?: string | null;
  headers?: Record<string, string>;
  attachments?: { filename: string; content_type: string; bytes: Uint8Array }[];
}

/**
 * Registers a received email with the fake API and returns the `email.received` event Resend
 * would post for it (metadata only: the body is fetched by the app).
 */
export function receive(fake: FakeResend, mail: InboundMail) {
  const emailId = nextId('inbound');
  const attachments = (mail.attachments ?? []).map((file, index) => ({
    id: `att_${index + 1}`,
    filename: file.filename,
    content_type: file.content_type,
    content_id: null,
    content_disposition: 'attachment',
    size: file.bytes.byteLength,
  }));
  const message: FakeInboundMessage = {
    from: mail.from,
    to: [mail.to],
    subject: mail.subject ?? 'Re: お知らせ',
    text: mail.text ?? null,
    html: mail.html ?? null,
    headers: mail.headers ?? {},
    attachments,
    files: Object.fromEntries(
      (mail.attachments ?? []).map((file, index) => [`att_${index + 1}`, file.bytes]),
    ),
  };
  fake.inbound.set(emailId, message);
  const event = {
    type: 'email.received',
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      created_at: new Date().toISOString(),
      from: mail.from,
      to: [mail.to],
      bcc: [],
      cc: [],
      received_for: [mail.to],
      message_id: `<${emailId}@mail.example>`,
      subject: message.subject,
      attachments: attachments.map(({ size: _size, ...a }) => a),
    },
  };
  return { emailId, event };
}

export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);
export const PDF_BYTES = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
);
