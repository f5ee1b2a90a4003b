/**
 * What a page makes the browser download, measured on a running server (issue 16): the
 * JavaScript its HTML lists (modulepreload links and the inline module script's imports), each
 * file fetched and gzipped as a CDN would serve it; and which routes' client chunks carry zod.
 * Used by `npm run bench:bundle` and tests/http/client-bundle.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Zod's own code names its classes in strings (`$constructor("$ZodType", …)`); a schema alone
 * would not, so the marker finds zod's runtime in a chunk, minified or not. */
export const ZOD_MARKER = '"$ZodType"';

export interface PageScripts {
  /** Same-origin script URLs the page lists, in order, without duplicates. */
  urls: string[];
  /** Gzipped bytes per URL. */
  gzipBytes: Record<string, number>;
  totalGzipBytes: number;
}

/** Script URLs an HTML page makes the browser load before it is interactive. */
export function scriptUrlsIn(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0]);
    if (href) found.add(href[1]);
  }
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(match[1]);
    if (src) found.add(src[1]);
    if (!/\btype="module"/.test(match[1])) continue;
    for (const specifier of match[2].matchAll(/\bimport\s*(?:[^"';]*?\bfrom\s*)?"([^"]+)"/g)) {
      found.add(specifier[1]);
    }
  }
  return [...found].filter((url) => url.startsWith('/') && !url.startsWith('//'));
}

/** Fetches a page and the scripts it lists; sums their gzipped sizes. */
export async function measurePageScripts(origin: string, pathname: string): Promise<PageScripts> {
  const page = await fetch(new URL(pathname, origin), { headers: { 'Accept-Language': 'ja' } });
  if (!page.ok) throw new Error(`${pathname} answered ${page.status}`);
  const urls = scriptUrlsIn(await page.text());
  const gzipBytes: Record<string, number> = {};
  for (const url of urls) {
    const response = await fetch(new URL(url, origin));
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    gzipBytes[url] = gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
  }
  const totalGzipBytes = Object.values(gzipBytes).reduce((sum, bytes) => sum + bytes, 0);
  return { urls, gzipBytes, totalGzipBytes };
}

interface ManifestRoute {
  module: string;
  imports?: string[];
}

/**
 * Route ids whose client code (the route module and the chunks it imports) contains zod.
 * Reads the whole browser manifest (`window.__remixManifest = {…}`) from the client build
 * folder: with lazy route discovery a page inlines only the routes it matched.
 */
export async function routesShippingZod(origin: string, clientDir: string): Promise<string[]> {
  const manifestFile = findManifest(clientDir);
  const source = readFileSync(manifestFile, 'utf8');
  const json = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
  const manifest = JSON.parse(json) as { routes: Record<string, ManifestRoute> };
  const hasZod = new Map<string, Promise<boolean>>();
  const fileHasZod = (url: string) => {
    if (!hasZod.has(url)) {
      hasZod.set(
        url,
        fetch(new URL(url, origin))
          .then((response) => response.text())
          .then((text) => text.includes(ZOD_MARKER)),
      );
    }
    return hasZod.get(url)!;
  };
  const shipping: string[] = [];
  for (const [id, route] of Object.entries(manifest.routes)) {
    const files = [route.module, ...(route.imports ?? [])];
    const flags = await Promise.all(files.map(fileHasZod));
    if (flags.some(Boolean)) shipping.push(id);
  }
  return shipping.sort();
}

function findManifest(dir: string): string {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const inside = findManifestOrNull(full);
      if (inside) return inside;
    } else if (/^manifest-[\w-]+\.js$/.test(entry.name)) return full;
  }
  throw new Error(`no Remix manifest under ${dir}`);
}

function findManifestOrNull(dir: string): string | null {
  try {
    return findManifest(dir);
  } catch {
    return null;
  }
}
