/**
 * What the browser downloads (issue 16, decision 102), measured on the built server as
 * `npm run bench:bundle` prints it:
 * - the sign-in page's JavaScript, gzipped: at most 60 % of the classic compiler's build, which
 *   measured 224.8 KB this way (the issue's own figure was 210 KB; the Vite build: ~130 KB);
 * - zod only in the client chunks of routes that validate with it in the browser (staff and
 *   sponsor forms, decision 104), never on a runner's page. A schema used only by an action or a
 *   loader is dropped with them (the Vite plugin removes both from client code).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePageScripts, routesShippingZod } from '../support/client-bundle';
import { repoRoot, startAppServer, type AppServer } from './support/app-server';

const CLASSIC_SIGN_IN_KB = 224.8;
/**
 * Pages runners open on their phones (decision 104): they validate with the browser's own
 * constraints, never with zod.
 */
const RUNNER_PAGES = /^routes\/(e\.|u\.|join\.|sign-in|account|_index$)/;

/**
 * Whether a route validates with zod in the browser: its module, or a component it imports,
 * calls useStartlineForm (app/utils/forms.ts, the one way zod reaches a page on purpose).
 */
function validatesInTheBrowser(routeId: string): boolean {
  const read = (file: string) => readFileSync(path.join(repoRoot, 'app', file), 'utf8');
  const source = read(`${routeId}.tsx`);
  if (source.includes('useStartlineForm')) return true;
  const components = [...source.matchAll(/from '~\/components\/([\w/-]+)'/g)].map((m) => m[1]);
  return components.some((c) => read(`components/${c}.tsx`).includes('useStartlineForm'));
}

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer({ env: { SEED_DEMO: 'false' } });
});
afterAll(async () => {
  await server?.dispose();
});

describe('the client bundle', () => {
  it('gives the sign-in page at most 60 % of the JavaScript the classic build gave it', async () => {
    const signIn = await measurePageScripts(server.url, '/sign-in');
    expect(signIn.urls.length).toBeGreaterThan(2);
    expect(signIn.urls.some((url) => /\/sign-in-[\w-]+\.js$/.test(url))).toBe(true);
    expect(signIn.totalGzipBytes / 1024).toBeLessThanOrEqual(CLASSIC_SIGN_IN_KB * 0.6);
  });

  it('ships zod only to routes that validate in the browser', async () => {
    const shipping = await routesShippingZod(server.url, path.join(repoRoot, 'build/client'));
    expect(shipping.filter((id) => RUNNER_PAGES.test(id))).toEqual([]);
    expect(shipping.filter((id) => !validatesInTheBrowser(id))).toEqual([]);
    // The staff pages that validate as you type do get it (the check above is not vacuous).
    expect(shipping).toContain('routes/staff.$slug.channels');
  });
});
