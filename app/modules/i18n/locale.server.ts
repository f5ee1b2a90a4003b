import { defaultLocale, isLocale, type Locale } from '~/i18n/types';
import { translator } from '~/i18n/translate';
import { readCookie } from '~/utils/cookie-header.server';

export const LOCALE_COOKIE = 'startline_lang';

/** The visible switch's cookie wins; otherwise the first supported Accept-Language entry. */
export function getLocale(request: Request): Locale {
  const cookieLocale = readCookie(request.headers.get('Cookie'), LOCALE_COOKIE);
  if (isLocale(cookieLocale)) return cookieLocale;
  return negotiateLocale(request.headers.get('Accept-Language'));
}

export function negotiateLocale(header: string | null): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

export function getTranslator(request: Request) {
  return translator(getLocale(request));
}

export function localeCookie(locale: Locale) {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
