import { messages } from '~/i18n/messages';
import { routeKeys } from '~/i18n/route-keys.generated.server';
import { matchedRouteIds, type RootStrings } from '~/i18n/route-strings';
import type { PageStrings } from '~/i18n/translator';
import type { Locale } from '~/i18n/types';

// One subset per language and chain of matched routes: a few hundred at most, built once each.
const cache = new Map<string, RootStrings>();

/**
 * The strings a page needs, in the reader's language only: the keys of every route the path
 * matches (root, layouts, the page), as scripts/check-messages.ts generated them from the
 * routes' code. The root loader sends them; the server render and the browser read the same.
 */
export function pageStrings(locale: Locale, pathname: string): RootStrings {
  const routes = matchedRouteIds(pathname);
  const cacheKey = `${locale} ${routes.join(' ')}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const text: PageStrings = {};
  for (const id of routes) for (const key of routeKeys[id] ?? []) text[key] = messages[key][locale];
  const result = { routes, text };
  cache.set(cacheKey, result);
  return result;
}
