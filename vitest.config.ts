import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const shared = {
  resolve: {
    alias: {
      '~db': here('./db'),
      '~emails': here('./emails'),
      '~': here('./app'),
    },
  },
};

/**
 * Integration files that need a process of their own: they run the app in production mode,
 * which modules read once when they load (the session cookie's name and flags).
 */
const OWN_PROCESS = ['tests/integration/mail-capture-production.test.ts'];

const integrationSetup = {
  setupFiles: ['tests/setup/database.ts', 'tests/setup/console.ts'],
  // Builds the migrated database each file starts from, once per run (decision 098).
  globalSetup: ['tests/setup/template-database.ts'],
  // PGlite's 9 MB of WebAssembly: V8's optimizing tier recompiles its hot functions in the
  // background, seconds of CPU per test process that its short queries never earn back. The
  // baseline compiler alone runs them as fast here (decision 098).
  execArgv: ['--liftoff-only'],
};

export default defineConfig({
  ...shared,
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Inline projects do not see the root `test` options (timeouts) unless they extend it.
    projects: [
      {
        ...shared,
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setup/console.ts'],
          // Unit tests need no database; one that imports a module which opens it anyway must not
          // open ./data, which two test processes (or a running `npm start`) cannot share.
          env: { DATA_DIR: 'memory://' },
        },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: 'integration',
          // Each file starts from its own fresh database (tests/setup/database.ts).
          include: ['tests/integration/**/*.test.{ts,tsx}', 'tests/http/**/*.test.ts'],
          exclude: OWN_PROCESS,
          ...integrationSetup,
          // Files share a test process and its loaded modules, one file after another: the app's
          // modules load once per process instead of once per file (decision 107). Each file still gets its own database, its
          // own start-up (startApp) and the process's environment as it was at the start.
          isolate: false,
        },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: 'integration-own-process',
          include: OWN_PROCESS,
          ...integrationSetup,
        },
      },
    ],
  },
});
