/**
 * The app each integration test file runs on, started once per file (decision 103).
 * tests/setup/database.ts starts it before the file's first hook and stops it after its last.
 * A file that uses the database while it loads (seeding at top level) calls `startTestApp()`
 * itself first, after setting the environment it needs: env.server.ts reads the environment at
 * its first use after the setup file has forgotten the previous file's (files share a process,
 * decision 107).
 */
import type { RunningApp } from '~/modules/app/start-app.server';

let starting: Promise<RunningApp> | undefined;

export function startTestApp(): Promise<RunningApp> {
  starting ??= import('~/modules/app/start-app.server').then(({ startApp }) =>
    startApp({ role: 'script' }),
  );
  return starting;
}

export async function stopTestApp() {
  const running = starting;
  starting = undefined;
  await (await running)?.stop({ graceful: false });
}
