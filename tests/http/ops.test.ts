/**
 * Running the app on real machines (issue 14, decision 096), against the built server:
 * - /healthz and /readyz answer; /readyz says 503 with a reason when a migration is missing.
 * - /metrics answers this machine and a bearer of METRICS_TOKEN, and nobody else (a request
 *   from another address, a loopback request relayed by a proxy, a wrong token); after an
 *   email is sent, its counter shows it.
 * - The production command (`node build/index.js`) and `npm start` stop on SIGTERM within a
 *   few seconds, workers stopped, nothing left running; `node build/index.js --migrate-only`
 *   (npm run db:migrate) migrates and exits.
 * - A backup of a running instance, restored into an empty place, starts with the demo event
 *   and its members (embedded: PGlite's dump taken by the server; PostgreSQL: pg_dump).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '~/modules/database/database.server';
import { DEMO_EVENT_SLUG } from '~/modules/demo/demo-seed.server';
import { checkReadiness } from '~/modules/observability/readiness.server';
import {
  repoRoot,
  startAppServer,
  waitFor,
  type AppServer,
  type LogLine,
} from './support/app-server';
import { newWebhookSecret, signedWebhookRequest } from '../support/relay-webhooks';

const METRICS_TOKEN = 'ops-test-metrics-token-0123456789';
const WEBHOOK_SECRET = newWebhookSecret();
const usesPostgres = Boolean(process.env.DATABASE_URL);

const servers: AppServer[] = [];
const folders: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const server of servers) await server.dispose();
  for (const cleanup of cleanups) await cleanup();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(prefix: string) {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

const databaseEnv = () => (usesPostgres ? { DATABASE_URL: process.env.DATABASE_URL } : {});

/** This machine's first non-loopback IPv4 address: a request from it is not "local". */
function externalAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

