import type { MetaArgs, MetaDescriptor } from '@remix-run/node';
import { isRouteErrorResponse } from '@remix-run/react';
import type { MessageKey } from '~/i18n/messages';
import { translate, type TranslateParams } from '~/i18n/translate';
import { defaultLocale, isLocale, type Locale } from '~/i18n/types';

/** A name kept in both languages (an event, a sponsor), or one already chosen for the reader. */
export type TitleName = string | { ja: string; en: string } | { nameJa: string; nameEn: string };

/**
 * What a page calls itself: a message key (with its parameters), text from the database, a
 * name kept in both languages, or text that depends on the reader's language (an alias).
 */
export type TitlePart =
  | MessageKey
  | { key: MessageKey; params?: TranslateParams }
  | { text: string }
  | { ja: string; en: string }
  | { nameJa: string; nameEn: string }
  | ((locale: Locale) => string);

/**
 * A layout loader returns this field to name its area in every child page's title: the staff
 * layout the event, the sponsor console the sponsor. A page that knows better passes `within`.
 */
export interface TitleContext {
  titleContext: { ja: string; en: string };
}

const SEPARATOR = ' – ';

/**
 * The document title in the reader's language: 「招待 – さくらシティマラソン 2027 | Startline」.
 * The locale comes from the root loader's data, the area's name from the nearest layout that
 * returns `titleContext` (or `within`). When the route answered with an error, its error
 * boundary is on screen, so the title names the error instead of the page.
 */
export function pageTitle(
  args: Pick<MetaArgs, 'matches' | 'error'>,
  page: TitlePart | null,
  options: { within?: TitleName | null; robots?: 'noindex' } = {},
): MetaDescriptor[] {
  const locale = localeOf(args.matches);
  const parts: string[] = [];
  const shown = args.error ? errorTitleKey(args.error) : page;
  if (shown) parts.push(partText(locale, shown));
  const within =
    options.within === undefined
      ? contextOf(args.matches, locale)
      : nameText(locale, options.within);
  if (within && within !== parts[0]) parts.push(within);
  const title = [parts.join(SEPARATOR), translate(locale, 'app.name')].filter(Boolean).join(' | ');
  const descriptors: MetaDescriptor[] = [{ title }];
  if (options.robots) descriptors.push({ name: 'robots', content: options.robots });
  return descriptors;
}

function localeOf(matches: MetaArgs['matches']): Locale {
  const root = matches.find((match) => match.id === 'root')?.data as
    { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : defaultLocale;
}

function contextOf(matches: MetaArgs['matches'], locale: Locale): string | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i].data as Partial<TitleContext> | undefined | null;
    if (data && typeof data === 'object' && data.titleContext) return data.titleContext[locale];
  }
  return null;
}

function partText(locale: Locale, part: TitlePart): string {
  if (typeof part === 'string') return translate(locale, part);
  if (typeof part === 'function') return part(locale);
  if ('text' in part) return part.text;
  if ('key' in part) return translate(locale, part.key, part.params);
  return nameText(locale, part) ?? '';
}

function nameText(locale: Locale, name: TitleName | null): string | null {
  if (name === null || typeof name === 'string') return name || null;
  if ('ja' in name) return name[locale];
  return locale === 'ja' ? name.nameJa : name.nameEn;
}

/** The same wording as the error page's heading (errorCopy in components/error-page). */
function errorTitleKey(error: unknown): MessageKey {
  if (!isRouteErrorResponse(error)) return 'errors.generic.title';
  if (error.status === 404) return 'errors.notFound.title';
  if (error.status === 403) return 'errors.forbidden.title';
  if (error.status === 503) return 'errors.databaseUnavailable.title';
  return 'errors.generic.title';
}
