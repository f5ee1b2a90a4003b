/**
 * Global setup of the integration project (decision 098): builds, once per run, the migrated
 * database every test file starts from, so a file no longer pays initdb, the migrations and
 * pg-boss's schema before its first test.
 *
 * - PGlite (no TEST_DATABASE_URL): a tarball of the migrated data folder, kept in the temp
 *   folder under a key of everything that shapes it (migrations, PGlite and pg-boss versions,
 *   the builder), so a stale template is never used and an unchanged one is built only once.
 *   tests/setup/database.ts hands its path to db/client.ts (PGLITE_TEMPLATE_FILE).
 * - PostgreSQL (TEST_DATABASE_URL): a template database for this run; every file creates its
 *   own with `CREATE DATABASE … TEMPLATE`. It is dropped when the run ends.
 *
 * TEST_DATABASE_TEMPLATE=off skips it: every file builds its database from scratch as before.
 *
 * The template is built by a child process through the app's own start-up code
 * (build-template-database.ts), which leaves no connection or state in this one.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: the tarball of the migrated data folder. */
    pgliteTemplateFile: string | null;
    /** PostgreSQL: the database each file copies. */
    postgresTemplateDatabase: string | null;
    /** PostgreSQL: how this run's per-file databases are named (dropped together at the end). */
    postgresDatabasePrefix: string | null;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const builder = path.join(repoRoot, 'tests/setup/build-template-database.ts');

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplateFile', null);
  project.provide('postgresTemplateDatabase', null);
  project.provide('postgresDatabasePrefix', null);
  // Every file builds its own database from scratch, as before (to measure, or to rule out
  // the template when a test behaves oddly).
  if (process.env.TEST_DATABASE_TEMPLATE === 'off') return;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = await buildPostgresTemplate(adminUrl);
    project.provide('postgresTemplateDatabase', name);
    // Each file drops its own database after its last test; a file whose tests were all
    // skipped (no hooks run) or that crashed does not, so the run drops whatever is left of its own.
    const prefix = `startline_test_${randomBytes(4).toString('hex')}_`;
    project.provide('postgresDatabasePrefix', prefix);
    return async () => {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      const left = await admin<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE starts_with(datname, ${prefix})`;
      for (const { datname } of left) {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  project.provide('pgliteTemplateFile', await buildPgliteTemplate());
}

async function buildPgliteTemplate() {
  const file = path.join(tmpdir(), `${PGLITE_PREFIX}${templateKey()}.tar`);
  if (existsSync(file)) {
    // Marks it in use, so that another checkout's run does not sweep it (below).
    const now = new Date();
    utimesSync(file, now, now);
    return file;
  }
  sweepStalePgliteTemplates();
  // Written aside and renamed: another run (or another checkout) may build the same key.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await runBuilder([partial], {});
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}

const PGLITE_PREFIX = 'startline-pglite-template-';

/** Each migration change leaves a 40 MB tarball behind; those unused for a day go. */
function sweepStalePgliteTemplates() {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PGLITE_PREFIX)) continue;
    const file = path.join(tmpdir(), name);
    try {
      if (statSync(file).mtimeMs < dayAgo) rmSync(file, { force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}

async function buildPostgresTemplate(adminUrl: string) {
  const name = `startline_template_${templateKey().slice(0, 12)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await runBuilder([], { DATABASE_URL: url.toString() });
    // Copying a template needs it to have no sessions; the builder has exited, but the server
    // may still be closing its backends.
    await admin.unsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
    );
  } catch (error) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    throw error;
  } finally {
    await admin.end();
  }
  return name;
}

async function runBuilder(args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', builder, ...args], {
      cwd: repoRoot,
      env: childEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`building the test database template failed:\n${stderr}\n${stdout}`);
  }
}

/** Everything that shapes the template: a change to any of it builds a new one. */
function templateKey() {
  const hash = createHash('sha256');
  const migrations = path.join(repoRoot, 'db/migrations');
  const files = readdirSync(migrations, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(path.relative(migrations, file)).update('\0').update(readFileSync(file));
  }
  for (const pkg of ['@electric-sql/pglite', 'pg-boss']) {
    const manifest = JSON.parse(
      readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8'),
    ) as { version: string };
    hash.update(`${pkg}@${manifest.version}`);
  }
  // The queues' options are stored when a queue is created, which creating it again keeps.
  const app = path.join(repoRoot, 'app');
  for (const file of readdirSync(app, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!/\.server\.tsx?$/.test(file)) continue;
    const source = readFileSync(path.join(app, file), 'utf8');
    if (source.includes('defineQueue')) hash.update(file).update('\0').update(source);
  }
  hash.update(readFileSync(builder));
  hash.update(readFileSync(path.join(repoRoot, 'db/client.ts')));
  return hash.digest('hex').slice(0, 24);
}