/** A request made from `localAddress` (so the server sees that peer address). */
function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      {
        host: localAddress === '127.0.0.1' ? '127.0.0.1' : localAddress,
        port: target.port,
        path: target.pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress,
        // A connection of its own each time: in a cluster, any web process may answer.
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The sum of every sample of one metric (all label sets), from Prometheus text. */
function metricTotal(text: string, name: string) {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const messages = (logs: LogLine[]) => logs.map((line) => line.message);

describe.runIf(process.env.EXPECT_NODE_MAJOR)('Node version (CI)', () => {
  it('runs the tests on the Node the CI step asked for', () => {
    console.info(`tests/http/ops.test.ts runs on Node ${process.version}`);
    expect(process.versions.node.split('.')[0]).toBe(process.env.EXPECT_NODE_MAJOR);
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz, /readyz, and /metrics only to this machine or a token bearer; stops on SIGTERM', async () => {
    const server = await startAppServer({
      env: {
        ...databaseEnv(),
        SEED_DEMO: 'false',
        JOB_WORKER: 'true',
        METRICS_TOKEN,
        RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
    servers.push(server);

    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready']);
    expect(ready.headers.get('cache-control')).toBe('no-store');

    const local = await requestFrom('127.0.0.1', `${server.url}/metrics`);
    expect(local.status).toBe(200);
    expect(local.body).toContain('startline_http_request_duration_seconds_bucket');
    // Latency is labelled by route id, never by URL.
    expect(local.body).toContain('route="routes/readyz"');
    expect(local.body).toMatch(/startline_mail_queue_depth\{lane="interactive"\} 0/);
    // The server runs on the Node that runs the tests (CI's Node 22 pass relies on it).
    expect(local.body).toContain(`startline_nodejs_version_info{version="${process.version}"`);

    // A proxy on this machine connects from 127.0.0.1 for everyone: a forwarded request is
    // not local, whatever address it claims.
    const relayed = await requestFrom('127.0.0.1', `${server.url}/metrics`, {
      headers: { 'X-Forwarded-For': '127.0.0.1' },
    });
    expect(relayed.status).toBe(404);
    expect(relayed.body).not.toContain('startline_');

    const remote = externalAddress();
    if (remote) {
      const anonymous = await requestFrom(remote, `${server.url}/metrics`);
      expect(anonymous.status).toBe(404);
      expect(anonymous.body).not.toContain('startline_');
      const wrongToken = await requestFrom(remote, `${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}x` },
      });
      expect(wrongToken.status).toBe(404);
      const bearer = await requestFrom(remote, `${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(bearer.status).toBe(200);
      expect(bearer.body).toContain('startline_mail_sent_total');
      // The embedded backup is for this machine only, token or not.
      const backup = await requestFrom(remote, `${server.url}/ops/backup`, {
        method: 'POST',
        headers: { 'X-Startline-Backup': '1', Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(backup.status).toBe(404);
    } else {
      console.warn('no non-loopback address on this machine: remote /metrics checks skipped');
    }

    // A provider event made 3 s ago, processed now: its lag is observed, by event type.
    const webhook = signedWebhookRequest(
      {
        type: 'email.delivered',
        created_at: new Date(Date.now() - 3000).toISOString(),
        data: { email_id: 'ops-test-unknown-email', to: ['ops-webhook@example.com'] },
      },
      { secret: WEBHOOK_SECRET },
    );
    const webhookAnswer = await fetch(`${server.url}/webhooks/resend`, {
      method: 'POST',
      headers: webhook.headers,
      body: await webhook.text(),
    });
    expect(webhookAnswer.status).toBe(200);
    const afterWebhook = (await requestFrom('127.0.0.1', `${server.url}/metrics`)).body;
    expect(
      metricTotal(afterWebhook, 'startline_webhook_lag_seconds_count{type="email.delivered"}'),
    ).toBe(1);
    expect(metricTotal(afterWebhook, 'startline_webhook_lag_seconds_sum')).toBeGreaterThanOrEqual(
      3,
    );

    // After a send, the counter shows it.
    const before = metricTotal(local.body, 'startline_mail_sent_total');
    expect(before).toBe(0);
    const signIn = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: new URL(server.url).origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email: 'ops-metrics@example.com' }),
    });
    expect(signIn.status).toBe(302);
    const sent = await waitFor(
      async () => {
        const text = (await requestFrom('127.0.0.1', `${server.url}/metrics`)).body;
        const total = metricTotal(text, 'startline_mail_sent_total');
        return total >= 1 ? text : undefined;
      },
      30_000,
      'the sent-mail counter',
    );
    expect(metricTotal(sent, 'startline_mail_sent_total')).toBe(1);
    expect(metricTotal(sent, 'startline_mail_failed_total')).toBe(0);
    // No address, of anyone, reaches the monitoring system.
    expect(sent).not.toContain('ops-metrics');
    expect(sent).not.toContain('@');

    // The production command stops on SIGTERM within seconds, its workers (which just sent
    // that email) stopped first. (Here rather than on a server of its own: a boot on the
    // embedded database costs tens of seconds.)
    const exit = await server.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5000);
    expect(messages(server.logs)).toEqual(
      expect.arrayContaining(['server.shutdown', 'server.workers_stopped', 'server.stopped']),
    );
    expect(server.logs.filter((line) => line.level === 'error')).toEqual([]);
  }, 300_000);

  it('is not ready while a migration of this build is missing from the database', async () => {
    expect(await checkReadiness()).toEqual({ ready: true });
    const [newest] = (await db
      .execute(
        sql`SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as {
      id: number;
      hash: string;
      created_at: string;
    }[];
    await db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${newest.id}`);
    try {
      const readiness = await checkReadiness();
      expect(readiness.ready).toBe(false);
      expect(readiness).toMatchObject({
        reason: expect.stringMatching(/^migration \S+ not applied$/),
      });
    } finally {
      await db.execute(sql`
        INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at)
        VALUES (${newest.id}, ${newest.hash}, ${newest.created_at})`);
    }
    expect(await checkReadiness()).toEqual({ ready: true });
  });
});

describe.runIf(usesPostgres)('metrics of a cluster', () => {
  it('answers /metrics with every process’s numbers, whichever web process is asked', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'server-cluster.mjs')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        NODE_ENV: 'development',
        PORT: '0',
        DATABASE_URL: process.env.DATABASE_URL,
        WEB_PROCESSES: '2',
        JOB_PROCESSES: '1',
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.resume();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    });
    const logLines = () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LogLine];
          } catch {
            return [];
          }
        });
    const listening = await waitFor(
      async () => logLines().find((line) => line.message === 'cluster.listening'),
      180_000,
      'the cluster to listen',
    );
    const url = String(listening.url);
    // The mail goes out from the job worker, a process no scrape reaches directly.
    await waitFor(
      async () =>
        logLines().filter((line) => line.message === 'server.listening').length >= 3
          ? true
          : undefined,
      120_000,
      'the job worker to listen',
    );
    const signIn = await fetch(`${url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Origin: new URL(url).origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email: 'ops-cluster@example.com' }),
    });
    expect(signIn.status).toBe(302);
    await waitFor(
      async () => {
        const text = (await requestFrom('127.0.0.1', `${url}/metrics`)).body;
        return metricTotal(text, 'startline_mail_sent_total') >= 1 ? true : undefined;
      },
      30_000,
      'the cluster’s sent-mail counter',
    );
    // Every scrape, on a new connection each (so both web processes answer some), sees it.
    for (let i = 0; i < 6; i += 1) {
      const text = (await requestFrom('127.0.0.1', `${url}/metrics`)).body;
      expect(metricTotal(text, 'startline_mail_sent_total')).toBe(1);
    }
  }, 300_000);
});

describe('production start and stop', () => {
  let migratedDataDir = '';
  beforeAll(() => {
    migratedDataDir = tempFolder('startline-migrate-');
  });

  it('migrates and exits with `node build/index.js --migrate-only` (npm run db:migrate)', async () => {
    const dataDir = migratedDataDir;
    const result = spawnSync('npm', ['run', '--silent', 'db:migrate'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        STARTLINE_SKIP_BUILD: 'true',
        ...databaseEnv(),
      } as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"database.migrated"');
    expect(result.stdout).not.toContain('server.listening');
    if (!usesPostgres) {
      const client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      await client.close();
      expect(rows[0].n).toBeGreaterThan(10);
    }
  }, 180_000);

  it('stops `npm start` on SIGTERM to npm, leaving no server behind', async () => {
    // The folder db:migrate prepared (an embedded database's first start runs initdb, which
    // costs tens of seconds on a busy machine).
    const dataDir = migratedDataDir;
    const child = spawn('npm', ['start', '--silent'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        NODE_ENV: 'development',
        PORT: '0',
        SEED_DEMO: 'false',
        DATA_DIR: dataDir,
        STARTLINE_SKIP_BUILD: 'true',
        ...databaseEnv(),
      } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const logs = () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LogLine];
          } catch {
            return [];
          }
        });
    const listening = await waitFor(
      async () => logs().find((line) => line.message === 'server.listening'),
      120_000,
      'npm start to listen',
    );
    const serverPid = Number(listening.pid);
    expect(serverPid).not.toBe(child.pid);
    cleanups.push(async () => {
      if (isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    });

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await exited;
    expect(Date.now() - signalledAt).toBeLessThan(8000);
    // npm passes the signal on, then ends the way it was told to (by that signal).
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // The server itself got the signal and stopped cleanly: not orphaned, not killed.
    await waitFor(async () => (isAlive(serverPid) ? undefined : true), 5000, 'the server to exit');
    expect(messages(logs())).toEqual(expect.arrayContaining(['server.shutdown', 'server.stopped']));
  }, 300_000);
});

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const DEMO_MEMBERS_SQL = `
  SELECT count(*)::int AS n FROM memberships m JOIN events e ON e.id = m.event_id
  WHERE e.slug = '${DEMO_EVENT_SLUG}'`;

