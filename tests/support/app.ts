/**
 * The app each integration test file runs on, started once per file (decision 103).
 * tests/setup/database.ts starts it before the file's first hook and stops it after its last.
 * A file that uses the database while it loads (seeding at top level) calls `startTestApp()`
 * itself first, after setting the environment it needs: env.server.ts reads the environment
 * when it is first imported, so the setup file imports no app module before the test file does.
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
