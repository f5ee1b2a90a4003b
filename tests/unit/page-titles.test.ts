import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '~/i18n/messages';
import { pageTitle } from '~/utils/page-title';

const routesDir = fileURLToPath(new URL('../../app/routes', import.meta.url));
const routeFiles = readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file));
const source = (file: string) => readFileSync(path.join(routesDir, file), 'utf8');
/** Page routes render something; resource routes (no default export) answer data or files. */
const pageRoutes = routeFiles.filter((file) => /^export default /m.test(source(file)));

// The root `$.tsx` renders the root ErrorBoundary, which titles the 404 itself.
const TITLED_BY_ROOT = new Set(['$.tsx']);

describe('page titles', () => {
  it('come from pageTitle on every page route', () => {
    const untitled = pageRoutes.filter(
      (file) =>
        !TITLED_BY_ROOT.has(file) &&
        !/export const meta: MetaFunction[^=]*= \(args\) =>\s*pageTitle\(/.test(source(file)),
    );
    expect(untitled).toEqual([]);
  });

  it('are never written by hand in a route', () => {
    const handWritten = routeFiles.filter((file) => /\btitle: ['`]/.test(source(file)));
    expect(handWritten).toEqual([]);
  });

  // The root loader sends each page its strings (decision 105); here, every key, to test titles alone.
  const root = (locale: 'ja' | 'en') => ({
    id: 'root',
    data: {
      locale,
      strings: {
        routes: [],
        text: Object.fromEntries(
          Object.entries(messages).map(([key, text]) => [key, text[locale]]),
        ),
      },
    },
  });
  const layout = {
    id: 'routes/staff.$slug',
    data: { titleContext: { ja: 'さくらシティマラソン 2027', en: 'Sakura City Marathon 2027' } },
  };
  const args = (locale: 'ja' | 'en', error?: unknown) =>
    ({ matches: [root(locale), layout], error }) as unknown as Parameters<typeof pageTitle>[0];

  it('names the page and the area in the reader’s language', () => {
    expect(pageTitle(args('ja'), 'staff.nav.invitations')).toEqual([
      { title: '招待 – さくらシティマラソン 2027 | Startline' },
    ]);
    expect(pageTitle(args('en'), 'staff.nav.invitations')).toEqual([
      { title: 'Invitations – Sakura City Marathon 2027 | Startline' },
    ]);
  });

  it('names the error instead of the page when the route failed', () => {
    const notFound = { status: 404, statusText: '', internal: false, data: null };
    const [title] = pageTitle(args('en', notFound), 'staff.nav.invitations');
    expect(title).toEqual({ title: 'Page not found – Sakura City Marathon 2027 | Startline' });
  });

  it('takes the area from the page when given, and asks robots to stay away when told', () => {
    expect(
      pageTitle(args('ja'), 'video.list.title', { within: 'トレイル大会', robots: 'noindex' }),
    ).toEqual([
      { title: '参加者限定動画 – トレイル大会 | Startline' },
      { name: 'robots', content: 'noindex' },
    ]);
  });
});

describe('error boundaries', () => {
  // A boundary replaces its own route's component, and after a failed action Remix skips the
  // boundary route's loader: only a child's own boundary keeps the layout (and its tabs).
  it('are exported by every page inside the staff and sponsor layouts', () => {
    const inLayouts = pageRoutes.filter((file) =>
      /^(staff\.\$slug|sponsor\.\$sponsorId)\./.test(file),
    );
    const missing = inLayouts.filter(
      (file) =>
        !/export \{[^}]*as ErrorBoundary\b|export function ErrorBoundary/.test(source(file)),
    );
    expect(inLayouts.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
