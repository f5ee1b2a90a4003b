/**
 * Several web processes and a separate job worker (server-cluster.mjs, decision 091): on
 * PostgreSQL the web processes share one port and each answers its share of connections; mail
 * is sent by the job worker alone. On the embedded database a cluster is refused. Which process
 * answered or called the mail API is read from /proc (socket-owner.ts), not from anything the
 * app says about itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { repoRoot, waitFor, type LogLine } from './support/app-server';
import { connectionOwners } from './support/socket-owner';

const clusterEntry = path.join(repoRoot, 'server-cluster.mjs');

interface RunningCluster {
  child: ChildProcess;
  logs(): LogLine[];
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: RunningCluster[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cluster of started) {
    if (cluster.child.exitCode === null && cluster.child.signalCode === null) {
      cluster.child.kill('SIGTERM');
      await cluster.exited;
    }
  }
  for (const close of closers) await close();
});

function startCluster(env: Record<string, string>): RunningCluster {
  const child = spawn(process.execPath, [clusterEntry], {
    cwd: repoRoot,
    // Nothing of the test runner's environment (NODE_ENV=test, DATABASE_URL …) unless given.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const cluster = {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LogLine];
          } catch {
            return [];
          }
        }),
  };
  started.push(cluster);
  return cluster;
}

/**
 * The fake Resend API behind a front that notes, as each request arrives, which process
 * opened the connection it came on (the provider's view of "who sent this mail").
 */
async function resendWatchingSenders(candidates: () => number[]) {
  const fake: FakeResend = await startFakeResend();
  const senders: number[] = [];
  const front: Server = createServer((req, res) => {
    senders.push(...connectionOwners(req.socket.remotePort!, req.socket.localPort!, candidates()));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && key !== 'host' && key !== 'content-length') {
          headers.set(key, value);
        }
      }
      const answer = await fetch(`${fake.url}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    await new Promise((resolve) => front.close(resolve));
    await fake.close();
  });
  const { port } = front.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, fake, senders };
}

/** GET on a connection of its own; resolves with the status and the pid that answered. */
function askOnNewConnection(url: string, candidates: number[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<{ status: number; answeredBy: number[] }>((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const serverPort = res.socket.remotePort!;
      const clientPort = res.socket.localPort!;
      res.resume();
      res.on('end', () => {
        // Kept alive, so the server's end of the connection is still open here.
        const answeredBy = connectionOwners(serverPort, clientPort, candidates);
        agent.destroy();
        resolve({ status: res.statusCode ?? 0, answeredBy });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('several web processes', () => {
  it('refuses to run several processes on the embedded database, saying why', async () => {
    const cluster = startCluster({ WEB_PROCESSES: '2', SEED_DEMO: 'false' });
    const { code } = await cluster.exited;
    expect(code).toBe(1);
    expect(cluster.stderr()).toMatch(/DATABASE_URL/);
    expect(cluster.stderr()).toMatch(/PGlite/);
    expect(cluster.logs().map((line) => line.message)).not.toContain('server.listening');
  }, 30_000);

  it.runIf(process.env.DATABASE_URL)(
    'answers from more than one web process while mail goes out from the job worker alone',
    async () => {
      let pids: number[] = [];
      const resend = await resendWatchingSenders(() => pids);
      const cluster = startCluster({
        DATABASE_URL: process.env.DATABASE_URL!,
        NODE_ENV: 'development',
        PORT: '0',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        WEB_PROCESSES: '2',
        JOB_PROCESSES: '1',
        RESEND_API_KEY: 're_test_cluster',
        RESEND_BASE_URL: resend.url,
        MAIL_POLL_MS: '50',
      });
      // All three start together on a fresh database: one applies the migrations, the others
      // wait for it (db/client.ts) instead of failing on "already exists".
      const listening = await waitFor(
        async () => {
          if (cluster.child.exitCode !== null) {
            throw new Error(`cluster exited\n${cluster.stdout()}\n${cluster.stderr()}`);
          }
          return cluster.logs().find((line) => line.message === 'cluster.listening');
        },
        120_000,
        'the cluster to listen',
      );
      const web = listening.web as number[];
      const jobs = listening.jobs as number[];
      expect(web).toHaveLength(2);
      expect(jobs).toHaveLength(1);
      pids = [cluster.child.pid!, ...web, ...jobs];
      // Pages come first: the job worker runs 10 nice steps below the web processes, which keep
      // the priority the cluster was started with (this test's own; CI runs it at nice 10).
      const started = os.getPriority();
      for (const pid of web) expect(os.getPriority(pid)).toBe(started);
      expect(os.getPriority(jobs[0])).toBe(Math.min(19, started + 10));
      const url = String(listening.url);

      const answeredBy = new Set<number>();
      for (let i = 0; i < 8; i += 1) {
        // Among the web processes only: the primary accepts each connection and hands it to one
        // of them, and on a busy machine may not yet have closed its own copy when the answer
        // comes (a CI run saw the primary and a web process both holding it). A request the
        // primary answered itself would still show: no web process would hold the connection.
        const answer = await askOnNewConnection(`${url}/healthz`, web);
        expect(answer.status).toBe(200);
        expect(answer.answeredBy).toHaveLength(1);
        answeredBy.add(answer.answeredBy[0]);
      }
      expect([...answeredBy].sort()).toEqual([...web].sort());

      // Sign-in codes requested through the web processes …
      const addresses = ['one@cluster.example', 'two@cluster.example', 'three@cluster.example'];
      for (const email of addresses) {
        const response = await fetch(`${url}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email }),
        });
        expect(response.status).toBe(302);
      }
      // … reach the provider from the job worker, and from no web process.
      await waitFor(
        async () => (resend.fake.received.length >= addresses.length ? true : undefined),
        60_000,
        'the sign-in emails',
      );
      expect(resend.fake.received.map((email) => email.to).sort()).toEqual([...addresses].sort());
      expect(resend.senders.length).toBeGreaterThan(0);
      expect(new Set(resend.senders)).toEqual(new Set(jobs));

      cluster.child.kill('SIGTERM');
      expect(await cluster.exited).toEqual({ code: 0, signal: null });
      for (const pid of [...web, ...jobs]) expect(isAlive(pid)).toBe(false);
      expect(cluster.logs().filter((line) => line.level === 'error')).toEqual([]);
    },
    240_000,
  );
});
