// @ts-check
/**
 * `npm run backup [-- --out <folder>]`: a backup of the database and the stored files.
 *
 * - PostgreSQL (DATABASE_URL set): `pg_dump -Fc` into <folder>/database.dump. Files in an S3
 *   bucket (STORAGE_BACKEND=s3) are backed up with the provider's tools (versioning, or
 *   `aws s3 sync s3://$S3_BUCKET <folder>`); this script says so and does not copy them.
 * - Embedded database (no DATABASE_URL): the running server takes it (POST /ops/backup, from
 *   this machine only): PGlite's files may be opened by one process only, the server's.
 *   Written to <folder>/database.tar.gz.
 * - Files on local disk (DATA_DIR/media): <folder>/media.tar.gz.
 *
 * Restore with `npm run restore -- <folder>` (scripts/restore.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    // The running server (embedded database): its port on this machine.
    url: { type: 'string' },
  },
});
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = path.resolve(values.out ?? path.join('backups', stamp));
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const storageBackend = process.env.STORAGE_BACKEND ?? 'local';

function fail(message) {
  process.stderr.write(`backup: ${message}\n`);
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const manifest = { createdAt: new Date().toISOString(), database: '', media: false };

if (process.env.DATABASE_URL) {
  const dumped = spawnSync(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--file',
      path.join(out, 'database.dump'),
      process.env.DATABASE_URL,
    ],
    { stdio: 'inherit' },
  );
  if (dumped.error)
    fail(`pg_dump could not run (${dumped.error.message}); install the PostgreSQL client`);
  if (dumped.status !== 0) fail(`pg_dump failed with code ${dumped.status}`);
  manifest.database = 'postgres';
} else {
  const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
  let response;
  try {
    response = await fetch(`${url}/ops/backup`, {
      method: 'POST',
      headers: { 'X-Startline-Backup': '1' },
    });
  } catch (error) {
    fail(
      `no server answers at ${url} (${error instanceof Error ? error.message : error}). ` +
        'The embedded database is backed up by its running server; start it, or pass --url. ' +
        `While it is stopped, a copy of ${dataDir} is a backup too.`,
    );
  }
  if (!response.ok)
    fail(`the server refused the backup: ${response.status} ${await response.text()}`);
  writeFileSync(path.join(out, 'database.tar.gz'), Buffer.from(await response.arrayBuffer()));
  manifest.database = 'embedded';
}

const media = path.join(dataDir, 'media');
if (storageBackend === 'local' && existsSync(media)) {
  const tarred = spawnSync(
    'tar',
    ['-czf', path.join(out, 'media.tar.gz'), '-C', dataDir, 'media'],
    {
      stdio: 'inherit',
    },
  );
  if (tarred.status !== 0) fail(`tar of ${media} failed`);
  manifest.media = true;
} else if (storageBackend === 's3') {
  process.stdout.write(
    'Stored files are in the S3 bucket: back them up with the provider’s tools ' +
      '(bucket versioning, or `aws s3 sync s3://$S3_BUCKET <folder>`).\n',
  );
}

writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`Backup written to ${out}\n`);
