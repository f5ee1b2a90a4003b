import { env } from '~/env.server';

/**
 * Runners know the race, not "Startline": every email an event sends shows the organizer's
 * name as its sender, on the address of MAIL_FROM (the only domain that is authenticated to
 * send, SPF/DKIM). Japanese names are sent as they are (RFC 6532; Resend encodes them).
 */
export function eventSender(
  event: { organizerNameJa: string; organizerNameEn: string },
  locale: 'ja' | 'en' = 'ja',
): string {
  const name =
    locale === 'en'
      ? event.organizerNameEn || event.organizerNameJa
      : event.organizerNameJa || event.organizerNameEn;
  return senderWithName(name);
}

/** `"Name" <address of MAIL_FROM>`, or MAIL_FROM itself when the name is empty. */
export function senderWithName(name: string): string {
  const display = quotedDisplayName(name);
  return display ? `${display} <${mailFromAddress()}>` : env.MAIL_FROM;
}

/**
 * An RFC 5322 quoted-string: `\` and `"` escaped, line breaks and other control characters
 * (header injection) turned into spaces, runs of white space folded, at most 100 characters.
 */
export function quotedDisplayName(name: string): string {
  const clean = name
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return clean ? `"${clean.replace(/[\\"]/g, (c) => `\\${c}`)}"` : '';
}

/** The bare address of MAIL_FROM (`Startline <no-reply@x>` → `no-reply@x`). */
export function mailFromAddress(): string {
  return /<([^<>]+)>\s*$/.exec(env.MAIL_FROM)?.[1]?.trim() ?? env.MAIL_FROM.trim();
}

/** The domain runners on carrier mail must allow (ドメイン指定受信). */
export function mailFromDomain(): string {
  return mailFromAddress().split('@').pop() ?? '';
}
