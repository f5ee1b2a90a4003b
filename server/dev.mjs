// @ts-check
/**
 * `npm run dev`: the same Express server as production, with Vite in middleware mode. Vite
 * serves the browser modules (with HMR) and loads the Remix server build from the sources; the
 * request handler asks for it again on every request, so an edited route answers with its new
 * code without a restart (decision 102). The server itself comes from that build, as in
 * production, so it shares its modules (the one database) with the routes.
 */
import { createServer } from 'vite';

// The database module keeps the database it opened when Vite evaluates it again after an edit.
process.env.STARTLINE_DEV_SERVER = 'true';

const vite = await createServer({
  server: { middlewareMode: true },
  appType: 'custom',
});
const loadBuild = () => vite.ssrLoadModule('virtual:remix/server-build');
const build = await loadBuild();
await build.entry.module.startServer({ build, getBuild: loadBuild, viteDevServer: vite });
