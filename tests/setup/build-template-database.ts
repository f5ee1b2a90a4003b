/**
 * Builds the database every integration test file starts from (decision 098), through the
 * app's own start-up (decision 103): startApp applies the migrations, starts pg-boss (its
 * schema) and creates every queue. Run as a child process by
 * template-database.ts so none of that state stays in the test runner:
 *
 *   node --import tsx tests/setup/build-template-database.ts <dump file>   (PGlite, in memory)
 *   DATABASE_URL=postgres://… node --import tsx tests/setup/build-template-database.ts
 *
 * With PGlite the migrated data folder is written to <dump file> as a tarball; on PostgreSQL
 * the database named by DATABASE_URL is the template, and every connection is closed on exit.
 */
import { writeFileSync } from 'node:fs';

const [dumpFile] = process.argv.slice(2);

process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = 'silent';
process.env.SEED_DEMO = 'false';
process.env.JOB_WORKER = 'false';
process.env.APP_URL ??= 'http://localhost:3000';
delete process.env.PGLITE_TEMPLATE_FILE;
delete process.env.RESEND_API_KEY;
delete process.env.RESEND_BASE_URL;
if (!process.env.DATABASE_URL) process.env.DATA_DIR = 'memory://';

const { startApp } = await import('~/modules/app/start-app.server');
const app = await startApp({ role: 'script' });
const { database } = app;
const { stopJobs } = await import('~/modules/jobs/queue.server');
await stopJobs({ graceful: false });

// The template holds schema only: a job or row that start-up wrote would otherwise be in
// every test's database from the start.
await database.executeSql('DELETE FROM pgboss.job');
const tables = await database.executeSql(
  `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
);
const written: string[] = [];
for (const { tablename } of tables.rows) {
  const count = await database.executeSql(`SELECT count(*)::int AS n FROM "${tablename}"`);
  if (Number(count.rows[0]?.n) > 0) written.push(String(tablename));
}
if (written.length > 0) throw new Error(`starting the app wrote rows into ${written.join(', ')}`);

if (database.kind === 'pglite') {
  if (!dumpFile || !database.dumpDataDir) throw new Error('usage: build-template-database <file>');
  const tarball = await database.dumpDataDir();
  writeFileSync(dumpFile, Buffer.from(await tarball.arrayBuffer()));
}
await app.stop({ graceful: false });
process.exit(0);
