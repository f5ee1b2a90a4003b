/**
 * Importing a module does nothing (decision 103): the database, migrations, job queues,
 * workers, webhook handlers and stores are wired by startApp (app/modules/app/start-app.server.ts)
 * alone. A child process imports every app/**\/*.server.ts(x) with DATABASE_URL at a port this
 * test listens on and DATA_DIR at a folder that does not exist, then must: have imported them
 * all, connected to nothing (so nothing migrated or enqueued), created no folder, added no
 * process listener, and exited by itself (no timer, pool or socket left running).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'startline-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('importing every server module', () => {
  it('opens, creates, starts and enqueues nothing', async () => {
    const connections: string[] = [];
    const watcher = net.createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => watcher.listen(0, '127.0.0.1', resolve));
    const { port } = watcher.address() as net.AddressInfo;
    const dataDir = path.join(scratch, 'data-that-must-not-appear');

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/import-every-module.ts'],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TMPDIR: process.env.TMPDIR,
          NODE_ENV: 'development',
          LOG_LEVEL: 'silent',
          DATABASE_URL: `postgres://startline@127.0.0.1:${port}/startline`,
          DATA_DIR: dataDir,
          // Whatever start-up would do in a job worker with the demo: import must still do none.
          JOB_WORKER: 'true',
          SEED_DEMO: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Once it has reported, it must exit by itself: a process kept alive by a timer, pool or
    // socket that an import started is stopped after a grace period, and fails below.
    await Promise.race([
      exited,
      new Promise((resolve) => child.stdout.on('data', () => stdout.includes('\n') && resolve(0))),
    ]);
    const grace = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const exitCode = await exited;
    clearTimeout(grace);
    await new Promise<void>((resolve) => watcher.close(() => resolve()));

    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      found: number;
      imported: number;
      failed: unknown[];
      leftOpen: string[];
      listenersAdded: string[];
    };
    expect(report.failed).toEqual([]);
    expect(report.found).toBeGreaterThan(100);
    expect(report.imported).toBe(report.found);
    expect(connections).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
    expect(report.leftOpen).toEqual([]);
    expect(report.listenersAdded).toEqual([]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  }, 180_000);
});
