// @ts-check
/**
 * The production entry: the build copies this file to build/index.js (vite.config.ts), so that
 * `node build/index.js` stays the start command. Everything else — Express, the guards, the
 * database, the job workers — is inside the Remix server build, one module graph with the
 * routes (decision 102); this file only loads that build and starts its server.
 */
const build = await import('./server/index.js');
await build.entry.module.startServer({ build });
