/**
 * Mail that no person wrote: out-of-office replies, bounces, list traffic, and our own
 * relayed mail coming back. Such mail creates no thread message and sends nothing — an
 * auto-reply answered by a notification answered by an auto-reply is a mail loop (RFC 3834 §2).
 */

export type AutomatedReason =
  'auto_submitted' | 'precedence' | 'bounce' | 'autoreply_header' | 'list' | 'auto_subject';

export interface InboundEnvelope {
  from: string;
  subject?: string | null;
  headers?: Record<string, string | string[]> | null;
}

/** The header values, with lower-cased names (providers differ in how they spell them). */
export function lowerCaseHeaders(headers: InboundEnvelope['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    out.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? ''));
  }
  return out;
}

/** The bare address of a From value ("Name <a@b>" → "a@b"), lower-cased. */
export function bareAddress(value: string): string {
  return (/<([^<>]*)>\s*$/.exec(value)?.[1] ?? value).trim().normalize('NFKC').toLowerCase();
}

// Subjects that auto-responders and bounce generators use when they set no header at all.
const AUTO_SUBJECTS = [
  /^\s*(auto(matic)?\s*(reply|response)|out of (the )?office|autoreply|auto:)/i,
  /^\s*(undeliver(able|ed)|delivery (status notification|failure)|mail delivery (failed|subsystem)|returned mail)/i,
  /^\s*(自動応答|自動返信|不在(通知|のお知らせ)?\s*[:：]|配信不能|配信エラー|送信エラー)/,
];

/** Why this message was sent by a machine, or null for a message a person wrote. */
export function automatedReason(message: InboundEnvelope): AutomatedReason | null {
  const h = lowerCaseHeaders(message.headers);
  const autoSubmitted = (h.get('auto-submitted') ?? '').trim().toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return 'auto_submitted';

  const precedence = (h.get('precedence') ?? '').trim().toLowerCase();
  if (/^(bulk|list|junk|auto_reply)\b/.test(precedence)) return 'precedence';

  const returnPath = h.get('return-path');
  const from = bareAddress(message.from ?? '');
  const local = from.split('@')[0] ?? '';
  if (
    (returnPath !== undefined && /^\s*<?\s*>?\s*$/.test(returnPath)) ||
    /^(mailer-daemon|postmaster)$/i.test(local) ||
    /mailer-daemon/i.test(message.from ?? '') ||
    h.has('x-failed-recipients') ||
    /multipart\/report/i.test(h.get('content-type') ?? '')
  ) {
    return 'bounce';
  }

  if (
    h.has('x-autoreply') ||
    h.has('x-autorespond') ||
    h.has('x-autoresponder') ||
    /^(oof|autoreply|auto-reply)$/i.test((h.get('x-auto-response-suppress') ?? '').trim()) ||
    /auto.?repl/i.test(h.get('x-mailer') ?? '')
  ) {
    return 'autoreply_header';
  }

  if (h.has('list-id') || h.has('list-unsubscribe') || h.has('list-post')) return 'list';

  if (AUTO_SUBJECTS.some((re) => re.test(message.subject ?? ''))) return 'auto_subject';
  return null;
}
