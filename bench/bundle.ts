/**
 * npm run bench:bundle   (not part of npm test; run after `npm run build`)
 *
 * What the browser downloads (issue 16): starts the built server (`node build/index.js`, an
 * embedded database in a temporary folder), then prints
 *   - the sign-in page's JavaScript: every script its HTML lists, gzipped, and the total
 *   - which routes' client chunks contain zod (tests/http/client-bundle.test.ts allows only the
 *     routes that validate in the browser)
 * BUNDLE_CLIENT_DIR names the client build folder (default build/client).
 */
import path from 'node:path';
import { measurePageScripts, routesShippingZod } from '../tests/support/client-bundle';
import { repoRoot, startAppServer } from '../tests/http/support/app-server';

const clientDir = path.resolve(repoRoot, process.env.BUNDLE_CLIENT_DIR ?? 'build/client');
const server = await startAppServer({ env: { SEED_DEMO: 'false' } });
try {
  const signIn = await measurePageScripts(server.url, '/sign-in');
  console.log('sign-in page JavaScript (gzipped):');
  for (const url of signIn.urls) {
    console.log(`  ${(signIn.gzipBytes[url] / 1024).toFixed(1).padStart(7)} KB  ${url}`);
  }
  console.log(`  ${(signIn.totalGzipBytes / 1024).toFixed(1).padStart(7)} KB  total`);
  const zod = await routesShippingZod(server.url, clientDir);
  console.log(`routes whose client chunks contain zod: ${zod.length}`);
  for (const id of zod) console.log(`  ${id}`);
} finally {
  await server.dispose();
}
