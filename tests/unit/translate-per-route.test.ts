/**
 * Strings per route (issue 16, decision 105): a page gets only its matched routes' strings, in
 * the reader's language; the browser bundle never holds the table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchRoutes } from '@remix-run/react';
import { describe, expect, it } from 'vitest';
import { boundaryStrings } from '~/i18n/boundary-strings.generated';
import { messages } from '~/i18n/messages';
import { routeKeys } from '~/i18n/route-keys.generated.server';
import { matchedRouteIds, needsMoreStrings } from '~/i18n/route-strings';
import { routeTree } from '~/i18n/route-tree.generated';
import { translate } from '~/i18n/translate';
import { hasText, looksLikeMessageKey, pageTranslator } from '~/i18n/translator';
import { pageStrings } from '~/modules/i18n/page-strings.server';

describe('the strings a page is sent', () => {
  it('are its matched routes’ keys, in the reader’s language only', () => {
    const { routes, text } = pageStrings('en', '/sign-in');
    expect(routes).toEqual(['root', 'routes/sign-in']);
    expect(text['auth.signIn.title']).toBe('Sign in');
    expect(text['nav.signIn']).toBe(messages['nav.signIn'].en);
    // The audit log's sentences belong to its page alone; an English page gets no Japanese.
    expect(Object.keys(text).some((key) => key.startsWith('audit.'))).toBe(false);
    for (const [key, value] of Object.entries(text))
      expect(value).toBe(messages[key as keyof typeof messages].en);
    expect(Object.keys(text).length).toBeLessThan(100);
  });

  it('hold the layouts’ strings under an area, and the page’s own', () => {
    const { routes, text } = pageStrings('ja', '/staff/sakura-2027/audit');
    expect(routes).toEqual(['root', 'routes/staff.$slug', 'routes/staff.$slug.audit']);
    for (const id of routes) for (const key of routeKeys[id]) expect(text).toHaveProperty(key);
    expect(text['audit.deleted']).toBe(messages['audit.deleted'].ja);
  });

  it('carry a key’s singular twin, which translate() picks by itself', () => {
    const withTwin = Object.entries(routeKeys).find(([, keys]) =>
      keys.some((key) => keys.includes(`${key}One` as never)),
    );
    expect(withTwin).toBeDefined();
  });

  it('match the routes Remix matches, splats and index routes included', () => {
    expect(matchedRouteIds('/')).toEqual(['root', 'routes/_index']);
    expect(matchedRouteIds('/no/such/page')).toEqual(['root', 'routes/$']);
    expect(matchedRouteIds('/e/sakura/videos/v1')).toEqual([
      'root',
      'routes/e.$slug',
      'routes/e.$slug.videos.$videoId',
    ]);
  });
});

describe('matching only the top-level routes a path can reach', () => {
  it('finds what matching the whole tree finds, for a path to every route', () => {
    const children = (parentId: string): Parameters<typeof matchRoutes>[0] =>
      routeTree
        .filter((r) => r.parentId === parentId)
        .map((r) =>
          r.index
            ? { id: r.id, path: r.path, index: true }
            : { id: r.id, path: r.path, children: children(r.id) },
        );
    const whole = [{ id: 'root', path: '', children: children('root') }];
    const fullPath = (id: string | undefined): string => {
      const route = routeTree.find((r) => r.id === id);
      if (!route || route.id === 'root') return '';
      return `${fullPath(route.parentId)}/${route.path ?? ''}`;
    };
    const paths = routeTree.map((r) =>
      fullPath(r.id).replace(/:\w+/g, 'x1').replace('*', 'some/where').replace(/\/+/g, '/'),
    );
    expect(paths).toContain('/staff/x1/audit');
    for (const path of [...paths, '/', '/nope', '/STAFF/x1/team'])
      expect(matchedRouteIds(path), path).toEqual(
        (matchRoutes(whole, path) ?? []).map((m) => m.route.id),
      );
  });
});

describe('going to another page', () => {
  it('re-runs the root loader only when the next page has routes this one did not', () => {
    expect(needsMoreStrings('/sign-in', '/staff/sakura/audit')).toBe(true);
    expect(needsMoreStrings('/staff/sakura/audit', '/staff/sakura/team')).toBe(true);
    // Another event's audit log, or the same page with a query: the same routes, the same keys.
    expect(needsMoreStrings('/staff/sakura/audit', '/staff/momiji/audit')).toBe(false);
    expect(needsMoreStrings('/sign-in', '/sign-in')).toBe(false);
  });
});

describe('a page’s translator', () => {
  const strings = pageStrings('en', '/staff/sakura/announcements/a1/preview/s1').text;
  const t = pageTranslator('en', strings);

  it('reads the same text as the server’s whole table, plurals and numbers included', () => {
    for (const count of [1, 60000])
      expect(t('announcements.preview.send', { count })).toBe(
        translate('en', 'announcements.preview.send', { count }),
      );
  });

  it('shows a key the page was not sent as the key, so a short list shows in tests', () => {
    expect(t('audit.deleted')).toBe('audit.deleted');
  });

  it('tells the keys it has from other text', () => {
    expect(hasText(t, 'form.errorSummary')).toBe(true);
    expect(hasText(t, 'audit.deleted')).toBe(false);
    expect(hasText(t, 'Invalid input')).toBe(false);
    expect(hasText(() => 'x', 'form.errorSummary')).toBe(false);
    expect(looksLikeMessageKey('form.required')).toBe(true);
    expect(looksLikeMessageKey('Invalid input: expected string, received undefined')).toBe(false);
  });

  it('falls back to the root error page’s strings in the default language', () => {
    expect(boundaryStrings['errors.databaseUnavailable.title']).toBe(
      messages['errors.databaseUnavailable.title'].ja,
    );
    expect(Object.keys(boundaryStrings).length).toBeLessThan(60);
  });
});

const buildDir = fileURLToPath(new URL('../../build/client', import.meta.url));
const scripts = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return scripts(file);
    return name.endsWith('.js') ? [file] : [];
  });

describe.skipIf(!existsSync(buildDir))(
  'the browser bundle (build/client, from `npm run build`)',
  () => {
    it('holds no text from the table beyond the root error page’s fallback', () => {
      const bundled = scripts(buildDir).map((file) => readFileSync(file, 'utf8'));
      const fallback = new Set(Object.keys(boundaryStrings));
      // Japanese sentences, long enough that no library could contain them by chance, as they read
      // and as a minifier may write them (\u escapes).
      const escaped = (text: string) =>
        text.replace(
          /[^\x20-\x7e]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
        );
      const samples = Object.entries(messages)
        .filter(([key, entry]) => !fallback.has(key) && entry.ja.length >= 12)
        .map(([key, entry]) => ({ key, forms: [entry.ja, escaped(entry.ja)] }));
      expect(samples.length).toBeGreaterThan(300);
      const leaked = samples.filter(({ forms }) =>
        bundled.some((js) => forms.some((form) => js.includes(form))),
      );
      expect(leaked.map((s) => s.key)).toEqual([]);
    });
  },
);
