// @ts-check
/**
 * `npm start` and `npm run db:migrate` build the app only when the build is missing or older
 * than its sources (a build takes tens of seconds and most starts follow no change).
 * Production runs `npm run build` once, then `node build/index.js` (README, Operations).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const serverEntry = path.join(repoRoot, 'build/index.js');

/** What the build is made from (db/migrations is read at run time, not built). */
const SOURCES = [
  'app',
  'emails',
  'db/schema',
  'db/client.ts',
  'server',
  'vite.config.ts',
  'package-lock.json',
];

function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Whether build/index.js or build/client is missing, or older than any source file. */
export function buildIsStale() {
  if (!existsSync(serverEntry) || !existsSync(path.join(repoRoot, 'build/client'))) return true;
  const built = statSync(serverEntry).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(repoRoot, source)) > built);
}

/** Runs `remix vite:build` when needed; exits the process with its code if it fails. */
export function buildIfStale() {
  // The tests run the launcher on the build `npm test` has just made, while other work may be
  // touching the sources: they must not rebuild under the other tests' feet.
  if (process.env.STARTLINE_SKIP_BUILD === 'true') return;
  if (!buildIsStale()) return;
  process.stdout.write('Building the app (sources changed since the last build)…\n');
  const cli = path.join(repoRoot, 'node_modules/@remix-run/dev/dist/cli.js');
  const result = spawnSync(process.execPath, [cli, 'vite:build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
