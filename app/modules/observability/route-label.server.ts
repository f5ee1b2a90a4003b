import { matchRoutes } from '@remix-run/react';
import type { ServerBuild } from '@remix-run/node';

type RouteNode = {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
};

/**
 * The Remix route id that answers a path ("routes/e.$slug._index"), the label of the latency
 * histogram: one series per route of the app, never per URL (a slug or token in a label would
 * grow the series without bound and put identifiers into the monitoring system).
 */
export function routeLabeller(build: Pick<ServerBuild, 'routes'>) {
  const byParent = new Map<string | undefined, RouteNode[]>();
  for (const route of Object.values(build.routes)) {
    const node: RouteNode = {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
    };
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(node);
    byParent.set(route.parentId, siblings);
  }
  const attach = (node: RouteNode): RouteNode => {
    const children = byParent.get(node.id);
    return children ? { ...node, children: children.map(attach) } : node;
  };
  const tree = (byParent.get(undefined) ?? []).map(attach);

  // matchRoutes ranks every route on each call: the answers are kept for the paths seen most
  // recently, forgotten all at once when there are many (ids and tokens make paths unbounded).
  const cache = new Map<string, string>();
  return (pathname: string): string => {
    const known = cache.get(pathname);
    if (known) return known;
    const matches = matchRoutes(tree as never, pathname) as { route: { id: string } }[] | null;
    const leaf = matches?.[matches.length - 1]?.route.id;
    // Only the root matched: Remix answers with its 404 page.
    const label = !leaf || leaf === 'root' ? 'unmatched' : leaf;
    if (cache.size >= 2000) cache.clear();
    cache.set(pathname, label);
    return label;
  };
}