async function embeddedDemoMembers(dataDir: string) {
  const client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  try {
    return (await client.query<{ n: number }>(DEMO_MEMBERS_SQL)).rows[0].n;
  } finally {
    await client.close();
  }
}

async function postgresDemoMembers(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await client.unsafe<{ n: number }[]>(DEMO_MEMBERS_SQL))[0].n;
  } finally {
    await client.end();
  }
}

/** Every file under `root`, as "relative/path size", sorted. */
function filesWithSizes(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return `${path.relative(root, full)} ${statSync(full).size}`;
    })
    .sort();
}

function runScript(script: string, args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

describe('backup and restore', () => {
  it('backs up a running instance; restored into an empty place, it starts with the demo event and its members', async () => {
    const backupDir = path.join(tempFolder('startline-backup-'), 'backup');
    // On PostgreSQL too, stored files (the demo's video) go to DATA_DIR/media on local disk.
    const originalFiles = usesPostgres ? tempFolder('startline-files-') : undefined;
    const original = await startAppServer({
      env: {
        ...databaseEnv(),
        SEED_DEMO: 'true',
        JOB_WORKER: 'false',
        ...(originalFiles ? { DATA_DIR: originalFiles } : {}),
      },
    });
    servers.push(original);
    expect(messages(original.logs)).toContain('demo.seeded');

    let restoredEnv: Record<string, string>;
    if (!usesPostgres) {
      // Taken from the running server (it alone may open its database), which keeps serving.
      runScript('backup.mjs', ['--url', original.url, '--out', backupDir], {
        DATA_DIR: original.dataDir!,
      });
      expect((await fetch(`${original.url}/healthz`)).status).toBe(200);
      // Restoring over a folder that already holds a database is refused.
      const occupied = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'scripts/restore.mjs'), backupDir],
        {
          cwd: repoRoot,
          env: {
            PATH: process.env.PATH,
            DATA_DIR: original.dataDir!,
          } as unknown as NodeJS.ProcessEnv,
          encoding: 'utf8',
        },
      );
      expect(occupied.status).not.toBe(0);
      expect(occupied.stderr).toContain('restore into an empty DATA_DIR');

      const emptyDataDir = path.join(tempFolder('startline-restored-'), 'data');
      runScript('restore.mjs', [backupDir], { DATA_DIR: emptyDataDir });
      restoredEnv = { DATA_DIR: emptyDataDir };
    } else {
      runScript('backup.mjs', ['--out', backupDir], {
        DATABASE_URL: process.env.DATABASE_URL,
        DATA_DIR: originalFiles,
      });
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `startline_restore_${Date.now().toString(36)}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      cleanups.push(async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const emptyDataDir = path.join(tempFolder('startline-restored-'), 'data');
      runScript('restore.mjs', [backupDir], {
        DATABASE_URL: url.toString(),
        DATA_DIR: emptyDataDir,
      });
      restoredEnv = { DATABASE_URL: url.toString(), DATA_DIR: emptyDataDir };
    }

    // SEED_DEMO=true: it would seed a fresh demo if the restored database looked empty.
    const restored = await startAppServer({
      env: { SEED_DEMO: 'true', JOB_WORKER: 'false', ...restoredEnv },
      ...(usesPostgres ? {} : { dataDir: restoredEnv.DATA_DIR }),
    });
    servers.push(restored);
    expect(messages(restored.logs)).not.toContain('demo.seeded');
    const page = await fetch(`${restored.url}/e/${DEMO_EVENT_SLUG}`);
    expect(page.status).toBe(200);
    expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);

    await original.stop('SIGTERM');
    await restored.stop('SIGTERM');
    const [before, after] = usesPostgres
      ? [
          await postgresDemoMembers(process.env.DATABASE_URL!),
          await postgresDemoMembers(restoredEnv.DATABASE_URL),
        ]
      : [
          await embeddedDemoMembers(original.dataDir!),
          await embeddedDemoMembers(restoredEnv.DATA_DIR),
        ];
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(before);
    // The stored files came back too: the same files, the same bytes.
    const originalMedia = path.join(originalFiles ?? original.dataDir!, 'media');
    const restoredMedia = path.join(restoredEnv.DATA_DIR, 'media');
    const originalListing = filesWithSizes(originalMedia);
    expect(originalListing.length).toBeGreaterThan(0);
    expect(filesWithSizes(restoredMedia)).toEqual(originalListing);
  }, 600_000);
});
