import { messages, type MessageKey } from './messages';
import type { Locale } from './types';

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  const entry = messages[key];
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
