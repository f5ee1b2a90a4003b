/**
 * Kill the worker in the middle of a 5,000-recipient send against the fake Resend API, start
 * another: every recipient gets exactly one email (counted per address at the fake API).
 *
 * The workers are real processes (tests/support/fanout-worker-child.ts) killed with SIGKILL,
 * so nothing gets to clean up. The fake answers 150 ms after it has recorded a batch, so the
 * kill lands while batches are accepted by the provider but not yet recorded by us — the case
 * the Idempotency-Key per batch exists for. The database is a PGlite folder shared by the two
 * processes in turn (or this file's PostgreSQL database when TEST_DATABASE_URL is set).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend } from '../support/fake-resend';

const MEMBERS = 5_000;
const fake = await startFakeResend();
const dataDir = mkdtempSync(path.join(tmpdir(), 'startline-crash-'));

afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function worker(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/fanout-worker-child.ts', ...args],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.CRASH_TEST_DEBUG ? 'info' : 'silent',
        SEED_DEMO: 'false',
        JOB_WORKER: 'true',
        RESEND_API_KEY: 're_test_fake_key',
        RESEND_BASE_URL: fake.url,
        MAIL_RATE_PER_SECOND: '200',
        DELIVERY_LEASE_SECONDS: '2',
        ...(process.env.DATABASE_URL ? {} : { DATA_DIR: dataDir }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (process.env.CRASH_TEST_DEBUG) {
    child.stderr!.on('data', (chunk) => process.stdout.write(`[${args[0]}] ${chunk}`));
    child.stdout!.on('data', (chunk) => process.stdout.write(`[${args[0]}] ${chunk}`));
  }
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

describe('a worker killed mid-send', () => {
  it('delivers exactly one email per recipient after a restart', { timeout: 240_000 }, async () => {
    fake.setResponseDelay(150);
    const first = worker(['seed-and-send', String(MEMBERS)]);
    // Kill it once about 2,000 emails have reached the provider.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (fake.received.length >= 2_000) {
          clearInterval(timer);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      void first.done.then(({ code, err }) => {
        clearInterval(timer);
        reject(new Error(`the first worker ended by itself (${code}): ${err.slice(-2000)}`));
      });
    });
    await first.done.catch(() => undefined);
    if (process.env.CRASH_TEST_DEBUG) console.log('killed at', fake.received.length);
    const atKill = fake.received.length;
    const requestsBeforeRestart = fake.requestLog.length;
    expect(atKill).toBeLessThan(MEMBERS);

    fake.setResponseDelay(0);
    const second = worker(['work']);
    const progress = process.env.CRASH_TEST_DEBUG
      ? setInterval(
          () =>
            console.log(
              'progress',
              fake.received.length,
              fake.requestLog.length,
              fake.requestLog.slice(-4).map((r) => r.status),
            ),
          5000,
        )
      : undefined;
    const result = await second.done;
    clearInterval(progress);
    expect(result.code, result.err.slice(-2000)).toBe(0);
    expect(JSON.parse(result.out.trim().split('\n').pop()!)).toEqual({
      sent: MEMBERS,
      total: MEMBERS,
    });

    const perAddress = new Map<string, number>();
    for (const email of fake.received)
      perAddress.set(email.to, (perAddress.get(email.to) ?? 0) + 1);
    expect(perAddress.size).toBe(MEMBERS);
    expect([...perAddress.values()].filter((n) => n !== 1)).toEqual([]);
    // The kill did land between "provider accepted" and "we recorded": some batch keys sent
    // before the kill were sent again after the restart and answered from the provider's
    // idempotency store. (Whether the killed request's own answer counts as finished depends
    // on when the socket closed, so only the requests after the restart are looked at.)
    const keysBeforeKill = new Set(
      fake.requestLog.slice(0, requestsBeforeRestart).map((r) => r.idempotencyKey),
    );
    const replays = fake.requestLog
      .slice(requestsBeforeRestart)
      .filter((r) => r.status === 200 && keysBeforeKill.has(r.idempotencyKey));
    expect(replays.length).toBeGreaterThan(0);
  });
});
