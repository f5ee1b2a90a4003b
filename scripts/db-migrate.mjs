// @ts-check
/**
 * `npm run db:migrate`: applies the migrations in db/migrations and exits — a release step
 * run before the new version's processes start. Same code and same lock as a server's own
 * boot (db/client.ts: a PostgreSQL advisory lock, so several at once wait for one another),
 * so it is safe while older processes still run. On the embedded database it must run while
 * the server is stopped (the server applies migrations itself on start anyway).
 */
import { spawn } from 'node:child_process';
import { buildIfStale, repoRoot, serverEntry } from './build-if-stale.mjs';

buildIfStale();
const child = spawn(process.execPath, [serverEntry, '--migrate-only'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
