// @ts-check
/**
 * `npm start`: the embedded first run. Builds if the build is stale, then runs the server as a
 * child and passes it every stop signal: npm (and the shell it runs scripts in) would otherwise
 * end on SIGTERM and leave the server running, orphaned, its job worker never stopped.
 * Exits with the server's own exit code (or its signal).
 *
 * Production does not need this launcher: `npm run build` once, then `node build/index.js`
 * (or `node server-cluster.mjs`) as the process itself, so the supervisor's signals reach it.
 */
import { spawn } from 'node:child_process';
import { buildIfStale, repoRoot, serverEntry } from './build-if-stale.mjs';

const SIGNALS = /** @type {const} */ (['SIGTERM', 'SIGINT', 'SIGHUP']);

/** A stop asked for during the build: no server is started after it. */
let stopRequested = false;
const stopBeforeStart = () => (stopRequested = true);
for (const signal of SIGNALS) process.on(signal, stopBeforeStart);

buildIfStale();
if (stopRequested) process.exit(143);

// Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the
// server must get that SIGINT once (from here), not twice (a second one ends it at once).
const server = spawn(process.execPath, [serverEntry, ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
let stopForwarded = false;
for (const signal of SIGNALS) {
  process.off(signal, stopBeforeStart);
  process.on(signal, () => {
    stopForwarded = true;
    server.kill(signal);
  });
}
// npm runs this through `sh -c`; the script says `exec` so that npm's signal reaches this
// process, but a shell that was signalled or killed anyway (or an npm killed with SIGKILL)
// leaves this launcher to its init: then it stops the server as if told to.
const launchedBy = process.ppid;
// Once: the server stops gracefully on its first SIGTERM and at once on a second.
const orphanWatch = setInterval(() => {
  if (process.ppid === launchedBy) return;
  clearInterval(orphanWatch);
  if (!stopForwarded) server.kill('SIGTERM');
}, 500);
orphanWatch.unref();

server.on('exit', (code, signal) => {
  if (signal) {
    // End the same way, so that whoever started `npm start` sees what happened.
    for (const s of SIGNALS) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
