// @ts-check
/**
 * Several web processes and separate job workers on one machine, behind one port
 * (docs/decisions/091-several-web-processes.md):
 *
 *   DATABASE_URL=postgres://… WEB_PROCESSES=2 JOB_PROCESSES=1 node server-cluster.mjs
 *
 * The web processes are node:cluster workers running build/index.js with JOB_WORKER=false:
 * they share PORT, and this primary hands each new connection to the next of them in turn.
 * The job workers (mail senders, fan-out, cron) run build/index.js with JOB_WORKER=true as
 * plain child processes that answer on a port of their own (PORT=0: any free one), outside
 * the shared port, so a 60,000-recipient send never competes with a page for an event loop.
 *
 * Only on PostgreSQL: the embedded database (PGlite) lives inside one process.
 *
 * A process that exits before it ever listened (bad configuration, database unreachable at
 * start) stops the whole cluster with its exit code, as a single server would; one that dies
 * later is started again (after 1 s, longer while it keeps dying). SIGTERM or SIGINT is passed
 * to every process, and the primary exits once they all have.
 *
 * /metrics, scraped through the shared port, answers for the whole cluster: the web process
 * that gets the scrape asks this primary, which adds up every member's registry (decision 096).
 */
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import promClient from 'prom-client';

const entry = fileURLToPath(new URL('./build/index.js', import.meta.url));
const STOP_DEADLINE_MS = 15_000;

/** One JSON line, in the shape of the app's own log (pino: level, time, pid, message). */
function log(level, message, fields = {}) {
  const line = { level, time: new Date().toISOString(), pid: process.pid, message, ...fields };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A refusal before anything starts: named on stderr, exit code 1 (as env.server.ts does). */
function refuse(reason) {
  process.stderr.write(`server-cluster: ${reason}\n`);
  log('error', 'cluster.refused', { reason });
  process.exit(1);
}

function count(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 64) {
    refuse(`${name} must be a whole number from 0 to 64 (got "${raw}")`);
  }
  return value;
}

if (!cluster.isPrimary)
  throw new Error('server-cluster.mjs is the primary; workers run build/index.js');

if (!process.env.DATABASE_URL) {
  refuse(
    'several processes need PostgreSQL (DATABASE_URL). The embedded database (PGlite) lives ' +
      'inside one process and must never be opened by two: run `node build/index.js` instead.',
  );
}
const webProcesses = count('WEB_PROCESSES', os.availableParallelism());
const jobProcesses = count('JOB_PROCESSES', 1);
if (webProcesses < 1) refuse('WEB_PROCESSES must be at least 1');
/**
 * How much lower the job workers' CPU priority is than the web processes' (nice steps, 0 to 19;
 * decision 113). When a send and the feed want the same cores, pages come first: a page is
 * someone waiting, a send is paced by the database and loses only a little evenness when its
 * process waits a few milliseconds.
 */
const jobNice = count('JOB_PROCESS_NICE', 10);
if (jobNice > 19) refuse(`JOB_PROCESS_NICE must be from 0 to 19 (got "${jobNice}")`);

// STARTLINE_CLUSTER: a scrape of /metrics asks this primary for the whole cluster's numbers
// (below, and app/modules/observability/metrics-cluster.server.ts).
const webEnv = {
  ...process.env,
  JOB_WORKER: 'false',
  SEED_DEMO: 'false',
  STARTLINE_CLUSTER: 'true',
};
/** The job workers start once the web processes listen: pages first, and their URL is known. */
const jobEnv = (webPort) => ({
  ...process.env,
  JOB_WORKER: 'true',
  STARTLINE_CLUSTER: 'true',
  PORT: '0',
  // Links in emails are written by the job workers, which listen on a port of their own:
  // without this they would put that port in them (server.ts, PORT=0).
  APP_URL: process.env.APP_URL ?? `http://localhost:${webPort}`,
});

cluster.setupPrimary({ exec: entry });

/** @typedef {{ role: 'web' | 'job', slot: number, pid?: number, listened: boolean, failures: number, startedAt: number, stop: (signal: NodeJS.Signals) => void, send: (message: object) => void }} Member */
/** @type {Set<Member>} */
const members = new Set();
let stopping = false;
let announced = false;

function startWeb(slot, failures = 0) {
  const worker = cluster.fork(webEnv);
  /** @type {Member} */
  const member = {
    role: 'web',
    slot,
    pid: worker.process.pid,
    listened: false,
    failures,
    startedAt: Date.now(),
    stop: (signal) => worker.process.kill(signal),
    send: (message) => {
      if (worker.isConnected()) worker.send(message, undefined, () => {});
    },
  };
  members.add(member);
  worker.on('message', (message) => onMemberMessage(member, message));
  worker.on('listening', (address) => {
    member.listened = true;
    announceOnce(address.port);
  });
  worker.on('exit', (code, signal) => exited(member, code, signal));
}

let webPort = 0;

