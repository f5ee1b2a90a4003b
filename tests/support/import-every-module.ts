/**
 * Imports every server module of the app, then reports what the imports left behind, for
 * tests/unit/import-has-no-effects.test.ts (decision 103). Run with `node --import tsx`, with
 * DATABASE_URL pointing at a port the test watches and DATA_DIR at a folder that must not appear.
 * Prints one JSON line and then simply returns: a timer, socket or pool left open by an import
 * would keep this process alive, which the test sees as a process that does not exit.
 */
import { readdirSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The Remix build bundles a stylesheet into the module that imports it; Node cannot load CSS, and
// what the file holds does not matter here.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function load(url, context, next) {' +
      " if (/\\.css(\\?.*)?$/.test(url)) return { format: 'module', shortCircuit: true, source: 'export default \"\";' };" +
      ' return next(url, context); }',
  )}`,
);

const appFolder = fileURLToPath(new URL('../../app', import.meta.url));
const modules = readdirSync(appFolder, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.server\.tsx?$/.test(file))
  .sort();

const WATCHED_EVENTS = [
  'exit',
  'beforeExit',
  'message',
  'SIGTERM',
  'SIGINT',
  'uncaughtException',
  'unhandledRejection',
] as const;
const listenersBefore = WATCHED_EVENTS.map((name) => process.listenerCount(name));
const resourcesBefore = process.getActiveResourcesInfo();

const failed: { module: string; error: string }[] = [];
for (const file of modules) {
  try {
    await import(pathToFileURL(path.join(appFolder, file)).href);
  } catch (error) {
    failed.push({ module: file, error: String(error) });
  }
}

// A macrotask later, so that a connection or timer started by a promise chain has begun.
await new Promise((resolve) => setImmediate(resolve));

// File reads still in flight (FSReqPromise: Node 22's module loader reads sources with fs
// promises) end by themselves; a socket, server, timer or handle does not.
const resourcesAfter = process
  .getActiveResourcesInfo()
  .filter((resource) => !resource.startsWith('FSReq'));
const leftOpen = [...resourcesAfter];
for (const existing of resourcesBefore) {
  const index = leftOpen.indexOf(existing);
  if (index >= 0) leftOpen.splice(index, 1);
}
process.stdout.write(
  `${JSON.stringify({
    found: modules.length,
    imported: modules.length - failed.length,
    failed,
    leftOpen,
    listenersAdded: WATCHED_EVENTS.filter(
      (name, i) => process.listenerCount(name) !== listenersBefore[i],
    ),
  })}\n`,
);
