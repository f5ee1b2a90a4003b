/**
 * The server's routes are built, ranked and compiled once per build, not per request: patches
 * to @remix-run/router, @remix-run/react and react-router-dom applied at install (patches/,
 * decision 110). These tests check that the patches are in the copies the server loads, and
 * that matching still answers as the unpatched router does.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

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
});
