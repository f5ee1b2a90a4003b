import { messages, type MessageKey } from './messages';
import { createTranslator, type Translate, type TranslateParams } from './translator';
import type { Locale } from './types';

/*
 * The whole table, both languages: for the server (emails, logs, loaders and actions). A
 * module the browser loads imports only types from here, and from './translator' the rest;
 * pages get their strings from the root loader (decision 105). tests/unit/translate-per-route
 * fails when the table reaches public/build.
 */

export { formatNumber, type Translate, type TranslateParams } from './translator';

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

const fullTable = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = fullTable.get(locale);
  if (!t)
    fullTable.set(
      locale,
      (t = createTranslator(locale, (key) =>
        isMessageKey(key) ? messages[key][locale] : undefined,
      )),
    );
  return t;
}

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  return translator(locale)(key, params);
}
