/**
 * Kill a worker with SIGKILL in the middle of a 5,000-recipient send against the fake Resend
 * API: every recipient gets exactly one email (counted per address at the fake API), and the
 * batches the dead process had claimed — sent, in flight, or frozen and waiting for their
 * send slot — go out once their lease runs out, not after any job expiry.
 *
 * The workers are real processes (tests/support/mail-worker-child.ts), so nothing gets to clean
 * up. The fake answers 150 ms after it has recorded a batch, so the kill lands while batches
 * are accepted by the provider but not yet recorded by us — the case the Idempotency-Key per
 * batch exists for. On PostgreSQL (TEST_DATABASE_URL) the second process runs side by side
 * with the first, and no second of the fake's log holds more requests than the shared limit;
 * on embedded PGlite (one process per data folder) it starts after the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeResend } from '../support/fake-resend';

const MEMBERS = 5_000;
const RATE = 8;
const LEASE_SECONDS = 3;
const sideBySide = Boolean(process.env.DATABASE_URL);
const fake = await startFakeResend();
const dataDir = mkdtempSync(path.join(tmpdir(), 'startline-crash-'));

afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function worker(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
  stderr: () => string;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/mail-worker-child.ts', ...args],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.CRASH_TEST_DEBUG ? 'info' : 'silent',
        SEED_DEMO: 'false',
        JOB_WORKER: 'true',
        RESEND_API_KEY: 're_test_fake_key',
        RESEND_BASE_URL: fake.url,
        MAIL_RATE_PER_SECOND: String(RATE),
        DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
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
  return { child, done, stderr: () => err };
}

describe('a worker killed mid-send', () => {
  it(
    "delivers exactly one email per recipient; the dead process's claimed batches go out within the lease",
    { timeout: 240_000 },
    async () => {
      fake.setResponseDelay(150);
      const first = worker(['seed-and-send', String(MEMBERS)]);
      let second: ReturnType<typeof worker> | undefined;
      // Kill the first once about 1,500 emails have reached the provider; on PostgreSQL the
      // second process is already sending next to it by then.
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (sideBySide && !second && /^sent$/m.test(first.stderr())) {
            second = worker(['work']);
          }
          if (fake.received.length >= 1_500 && (!sideBySide || second)) {
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
      const killedAt = Date.now();
      await first.done.catch(() => undefined);
      const atKill = fake.received.length;
      const requestsBeforeKill = fake.requestLog.length;
      expect(atKill).toBeLessThan(MEMBERS);

      fake.setResponseDelay(0);
      second ??= worker(['work']);
      const result = await second.done;
      const finishedAt = Date.now();
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
      // The rest went out at the shared rate plus one lease (plus, on PGlite, the second
      // process's start), not after a queue's job expiry.
      const remainingRequests = Math.ceil((MEMBERS - atKill) / 100);
      expect(finishedAt - killedAt).toBeLessThan(
        (remainingRequests / RATE + LEASE_SECONDS + (sideBySide ? 15 : 60)) * 1000,
      );
      // The kill did land between "provider accepted" and "we recorded": a batch key sent before
      // the kill was sent again afterwards and answered from the provider's idempotency store.
      const keysBeforeKill = new Set(
        fake.requestLog.slice(0, requestsBeforeKill).map((r) => r.idempotencyKey),
      );
      const replays = fake.requestLog
        .slice(requestsBeforeKill)
        .filter((r) => r.status === 200 && keysBeforeKill.has(r.idempotencyKey));
      expect(replays.length).toBeGreaterThan(0);
      // Never more requests in one second than the limit, however many processes send.
      const perSecond = new Map<number, number>();
      for (const r of fake.requestLog) {
        const second = Math.floor(r.at / 1000);
        perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      }
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE);
    },
  );
});
