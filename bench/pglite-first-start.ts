/**
 * The first start of the embedded database on an empty data directory, in its own process, for
 * `npm run bench:fanout`: PGlite runs initdb in a second, temporary PostgreSQL instance inside
 * this process, whose WebAssembly memory is only reclaimed several garbage collections later.
 * That is a one-off per data directory, so the benchmark measures it here and runs the send on
 * the prepared directory, as a server that has started before. Sends { peakRss } over IPC.
 */
import { openDatabase } from '../db/client';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-first-start.ts <data dir>');
const database = await openDatabase({ kind: 'pglite', dataDir });
await database.close();
// ru_maxrss: the kernel's high-water mark for this process, in kilobytes.
process.send?.({ peakRss: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
