import type { MetaArgs, MetaDescriptor } from '@remix-run/node';
import { isRouteErrorResponse } from '@remix-run/react';
import type { MessageKey } from '~/i18n/messages';
import type { Translate, TranslateParams } from '~/i18n/translator';
import type { Locale } from '~/i18n/types';
import { metaTranslator } from '~/i18n/use-t';

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
  | ((locale: Locale, t: Translate) => string);

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
  // The page's own strings from the root loader's data, as its components read them.
  const { locale, t } = metaTranslator(args.matches);
  const parts: string[] = [];
  const shown = args.error ? errorTitleKey(args.error) : page;
  if (shown) parts.push(partText(locale, t, shown));
  const within =
    options.within === undefined
      ? contextOf(args.matches, locale)
      : nameText(locale, options.within);
  if (within && within !== parts[0]) parts.push(within);
  const title = [parts.join(SEPARATOR), t('app.name')].filter(Boolean).join(' | ');
  const descriptors: MetaDescriptor[] = [{ title }];
  if (options.robots) descriptors.push({ name: 'robots', content: options.robots });
  return descriptors;
}

function contextOf(matches: MetaArgs['matches'], locale: Locale): string | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i].data as Partial<TitleContext> | undefined | null;
    if (data && typeof data === 'object' && data.titleContext) return data.titleContext[locale];
  }
  return null;
}

function partText(locale: Locale, t: Translate, part: TitlePart): string {
  if (typeof part === 'string') return t(part);
  if (typeof part === 'function') return part(locale, t);
  if ('text' in part) return part.text;
  if ('key' in part) return t(part.key, part.params);
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
