/**
 * Starts the built server (`node build/index.js`) as a child process, the way it runs in
 * production: for the HTTP tests in tests/http and the browser tests' global setup.
 *
 * Each server gets PORT=0 (a free port picked by the OS; the URL is read from the
 * `server.listening` log line) and a fresh temporary DATA_DIR, unless told otherwise: a copy of
 * an embedded database the build's own `--migrate-only` made once in this test process (see
 * `migratedDataTemplate`), or with `emptyDataDir` a folder that never held one.
 * Nothing of the test runner's environment leaks in (vitest sets NODE_ENV=test etc.).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const serverEntry = path.join(repoRoot, 'build/index.js');

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface AppServer {
  url: string;
  dataDir: string | null;
  child: ChildProcess;
  /** Every JSON log line the server wrote to stdout so far. */
  logs: LogLine[];
  stdout(): string;
  stderr(): string;
  /** Sends the signal and waits for the exit (killing it after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitResult>;
  /** Stops the server (if running) and removes its temporary data folder. */
  dispose(): Promise<void>;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the signal to the exit. */
  ms: number;
}

export interface StartOptions {
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Reuse a data folder (e.g. to restart on the same embedded database). */
  dataDir?: string;
  /**
   * Start on a folder that never held a database, as `npm start` does on a new machine (initdb
   * and every migration at start), instead of a copy of the migrated template.
   */
  emptyDataDir?: boolean;
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function baseEnvironment(options: StartOptions, dataDir: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG,
    NODE_ENV: 'development',
    PORT: '0',
    SEED_DEMO: 'true',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function ensureBuilt() {
  if (!existsSync(serverEntry)) {
    throw new Error(
      `${serverEntry} is missing: run \`npm run build\` first (npm test and npm run test:e2e do).`,
    );
  }
}

/**
 * On the embedded database, V8's baseline compiler only, as the test processes run (decision
 * 098): PGlite's 9 MB of WebAssembly is otherwise recompiled by the optimizing tier in
 * background threads, ~1.5-2.5 s of CPU per server start that a test server, alive for seconds,
 * never earns back. A tiering flag: it changes how fast the server's WebAssembly is compiled,
 * not what the server does.
 */
function nodeArguments(env: NodeJS.ProcessEnv) {
  return env.DATABASE_URL ? [] : ['--liftoff-only'];
}

function spawnServer(env: NodeJS.ProcessEnv) {
  ensureBuilt();
  const child = spawn(process.execPath, [...nodeArguments(env), serverEntry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

function parseLogs(stdout: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // a partial line still being written
    }
  }
  return lines;
}

let template: Promise<string> | null = null;

/**
 * An embedded data folder with every migration applied and nothing else, made once per test
 * process by `node build/index.js --migrate-only` and copied for each server that starts on a
 * fresh folder. An embedded database's first start runs initdb and every migration: ~4 s of
 * CPU and ~850 MB of memory on an idle machine, several times the time on a busy one, for the
 * same bytes every time. The servers then seed the demo (if asked) into their own copy.
 */
function migratedDataTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'startline-server-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    ensureBuilt();
    const env = baseEnvironment({ env: { SEED_DEMO: 'false' } }, dir);
    const child = spawn(process.execPath, [...nodeArguments(env), serverEntry, '--migrate-only'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`--migrate-only exited with ${code}\n${stderr}`);
    return dir;
  })();
  template.catch(() => {
    template = null;
  });
  return template;
}

/** Starts the server and resolves once it logs `server.listening`. */
export async function startAppServer(options: StartOptions = {}): Promise<AppServer> {
  const usesPostgres = Boolean(options.env?.DATABASE_URL);
  const ownDataDir = !options.dataDir && !usesPostgres;
  const dataDir =
    options.dataDir ??
    (usesPostgres ? null : mkdtempSync(path.join(tmpdir(), 'startline-server-')));
  if (ownDataDir && dataDir && !options.emptyDataDir) {
    cpSync(await migratedDataTemplate(), dataDir, { recursive: true });
  }
  const proc = spawnServer(baseEnvironment(options, dataDir));
  // Boot applies migrations and, with SEED_DEMO, seeds the demo (which encodes a sample video
  // with ffmpeg): seconds on an idle machine, much longer on a busy CI runner.
  const timeoutMs = options.timeoutMs ?? 120_000;

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      reject(
        new Error(
          `server did not start within ${timeoutMs} ms\n${proc.stdout()}\n${proc.stderr()}`,
        ),
      );
    }, timeoutMs);
    const check = () => {
      const listening = parseLogs(proc.stdout()).find(
        (line) => line.message === 'server.listening',
      );
      if (listening) {
        clearTimeout(timer);
        proc.child.stdout!.off('data', check);
        resolve(String(listening.url));
      }
    };
    proc.child.stdout!.on('data', check);
    void proc.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `server exited during start (code ${code}, signal ${signal})\n${proc.stdout()}\n${proc.stderr()}`,
        ),
      );
    });
  });

  let exit: Promise<ExitResult> | undefined;
  const stop = (signal: NodeJS.Signals = 'SIGTERM', stopTimeoutMs = 15_000) => {
    exit ??= (async () => {
      const started = Date.now();
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
      const killer = setTimeout(() => proc.child.kill('SIGKILL'), stopTimeoutMs);
      const result = await proc.exited;
      clearTimeout(killer);
      return { ...result, ms: Date.now() - started };
    })();
    return exit;
  };

  return {
    url,
    dataDir,
    child: proc.child,
    get logs() {
      return parseLogs(proc.stdout());
    },
    stdout: proc.stdout,
    stderr: proc.stderr,
    stop,
    async dispose() {
      await stop();
      if (ownDataDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a server that is expected to refuse to start; resolves with its exit and output. */
export async function runServerExpectingFailure(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'startline-bad-env-'));
  try {
    const proc = spawnServer(baseEnvironment({ env }, dataDir));
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
    const { code, signal } = await proc.exited;
    clearTimeout(timer);
    return { code, signal, stdout: proc.stdout(), stderr: proc.stderr() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Polls until `check` returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
