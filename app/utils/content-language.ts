import type { Locale } from '~/i18n/types';

/** A piece of organizer-written content and the language it is actually in. */
export interface ContentText {
  text: string;
  lang: Locale;
}

/**
 * Organizers may leave the English version of what they write empty (a local race office has
 * no English copy). A reader then gets the other language rather than nothing, and the page
 * marks it (ContentLanguageMark) and sets `lang` on it so that a screen reader reads it right.
 */
export function pickContent(ja: string, en: string, locale: Locale): ContentText {
  const own = locale === 'ja' ? ja : en;
  if (own.trim()) return { text: own, lang: locale };
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const fallback = other === 'ja' ? ja : en;
  // Both empty (an optional description): nothing to show, in the reader's language.
  return fallback.trim() ? { text: fallback, lang: other } : { text: '', lang: locale };
}
