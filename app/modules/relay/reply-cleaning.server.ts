/**
 * What is left of a reply once everything the writer did not type for this message is gone:
 * the quoted history (which carries the announcement, earlier answers and, in its
 * "On … <address> wrote:" line, somebody's address), the signature, and every email address
 * that is not the sender's own. In the Fukui incident replies went out with the history and
 * the addresses in them; here nothing of that reaches the other side or the database.
 *
 * Pure functions (no database), unit-tested in tests/unit/reply-cleaning*.test.ts.
 */

export type CleaningLocale = 'ja' | 'en';

export const ADDRESS_PLACEHOLDER: Record<CleaningLocale, string> = {
  ja: '[メールアドレスを削除しました]',
  en: '[email address removed]',
};

/** Longest body kept; anything beyond is cut with a visible marker. */
export const MAX_BODY_CHARS = 10_000;
const TRUNCATED: Record<CleaningLocale, string> = {
  ja: '[長すぎるため、以降を省略しました]',
  en: '[the rest was cut because the message is too long]',
};

export interface CleanReplyInput {
  text?: string | null;
  html?: string | null;
  /**
   * An address the writer may leave in their own words (their own, typed on purpose). Null
   * removes every address — staff answers relayed by email, where a mail client's automatic
   * signature must not reveal the staff member.
   */
  keepAddress?: string | null;
  locale: CleaningLocale;
}

export interface CleanedReply {
  body: string;
  removedAddresses: number;
}

// The most of a message that is looked at at all: the body is whatever a stranger sends, and
// every step below must stay linear in it.
const MAX_INPUT_CHARS = 200_000;

export function cleanReply(input: CleanReplyInput): CleanedReply {
  const text = (input.text ?? '').slice(0, MAX_INPUT_CHARS);
  const source = text.trim()
    ? text
    : htmlToText(cutHtmlQuote((input.html ?? '').slice(0, MAX_INPUT_CHARS)));
  let body = stripSignature(stripQuotedHistory(source.replace(/\r\n?/g, '\n')));
  const removed = removeAddresses(
    body,
    input.keepAddress ?? null,
    ADDRESS_PLACEHOLDER[input.locale],
  );
  body = tidy(removed.text);
  if (body.length > MAX_BODY_CHARS)
    body = `${body.slice(0, MAX_BODY_CHARS).trimEnd()}\n${TRUNCATED[input.locale]}`;
  return { body, removedAddresses: removed.count };
}

// ---------------------------------------------------------------------------------------------
// Quoted history

const HEADER_END =
  /(wrote|のメッセージ|のメール|さんは書きました|が書きました|は書きました|さんからのメール|a écrit|schrieb)\s*[:：]\s*$/i;
const SEPARATORS = [
  /^\s*-{2,}\s*(original message|forwarded message|元のメッセージ|転送されたメッセージ|オリジナル\s*メッセージ)\s*-{2,}\s*$/i,
  /^\s*-{5}\s*original message\s*-{5}/i,
  /^\s*(begin forwarded message|転送メッセージ)\s*[:：]\s*$/i,
];
const OUTLOOK_FROM = /^\s*\**\s*(from|差出人|送信者)\s*\**\s*[:：]/i;
const OUTLOOK_FIELD =
  /^\s*\**\s*(sent|date|to|subject|cc|送信日時|日時|日付|宛先|件名)\s*\**\s*[:：]/i;
// Gmail in Japanese: 「2027年3月1日(月) 10:00 大会事務局 <reply+…>:」 — a date line ending in ":".
const DATED_HEADER = /^\s*\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}.*[:：]\s*$/;

function isQuote(line: string) {
  return /^\s*[>＞]/.test(line);
}

/** The index of the line where the quoted history starts, or -1. */
export function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (SEPARATORS.some((re) => re.test(line))) return i;
    // A line ending in "wrote:" / 「…のメッセージ:」 is a quote header when it looks like one:
    // it starts "On", names an address or a date, or quoted lines follow it.
    if (
      HEADER_END.test(line) &&
      (/^\s*(on|le|am)\b/i.test(line) || /[<@＠]|\d/.test(line) || isQuote(lines[i + 1] ?? ''))
    ) {
      return i;
    }
    // "On Mon, 1 Mar 2027 at 10:00, Startline <" + newline + "reply+…> wrote:" (wrapped header).
    if (
      /^\s*on\b/i.test(line) &&
      i + 1 < lines.length &&
      HEADER_END.test(lines[i + 1]) &&
      !HEADER_END.test(line)
    ) {
      return i;
    }
    if (DATED_HEADER.test(line) && (isQuote(lines[i + 1] ?? '') || /[<@]/.test(line))) return i;
    // Outlook: an optional rule of underscores, then From:/差出人: followed by Sent:/Date:/To:.
    if (
      OUTLOOK_FROM.test(line) &&
      lines.slice(i + 1, i + 6).filter((next) => OUTLOOK_FIELD.test(next)).length >= 2
    ) {
      const previous = i > 0 ? lines[i - 1] : '';
      return /^\s*[_—━─=-]{8,}\s*$/.test(previous) ? i - 1 : i;
    }
  }
  return -1;
}

