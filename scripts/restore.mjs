// @ts-check
/**
 * `npm run restore -- <backup folder>`: puts a backup of scripts/backup.mjs back.
 *
 * - Embedded database: into DATA_DIR (default ./data), which must not hold a database yet
 *   (restoring over a live one would mix two histories): DATA_DIR/pglite is created from
 *   database.tar.gz, DATA_DIR/media from media.tar.gz. The server must be stopped.
 * - PostgreSQL (DATABASE_URL set): `pg_restore --clean --if-exists --no-owner` into that
 *   database (an empty one is safest); then start the server, which applies newer migrations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals } = parseArgs({ allowPositionals: true });
function fail(message) {
  process.stderr.write(`restore: ${message}\n`);
  process.exit(1);
}
if (positionals.length !== 1) fail('usage: npm run restore -- <backup folder>');
const from = path.resolve(positionals[0]);
const manifestPath = path.join(from, 'manifest.json');
if (!existsSync(manifestPath)) fail(`${from} is not a backup (no manifest.json)`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');

const mediaTarget = path.join(dataDir, 'media');
if (manifest.media && existsSync(mediaTarget) && readdirSync(mediaTarget).length > 0) {
  fail(`${mediaTarget} is not empty: restore into an empty DATA_DIR`);
}

if (manifest.database === 'postgres') {
  if (!process.env.DATABASE_URL)
    fail('this backup is of PostgreSQL: set DATABASE_URL to restore it');
  const restored = spawnSync(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--dbname',
      process.env.DATABASE_URL,
      path.join(from, 'database.dump'),
    ],
    { stdio: 'inherit' },
  );
  if (restored.error) fail(`pg_restore could not run (${restored.error.message})`);
  if (restored.status !== 0) fail(`pg_restore failed with code ${restored.status}`);
} else if (manifest.database === 'embedded') {
  if (process.env.DATABASE_URL) fail('this backup is of the embedded database: unset DATABASE_URL');
  const target = path.join(dataDir, 'pglite');
  if (existsSync(target) && readdirSync(target).length > 0) {
    fail(`${target} already holds a database: restore into an empty DATA_DIR`);
  }
  mkdirSync(target, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const tarball = new Blob([readFileSync(path.join(from, 'database.tar.gz'))]);
  // PGlite unpacks the dump into the empty folder on open; the query proves it is usable.
  const client = await PGlite.create(target, { loadDataDir: tarball, extensions: { pg_trgm } });
  const { rows } = await client.query(
    'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
  );
  await client.close();
  process.stdout.write(
    `Embedded database restored into ${target} (${rows[0]?.n} migrations applied)\n`,
  );
} else {
  fail(`unknown database kind in the manifest: ${manifest.database}`);
}

if (manifest.media) {
  mkdirSync(dataDir, { recursive: true });
  const untarred = spawnSync('tar', ['-xzf', path.join(from, 'media.tar.gz'), '-C', dataDir], {
    stdio: 'inherit',
  });
  if (untarred.status !== 0) fail('unpacking media.tar.gz failed');
}
process.stdout.write('Restore complete: start the server.\n');
