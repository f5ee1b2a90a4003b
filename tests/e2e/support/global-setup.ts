/**
 * Runs once before the browser tests: checks Chromium is there, starts one built server
 * (temporary embedded database, demo seeded, a free port) and hands its URL to the tests
 * (`inject('e2eBaseUrl')`, or E2E_BASE_URL). Set E2E_BASE_URL yourself to test a server you
 * started (it must be in development mode, for /dev/mailbox.json).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAppServer } from '../../http/support/app-server';
import { CHROMIUM_PATH } from './chromium-path';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** A folder the test files share for the run (cached sessions, see signInAs). */
    e2eStateDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing: the browser tests need ${CHROMIUM_PATH}.\n` +
        'Install it with:  apt-get install -y chromium   (then run npm run test:e2e again)',
    );
  }
  const stateDir = mkdtempSync(path.join(tmpdir(), 'startline-e2e-state-'));
  const external = process.env.E2E_BASE_URL;
  const server = external
    ? null
    : await startAppServer({
        // Every browser context sends its own X-Forwarded-For (see newPage), so the per-IP
        // sign-in rate limit treats the test files as different people, as in real life.
        env: { TRUST_PROXY: 'true' },
        // Seeding the demo encodes a sample video with ffmpeg: slow on a busy machine.
        timeoutMs: 240_000,
      });
  const baseUrl = (external ?? server!.url).replace(/\/$/, '');
  project.provide('e2eBaseUrl', baseUrl);
  project.provide('e2eStateDir', stateDir);
  process.env.E2E_BASE_URL = baseUrl;

  return async () => {
    if (server) {
      const exit = await server.stop();
      await server.dispose();
      if (exit.code !== 0) {
        console.error(`e2e server exited with ${exit.code}\n${server.stderr()}`);
      }
    }
    rmSync(stateDir, { recursive: true, force: true });
    if (!external) delete process.env.E2E_BASE_URL;
  };
}
