/**
 * The server build loads React Email only when an email is rendered (decision 090): Tailwind's
 * compiler, Prism and Prettier cost ~0.5 s of CPU, and web processes rarely render an email.
 * Vite bundles the email packages into the server build (ssr.noExternal in vite.config.ts), so
 * the renderer's dynamic import puts them, with the templates, in chunks of their own that no
 * module loaded at start imports (decision 102).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/app-server';

const serverDir = path.join(repoRoot, 'build/server');
const EMAIL_PACKAGES = /^(@react-email\/|tailwindcss|prismjs|prettier|html-to-text)/;
/** The templates' table (emails/index.ts), as the bundler writes it. */
const TEMPLATES_MARKER = /["']sign-in-code["']:\s*template\(/;

const read = (file: string) => readFileSync(path.join(serverDir, file), 'utf8');

/** Specifiers a chunk imports statically (`import … from "x"`, `import "x"`). */
function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\b[^;]*?["']([^"']+)["'];?$/gm)].map((m) => m[1]);
}

/** Every chunk evaluated when build/server/index.js is imported, and what they import. */
function loadedAtStart() {
  const chunks = new Set<string>();
  const packages = new Set<string>();
  const queue = ['index.js'];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (chunks.has(file)) continue;
    chunks.add(file);
    for (const specifier of staticImports(read(file))) {
      if (specifier.startsWith('.')) {
        queue.push(path.posix.join(path.posix.dirname(file), specifier));
      } else packages.add(specifier);
    }
  }
  return { chunks, packages };
}

describe('the email renderer in the server build', () => {
  it('imports none of the email packages at start', () => {
    const { packages } = loadedAtStart();
    expect(packages.size).toBeGreaterThan(0);
    expect([...packages].filter((name) => EMAIL_PACKAGES.test(name))).toEqual([]);
  });

  it('evaluates the templates only when the renderer asks for them', () => {
    const { chunks } = loadedAtStart();
    const atStart = [...chunks].filter((file) => TEMPLATES_MARKER.test(read(file)));
    expect(atStart, 'no chunk loaded at start holds the templates').toEqual([]);

    // The templates are in a chunk of their own, which one dynamic import (the renderer's) loads.
    const assets = readdirAssets().filter((file) => TEMPLATES_MARKER.test(read(file)));
    expect(assets).toHaveLength(1);
    const name = path.posix.basename(assets[0]);
    const loaders = [...chunks].flatMap((file) =>
      [...read(file).matchAll(/import\(["']([^"']+)["']\)/g)]
        .filter((m) => path.posix.basename(m[1]) === name)
        .map(() => file),
    );
    expect(loaders).toHaveLength(1);
  });
});

function readdirAssets(): string[] {
  return readdirSync(path.join(serverDir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `assets/${file}`);
}
