/**
 * The server build loads React Email only when an email is rendered (decision 090): Tailwind's
 * compiler, Prism and Prettier cost ~0.5 s of CPU, and web processes rarely render an email.
 * esbuild hoists every import of an external package to the top of build/index.js, so the
 * packages must be bundled (remix.config.js) and the templates reached only through the
 * renderer's dynamic import.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/app-server';

const build = () => readFileSync(path.join(repoRoot, 'build/index.js'), 'utf8');

describe('the email renderer in the server build', () => {
  it('imports none of the email packages at start', () => {
    const imported = [...build().matchAll(/^import\b[^;]*?from\s*"([^"]+)"/gm)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    expect(
      imported.filter((name) => /^(@react-email\/|tailwindcss|prismjs|prettier)/.test(name)),
    ).toEqual([]);
  });

  it('evaluates the templates only when the renderer asks for them', () => {
    const source = build();
    const wrapper = /var (\w+), (init_\w+) = __esm\(\{\s*"emails\/index\.ts"\(\)/.exec(source);
    expect(wrapper, 'emails/index.ts is wrapped for lazy evaluation').not.toBeNull();
    const calls = source.split(`${wrapper![2]}()`).length - 1;
    // Once in the renderer's dynamic import; nothing else runs it.
    expect(calls).toBe(1);
  });
});