export function stripQuotedHistory(text: string): string {
  const lines = text.split('\n');
  const start = quoteStart(lines);
  const kept = start >= 0 ? lines.slice(0, start) : lines;
  // Whatever quoting is left is interleaved ("> question" / answer): the answers stay.
  return kept.filter((line) => !isQuote(line)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Signatures

/** Cuts at the signature delimiter "-- " (RFC 3676 §4.3), also written without the space. */
export function stripSignature(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line, index) => index > 0 && /^--\s?$/.test(line));
  return (at >= 0 ? lines.slice(0, at) : lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Addresses

// Local part and domain as mail clients write them, with ASCII or full-width "@" (typed on a
// Japanese keyboard), optionally as mailto:. Found by walking out from each "@" with bounded
// lengths instead of one big regular expression: a long run of letters must not make the
// matcher backtrack quadratically (the body is whatever a stranger sends).
const LOCAL_CHAR = /[\p{L}\p{N}._%+\-!#$&'*/=?^`{|}~]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.\-]/u;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

interface Found {
  start: number;
  end: number;
}

function findAddresses(text: string): Found[] {
  const found: Found[] = [];
  for (let at = 0; at < text.length; at += 1) {
    if (text[at] !== '@' && text[at] !== '＠') continue;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end])) end += 1;
    while (end > at + 1 && /[.\-]/.test(text[end - 1])) end -= 1; // a sentence's full stop
    const domain = text.slice(at + 1, end);
    if (start === at || !/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u.test(domain)) continue;
    if (/mailto:$/i.test(text.slice(Math.max(0, start - 7), start))) start -= 7;
    found.push({ start, end });
    at = end - 1;
  }
  return found;
}

function normalizeAddress(value: string) {
  return value
    .normalize('NFKC')
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

export function removeAddresses(text: string, keep: string | null, placeholder: string) {
  const kept = keep ? normalizeAddress(keep) : null;
  let count = 0;
  let out = '';
  let last = 0;
  for (const { start, end } of findAddresses(text)) {
    const match = text.slice(start, end);
    if (kept && normalizeAddress(match) === kept) continue;
    count += 1;
    // "<[removed]>" reads badly; the brackets that wrapped a removed address go with it.
    const wrapped = text[start - 1] === '<' && text[end] === '>';
    out += text.slice(last, wrapped ? start - 1 : start) + placeholder;
    last = wrapped ? end + 1 : end;
  }
  return { text: out + text.slice(last), count };
}

// ---------------------------------------------------------------------------------------------
// HTML

// Where the quoted part of an HTML reply begins in common clients (Gmail, Outlook, Apple Mail,
// Thunderbird, Yahoo); replies are written above it, so everything from there on is dropped.
// (Attribute scans are bounded so a crafted tag cannot make them quadratic.)
const HTML_QUOTE_MARKERS = [
  /<div[^>]{0,300}class="[^">]{0,300}\bgmail_quote\b/i,
  /<div[^>]{0,300}class="[^">]{0,300}\bgmail_signature\b/i,
  /<blockquote\b/i,
  /<div[^>]{0,300}id="(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)"/i,
  /<hr[^>]{0,300}id="stopSpelling"/i,
  /<div[^>]{0,300}class="[^">]{0,300}\b(?:moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b/i,
];

export function cutHtmlQuote(html: string): string {
  let cut = html.length;
  for (const marker of HTML_QUOTE_MARKERS) {
    const found = marker.exec(html);
    if (found && found.index < cut) cut = found.index;
  }
  return html.slice(0, cut);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Removes <head>, <style>, <script> and <title> elements with their content. */
function dropInvisible(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const open = /<(head|style|script|title)\b/.exec(lower.slice(from));
    if (!open) return out + html.slice(from);
    const start = from + open.index;
    const close = lower.indexOf(`</${open[1]}`, start);
    out += html.slice(from, start);
    if (close < 0) return out;
    const end = lower.indexOf('>', close);
    if (end < 0) return out;
    from = end + 1;
  }
}

export function htmlToText(html: string): string {
  return dropInvisible(html)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : '';
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
