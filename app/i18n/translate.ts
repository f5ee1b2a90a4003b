import { messages, type MessageKey } from './messages';
import type { Locale } from './types';

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

// Built on first use, one per language, and kept: Intl objects are costly to construct.
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

/** 60000 → "60,000" in both languages (Japanese groups digits the same way). */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/**
 * English needs "1 member" but "2 members": a key may have a `…One` twin, read when the
 * language's plural rules call the count "one" — English for 1, Japanese never (it has no
 * plural, so its twins read the same). The count may come as a number or already formatted
 * ("1", "60,000"), so call sites just pass it.
 */
function pluralKey(
  locale: Locale,
  key: MessageKey,
  count: string | number | undefined,
): MessageKey {
  if (count === undefined) return key;
  const n = typeof count === 'number' ? count : Number(count.replaceAll(',', ''));
  if (Number.isNaN(n)) return key;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  if (rules.select(n) !== 'one') return key;
  const one = `${key}One`;
  return isMessageKey(one) ? one : key;
}

/**
 * The text for a key in one language, with `{name}` replaced by its parameter. A number is
 * formatted for the language (60,000); anything that must not be grouped — a bib, a year —
 * is passed as a string.
 */
export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const entry = messages[pluralKey(locale, key, params?.count)];
  let text: string = entry ? entry[locale] : key;
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      const shown = typeof value === 'number' ? formatNumber(locale, value) : value;
      text = text.replaceAll(`{${name}}`, shown);
    }
  }
  return text;
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
