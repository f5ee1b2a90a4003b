/**
 * `npm run dev` (server/dev.mjs: Express with Vite in middleware mode) shows an edited route
 * without a restart (issue 16, decision 102). Runs on a copy of the sources in a temporary
 * folder (node_modules linked), so the repository is never modified; the copy's sign-in page
 * gets a new heading, and the same running server must answer with it.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, waitFor } from './support/app-server';

const COPIED = [
  'app',
  'db',
  'emails',
  'public',
  'server',
  'package.json',
  'tsconfig.json',
  'vite.config.ts',
  'remix.env.d.ts',
];

let copy: string;
let dataDir: string;
let child: ReturnType<typeof spawn>;
let output = '';
let url: string;

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'startline-dev-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'startline-dev-data-'));
  for (const entry of COPIED)
    cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  child = spawn(process.execPath, ['server/dev.mjs'], {
    cwd: copy,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: 'development',
      PORT: '0',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  url = await waitFor(
    async () => /"url":"(http:\/\/localhost:\d+)"[^\n]*"server\.listening"/.exec(output)?.[1],
    180_000,
    `the dev server to listen\n${output}`,
  );
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(copy, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const signInPage = async () => (await fetch(`${url}/sign-in`)).text();

describe('npm run dev', () => {
  it('answers an edited route with its new text, without a restart', async () => {
    const before = await signInPage();
    expect(before).toContain('<h1>');
    const marker = `edited-${Date.now()}`;
    expect(before).not.toContain(marker);

    const route = path.join(copy, 'app/routes/sign-in.tsx');
    const source = readFileSync(route, 'utf8');
    const edited = source.replace(
      "<h1>{t('auth.signIn.title')}</h1>",
      `<h1>{t('auth.signIn.title')} ${marker}</h1>`,
    );
    expect(edited, 'the heading this test edits is still in sign-in.tsx').not.toBe(source);
    writeFileSync(route, edited);

    const after = await waitFor(
      async () => {
        const html = await signInPage();
        return html.includes(marker) ? html : undefined;
      },
      60_000,
      'the edited heading',
    );
    expect(after).toContain(marker);
    expect(child.exitCode).toBeNull();
    // Vite serves the browser's modules from the same server (its HMR client among them).
    expect((await fetch(`${url}/@vite/client`)).status).toBe(200);
  }, 120_000);
});
