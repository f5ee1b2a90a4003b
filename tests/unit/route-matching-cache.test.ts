/**
 * The server's routes are built, ranked and compiled once per build, not per request: patches
 * to @remix-run/router, @remix-run/react and react-router-dom applied at install (patches/,
 * decision 110). These tests check that the patches are in the copies the server loads, and
 * that matching still answers as the unpatched router does.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { routeTree } from '~/i18n/route-tree.generated';

// The CommonJS build, as @remix-run/server-runtime, @remix-run/react and react-router-dom
// load it on the server (the browser bundle uses the untouched ES module build).
const require = createRequire(import.meta.url);
const router = require('@remix-run/router') as typeof import('@remix-run/router');
const staticRendering =
  require('react-router-dom/server.js') as typeof import('react-router-dom/server');

const routes = () => [
  { id: 'root', path: '/', children: [{ id: 'home', index: true }] },
  {
    id: 'event',
    path: 'e/:slug',
    children: [
      { id: 'feed', index: true },
      { id: 'announcement', path: 'a/:id' },
    ],
  },
  {
    id: 'staff',
    path: 'staff/:slug',
    caseSensitive: true,
    children: [{ id: 'members', path: 'members' }],
  },
  { id: 'splat', path: '*' },
];
const ids = (matches: { route: { id: string } }[] | null) => matches?.map((m) => m.route.id);

describe('route matching with the cached branches and patterns (decision 110)', () => {
  it('keeps a routes array’s ranked branches: a route added to the array afterwards is not seen', () => {
    const table = routes();
    expect(ids(router.matchRoutes(table, '/late'))).toEqual(['splat']);
    table.unshift({ id: 'late', path: 'late' } as never);
    // The unpatched router would now find 'late'. Remix builds its server routes once per
    // build and never changes them; this is the price of not re-ranking on every request.
    expect(ids(router.matchRoutes(table, '/late'))).toEqual(['splat']);
    expect(ids(router.matchRoutes([...table], '/late'))).toEqual(['late']);
  });

  it('matches as before: params, index routes, the splat, case sensitivity, repeated calls', () => {
    const table = routes();
    for (let round = 0; round < 3; round++) {
      const announcement = router.matchRoutes(table, '/e/sakura%20city/a/42');
      expect(ids(announcement)).toEqual(['event', 'announcement']);
      expect(announcement?.at(-1)?.params).toEqual({ slug: 'sakura city', id: '42' });
      expect(ids(router.matchRoutes(table, '/e/tokyo'))).toEqual(['event', 'feed']);
      expect(ids(router.matchRoutes(table, '/E/tokyo/'))).toEqual(['event', 'feed']);
      expect(ids(router.matchRoutes(table, '/staff/x/members'))).toEqual(['staff', 'members']);
      expect(ids(router.matchRoutes(table, '/STAFF/x/members'))).toEqual(['splat']);
      expect(ids(router.matchRoutes(table, '/'))).toEqual(['root', 'home']);
    }
  });

  it('keeps a compiled pattern per pattern and options: the same path with end or case differs', () => {
    expect(router.matchPath({ path: '/e/:slug', end: true }, '/e/x/more')).toBeNull();
    expect(router.matchPath({ path: '/e/:slug', end: false }, '/e/x/more')?.params).toEqual({
      slug: 'x',
    });
    expect(router.matchPath({ path: '/e/:slug', end: true }, '/e/x/more')).toBeNull();
    expect(router.matchPath({ path: '/E/:slug', caseSensitive: true }, '/e/x')).toBeNull();
    expect(router.matchPath({ path: '/E/:slug', caseSensitive: false }, '/e/x')?.params).toEqual({
      slug: 'x',
    });
    expect(router.matchPath({ path: '/E/:slug', caseSensitive: true }, '/e/x')).toBeNull();
  });

  it('converts a routes array to the static router’s data routes once', async () => {
    const table = routes();
    const handler = staticRendering.createStaticHandler(table);
    const rendered = async () => {
      const context = await handler.query(new Request('https://startline.example/e/tokyo'));
      if (context instanceof Response) throw new Error('unexpected response');
      return staticRendering.createStaticRouter(handler.dataRoutes, context);
    };
    const [first, second] = [await rendered(), await rendered()];
    expect(second.routes).toBe(first.routes);
    expect(ids(second.state.matches)).toEqual(['event', 'feed']);
  });

  it('tries only the branches a path’s first segment allows, keeps each path’s answer, and finds what the unpatched router finds, for every route of the app', async () => {
    // The browser's ES module build carries none of the patches: it is the reference.
    const reference = (await import(
      '../../node_modules/@remix-run/router/dist/router.js' as string
    )) as Pick<typeof router, 'matchRoutes'>;
    type Node = { id: string; path?: string; index?: true; children?: Node[] };
    const nodesOf = () => {
      const nodes = new Map<string, Node>(
        routeTree.map((r) => [r.id, { id: r.id, path: r.path, index: r.index }]),
      );
      for (const route of routeTree) {
        if (!route.parentId) continue;
        const parent = nodes.get(route.parentId)!;
        (parent.children ??= []).push(nodes.get(route.id)!);
      }
      return [{ ...nodes.get('root')!, path: '' }];
    };
    const tree = () => nodesOf() as Parameters<typeof router.matchRoutes>[0];
    const fullPaths = (nodes: Node[], parent = ''): string[] =>
      nodes.flatMap((node) => {
        const path = [parent, node.path ?? ''].filter(Boolean).join('/');
        return [path, ...fullPaths(node.children ?? [], path)];
      });
    const paths = new Set<string>(['', '/', '//', '///e/x', 'e/x', '/nothing/here', '/%E3%81%82']);
    for (const pattern of fullPaths(nodesOf())) {
      for (const value of ['x', '42', 'sakura%20city', '%E3%81%82']) {
        const filled = `/${pattern.replace(/:\w+/g, value).replace('*', 'rest/of/it')}`;
        for (const variant of [filled, `${filled}/`, `${filled}/more`, filled.toUpperCase()]) {
          paths.add(variant);
          paths.add(`/${variant}`);
        }
      }
    }
    const patched = tree();
    const unpatched = tree();
    const shape = (matches: ReturnType<typeof router.matchRoutes>) =>
      matches?.map((m) => ({
        id: m.route.id,
        params: m.params,
        pathname: m.pathname,
        pathnameBase: m.pathnameBase,
      })) ?? null;
    expect(paths.size).toBeGreaterThan(500);
    for (const path of paths) {
      const expected = shape(reference.matchRoutes(unpatched, path));
      const first = router.matchRoutes(patched, path);
      expect(shape(first), path).toEqual(expected);
      // The second answer is the kept one: what the first caller did to its copy stays there.
      if (first) {
        (first[0].params as Record<string, string>).slug = 'changed by a caller';
        first.pop();
      }
      expect(shape(router.matchRoutes(patched, path)), path).toEqual(expected);
    }
  });
});
