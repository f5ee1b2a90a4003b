import type { MessageKey } from './messages';
import type { Locale } from './types';

// Types only from './messages': this module runs in the browser, which never loads the table.

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/** The text of a key in one language, or undefined when the strings at hand lack it. */
export type TextOf = (key: string) => string | undefined;

/** What a key looks like: dotted words, e.g. `sponsors.codes.file.too_many`. */
const KEY_SHAPE = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;

/**
 * Tells a message key from other text without the table, which the browser does not have: a
 * form schema's messages are keys, zod's own are English sentences. scripts/check-messages.ts
 * reports any key-shaped message in a schema that is not in the table, so the shape suffices.
 * With a translator at hand, hasText() is the stricter question.
 */
export function looksLikeMessageKey(value: string): value is MessageKey {
  return KEY_SHAPE.test(value);
}

/** One language's strings for a page: what the root loader sends the browser (decision 105). */
export type PageStrings = Partial<Record<MessageKey, string>>;

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
function pluralText(
  locale: Locale,
  textOf: TextOf,
  key: string,
  count: string | number | undefined,
): string | undefined {
  if (count === undefined) return textOf(key);
  const n = typeof count === 'number' ? count : Number(count.replaceAll(',', ''));
  if (Number.isNaN(n)) return textOf(key);
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  if (rules.select(n) !== 'one') return textOf(key);
  return textOf(`${key}One`) ?? textOf(key);
}

/**
 * A translator over the strings at hand: the whole table on the server, the page's own subset
 * in the browser and in the server render of a page. A key the strings lack shows as the key
 * itself, so a page whose strings were cut too short shows it in tests rather than going blank.
 * A number parameter is formatted for the language (60,000); anything that must not be
 * grouped — a bib, a year — is passed as a string.
 */
const PLACEHOLDER = /\{(\w+)\}/g;

export function createTranslator(locale: Locale, textOf: TextOf): Translate {
  const t: Translate = (key, params) => {
    const text = pluralText(locale, textOf, key, params?.count) ?? key;
    if (!params) return text;
    // One pass over the message, each placeholder replaced by a function: a value is shown
    // as given, even when it holds another placeholder ("{to}" as an event name) or what a
    // replacement string would read as a pattern ("$&", "$'").
    return text.replace(PLACEHOLDER, (placeholder, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(params, name)) return placeholder;
      const value = params[name]!;
      return typeof value === 'number' ? formatNumber(locale, value) : value;
    });
  };
  lookups.set(t, textOf);
  return t;
}

// Which strings each translator reads, for hasText(): kept beside it, so Translate stays a
// plain function that tests can stand in for.
const lookups = new WeakMap<Translate, TextOf>();

/**
 * Whether a translator has text for a string that may or may not be a key — a form error from
 * zod or from the browser's own checks. On the server that is the whole table (like
 * isMessageKey); in a page, the strings the page was sent. A translator not made here has none.
 */
export function hasText(t: Translate, key: string): key is MessageKey {
  return lookups.get(t)?.(key) !== undefined;
}

/** A translator over one page's strings (see PageStrings). */
export function pageTranslator(locale: Locale, strings: PageStrings): Translate {
  return createTranslator(locale, (key) =>
    Object.prototype.hasOwnProperty.call(strings, key) ? strings[key as MessageKey] : undefined,
  );
}
