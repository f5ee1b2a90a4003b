/**
 * Renders whole pages in-process: Remix's own request handler over a build assembled from
 * the route modules the test names (plus their parent routes and root). Tests get the real
 * HTML — links, forms, the header — and real status codes, on the test file's own database
 * (PGlite or PostgreSQL), without starting a server. Used by the link scanner.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import * as entryServer from '~/entry.server';
import * as root from '~/root';
import { testContext } from './requests';

const appDirectory = fileURLToPath(new URL('../../app', import.meta.url));

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  file: string;
}

/** `routeFiles` as in app/routes, e.g. `join.$token.tsx`. */
export async function createDocumentHandler(routeFiles: string[]) {
  const manifest = flatRoutes(appDirectory, ['**/.*', '**/*.test.*']) as Record<
    string,
    ManifestRoute
  >;
  const wanted = new Set<string>();
  for (const route of Object.values(manifest)) {
    if (!routeFiles.includes(path.basename(route.file))) continue;
    for (let id: string | undefined = route.id; id && id !== 'root'; id = manifest[id]?.parentId)
      wanted.add(id);
  }
  const missing = routeFiles.filter(
    (file) => !Object.values(manifest).some((r) => path.basename(r.file) === file),
  );
  if (missing.length > 0) throw new Error(`no such route files: ${missing.join(', ')}`);

  const routes: ServerBuild['routes'] = {
    root: { id: 'root', path: '', module: root as never },
  };
  const assetRoutes: ServerBuild['assets']['routes'] = {
    root: assetRoute({ id: 'root', path: '', file: 'root.tsx' }, root),
  };
  for (const id of wanted) {
    const route = manifest[id];
    const module = await import(/* @vite-ignore */ path.join(appDirectory, route.file));
    routes[id] = {
      id,
      parentId: route.parentId ?? 'root',
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module,
    } as ServerBuild['routes'][string];
    assetRoutes[id] = assetRoute({ ...route, parentId: route.parentId ?? 'root' }, module);
  }

  const build = {
    mode: 'production',
    entry: { module: entryServer },
    routes,
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: assetRoutes,
      url: '/build/manifest-test.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_lazyRouteDiscovery: true,
      v3_singleFetch: true,
      v3_routeConfig: true,
      unstable_optimizeDeps: false,
    },
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
  const handler = createRequestHandler(build, 'production');
  return (request: Request, context: AppLoadContext = testContext()) => handler(request, context);
}

function assetRoute(
  route: Omit<ManifestRoute, 'file'> & { file: string },
  module: Record<string, unknown>,
) {
  return {
    id: route.id,
    parentId: route.id === 'root' ? undefined : route.parentId,
    path: route.path,
    index: route.index,
    caseSensitive: route.caseSensitive,
    module: `/build/${route.id}.js`,
    imports: [],
    hasAction: typeof module.action === 'function',
    hasLoader: typeof module.loader === 'function',
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: typeof module.ErrorBoundary === 'function',
  };
}

/** Same-origin hrefs of <a> elements (and <link> is ignored: stylesheets, icons). */
export function anchorsIn(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
    found.add(match[1].replace(/&amp;/g, '&'));
  }
  return [...found];
}
