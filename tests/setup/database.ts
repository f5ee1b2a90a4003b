/**
 * Runs before each test file (files share a process and its modules, decision 107; each file
 * starts from the process's environment as it was, its settings read afresh): points the app at
 * a database of its own, and starts the app on it before the file's first hook (startApp as a
 * script: the database, job queues, mail kinds and webhook handlers, no workers); afterAll
 * stops it (decision 103). Without TEST_DATABASE_URL that is an in-memory PGlite; with it, a
 * new PostgreSQL database created for this file and dropped afterwards. Either starts as a
 * copy of the migrated template that template-database.ts built for the run (decision 098).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { startTestApp, stopTestApp } from '../support/app';

// Files share a process and its modules (vitest.config.ts: the integration project runs without
// isolation): a file that set variables of its own (a fake Resend's URL, NODE_ENV=production)
// must not leave them to the next one, so each starts from the environment the process had.
const processEnvAtStart = ((
  globalThis as { startlineProcessEnv?: NodeJS.ProcessEnv }
).startlineProcessEnv ??= { ...process.env });
for (const name of Object.keys(process.env)) {
  if (!(name in processEnvAtStart)) delete process.env[name];
}
Object.assign(process.env, processEnvAtStart);

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
process.env.APP_URL ??= 'http://localhost:3000';
delete process.env.RESEND_API_KEY;
delete process.env.RESEND_BASE_URL;
delete process.env.DATABASE_URL;

let dropDatabase: (() => Promise<void>) | undefined;

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `${inject('postgresDatabasePrefix') ?? 'startline_test_'}${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const template = inject('postgresTemplateDatabase');
  await admin.unsafe(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
} else {
  process.env.DATA_DIR = 'memory://';
  const template = inject('pgliteTemplateFile');
  if (template) process.env.PGLITE_TEMPLATE_FILE = template;
}

// The settings this file sets (above, and at its own top level) are read afresh at their next use.
const { forgetParsedEnv } = await import('~/env.server');
forgetParsedEnv();

// Started before the file's first hook, not here: a test file sets variables of its own while
// it loads (a fake Resend's URL) before it imports app modules (tests/support/app.ts).
beforeAll(async () => {
  await startTestApp();
});

afterAll(async () => {
  await stopTestApp();
  await dropDatabase?.();
});
