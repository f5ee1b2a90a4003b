export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ja';

/** One entry per string: both languages side by side so they are reviewed together. */
export type MessageTable = Record<string, { ja: string; en: string }>;

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}
