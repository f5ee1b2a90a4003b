import { messages, type MessageKey } from './messages';
import type { Locale } from './types';

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/**
 * English needs "1 member" but "2 members": a key may have a `…One` twin, used whenever the
 * count is exactly one (as a number or a formatted "1"), so call sites just pass the count.
 */
function pluralKey(key: MessageKey, count: string | number | undefined): MessageKey {
  if (count !== 1 && count !== '1') return key;
  const one = `${key}One`;
  return isMessageKey(one) ? one : key;
}

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const entry = messages[pluralKey(key, params?.count)];
  let text: string = entry ? entry[locale] : key;
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      text = text.replaceAll(`{${name}}`, String(value));
    }
  }
  return text;
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