function startJob(slot, failures = 0) {
  // Its stdout passes through here so that its `server.listening` line can be seen.
  const child = fork(entry, [], {
    env: jobEnv(webPort),
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  lowerPriority(child.pid, jobNice);
  /** @type {Member} */
  const member = {
    role: 'job',
    slot,
    pid: child.pid,
    listened: false,
    failures,
    startedAt: Date.now(),
    stop: (signal) => child.kill(signal),
    send: (message) => {
      if (child.connected) child.send(message, undefined, undefined, () => {});
    },
  };
  members.add(member);
  child.on('message', (message) => onMemberMessage(member, message));
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => {
    process.stdout.write(chunk);
    if (member.listened) return;
    pending += chunk;
    if (pending.includes('"server.listening"')) {
      member.listened = true;
      pending = '';
    } else {
      pending = pending.slice(-4096);
    }
  });
  child.on('exit', (code, signal) => exited(member, code, signal));
}

/**
 * `steps` below this process's own priority (so a cluster started under `nice` keeps the gap).
 * A process that cannot be reniced still runs, at the primary's priority.
 */
function lowerPriority(pid, steps) {
  if (pid === undefined || steps === 0) return;
  const nice = Math.min(19, os.getPriority() + steps);
  try {
    os.setPriority(pid, nice);
  } catch (error) {
    log('warn', 'cluster.priority_unchanged', { pid, nice, error: String(error) });
  }
}

/**
 * /metrics for the whole cluster: the web process that was scraped asks here; every member that
 * is up sends its registry as JSON, and prom-client adds them up (counters and histograms
 * summed, the queue gauges by their 'max'). A member that does not answer within the timeout
 * is left out rather than holding up the scrape.
 */
const SNAPSHOT_TIMEOUT_MS = 3_000;
/** @type {Map<string, (metrics: unknown) => void>} */
const snapshotWaiters = new Map();
let nextCollection = 0;

/** @param {Member} requester */
async function collectClusterMetrics(requester) {
  const id = `collection-${nextCollection++}`;
  const live = [...members].filter((m) => m.listened);
  /** @type {unknown[]} */
  const snapshots = await new Promise((resolve) => {
    /** @type {unknown[]} */
    const received = [];
    const finish = () => {
      clearTimeout(timer);
      snapshotWaiters.delete(id);
      resolve(received);
    };
    const timer = setTimeout(finish, SNAPSHOT_TIMEOUT_MS);
    snapshotWaiters.set(id, (metrics) => {
      received.push(metrics);
      if (received.length >= live.length) finish();
    });
    for (const member of live) {
      member.send({ type: 'startline:metrics:snapshot?', id, requester: requester.pid });
    }
    if (live.length === 0) finish();
  });
  return promClient.AggregatorRegistry.aggregate(/** @type {never} */ (snapshots)).metrics();
}

/** @param {Member} member @param {any} message */
function onMemberMessage(member, message) {
  if (!message || typeof message !== 'object') return;
  if (message.type === 'startline:metrics:collect') {
    collectClusterMetrics(member).then(
      (text) => member.send({ type: 'startline:metrics:aggregated', id: message.id, text }),
      (error) =>
        member.send({ type: 'startline:metrics:aggregated', id: message.id, error: String(error) }),
    );
  } else if (message.type === 'startline:metrics:snapshot') {
    snapshotWaiters.get(message.id)?.(message.metrics);
  }
}

function announceOnce(port) {
  const web = [...members].filter((m) => m.role === 'web');
  if (announced || web.length < webProcesses || !web.every((m) => m.listened)) return;
  announced = true;
  webPort = port;
  for (let slot = 0; slot < jobProcesses; slot += 1) startJob(slot);
  log('info', 'cluster.listening', {
    url: `http://localhost:${port}`,
    web: web.map((m) => m.pid),
    jobs: [...members].filter((m) => m.role === 'job').map((m) => m.pid),
  });
}

function exited(member, code, signal) {
  members.delete(member);
  if (stopping) {
    if (members.size === 0) process.exit(process.exitCode ?? 0);
    return;
  }
  log('warn', 'cluster.process_exited', { role: member.role, exitedPid: member.pid, code, signal });
  if (!member.listened) {
    // It never came up: the next one would not either. Stop, as a single server would.
    process.exitCode = typeof code === 'number' && code !== 0 ? code : 1;
    stop('boot_failure');
    return;
  }
  const lived = Date.now() - member.startedAt;
  const failures = lived > 60_000 ? 0 : member.failures + 1;
  const delay = Math.min(1000 * 2 ** failures, 30_000);
  setTimeout(() => {
    if (stopping) return;
    if (member.role === 'web') startWeb(member.slot, failures);
    else startJob(member.slot, failures);
  }, delay).unref();
}

function stop(reason) {
  if (stopping) return;
  stopping = true;
  log('info', 'cluster.shutdown', { reason });
  if (members.size === 0) process.exit(process.exitCode ?? 0);
  for (const member of members) member.stop('SIGTERM');
  setTimeout(() => {
    for (const member of members) member.stop('SIGKILL');
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
}

process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));

log('info', 'cluster.starting', { webProcesses, jobProcesses });
for (let slot = 0; slot < webProcesses; slot += 1) startWeb(slot);
