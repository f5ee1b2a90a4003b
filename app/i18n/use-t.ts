import { useRouteLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { boundaryStrings } from './boundary-strings.generated';
import type { RootStrings } from './route-strings';
import { pageTranslator, type PageStrings, type Translate } from './translator';
import { defaultLocale, isLocale, type Locale } from './types';

/** What every page's root loader data holds for this module (app/root.tsx). */
interface RootI18nData {
  locale?: string;
  strings?: RootStrings;
}

function useRootData(): RootI18nData | undefined {
  return useRouteLoaderData('root') as RootI18nData | undefined;
}

export function useLocale(): Locale {
  const data = useRootData();
  return isLocale(data?.locale) ? data.locale : defaultLocale;
}

/**
 * The page's strings in the reader's language, as the root loader sent them (decision 105).
 * Without root data — the root loader itself failed — only the root error page renders, in
 * the default language, from strings built into the bundle.
 */
export function usePageStrings(): PageStrings {
  return useRootData()?.strings?.text ?? boundaryStrings;
}

export function useT(): Translate {
  const locale = useLocale();
  const strings = usePageStrings();
  return useMemo(() => pageTranslator(locale, strings), [locale, strings]);
}

/** The same translator for a meta function, which reads root data from its matches. */
export function metaTranslator(matches: readonly { id: string; data: unknown }[]): {
  locale: Locale;
  t: Translate;
} {
  const data = matches.find((match) => match.id === 'root')?.data as RootI18nData | undefined;
  const locale = isLocale(data?.locale) ? data.locale : defaultLocale;
  return { locale, t: pageTranslator(locale, data?.strings?.text ?? boundaryStrings) };
}
