import { matchRoutes } from '@remix-run/react';
import { routeTree } from './route-tree.generated';
import type { PageStrings } from './translator';

/** Where a route sits in the tree, as Remix's flat routes place it: enough to match a URL. */
export interface RouteShape {
  id: string;
  parentId?: string;
  path?: string;
  index?: true;
}

/** What the root loader sends with every page (decision 105). */
export interface RootStrings {
  /** The routes whose keys `text` holds. */
  routes: string[];
  text: PageStrings;
}

type Routes = Parameters<typeof matchRoutes>[0];

const childrenOf = (parentId: string): Routes =>
  routeTree
    .filter((r) => r.parentId === parentId)
    .map((r) =>
      r.index
        ? { id: r.id, path: r.path, index: true }
        : { id: r.id, path: r.path, children: childrenOf(r.id) },
    );

/*
 * matchRoutes() ranks and compiles every branch of the tree it is given on each call
 * (milliseconds for the whole app on a busy server). A path can only match a top-level route
 * whose first segment is the path's own or a parameter, so each first segment gets the small
 * tree of those routes, built once; and recent paths keep their answer. The caches are cleared
 * when full: no bookkeeping for something this cheap to refill.
 */
const byFirstSegment = new Map<string, Routes>();
const recent = new Map<string, string[]>();
const CACHE_LIMIT = 2000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function treeFor(pathname: string): Routes {
  const first = pathname.split('/').find(Boolean)?.toLowerCase() ?? '';
  const cached = byFirstSegment.get(first);
  if (cached) return cached;
  const top = childrenOf('root').filter((route) => {
    const head = route.path?.split('/')[0].toLowerCase();
    return head === undefined || head === '' || head === first || /^[:*]/.test(head);
  });
  return remember(byFirstSegment, first, [{ id: 'root', path: '', children: top }]);
}

/** The routes Remix matches for a path, root first: the same matcher Remix itself uses. */
export function matchedRouteIds(pathname: string): string[] {
  return (
    recent.get(pathname) ??
    remember(
      recent,
      pathname,
      (matchRoutes(treeFor(pathname), pathname) ?? []).map((match) => match.route.id as string),
    )
  );
}

/**
 * Whether going from one URL to another needs the root loader to run again for strings: the
 * root's strings always cover the current URL's routes (it re-ran whenever they did not), so a
 * next URL matching only those routes is covered too. Matching on both URLs keeps this free of
 * stored state.
 */
export function needsMoreStrings(currentPathname: string, nextPathname: string): boolean {
  if (currentPathname === nextPathname) return false;
  const current = new Set(matchedRouteIds(currentPathname));
  return matchedRouteIds(nextPathname).some((id) => !current.has(id));
}
