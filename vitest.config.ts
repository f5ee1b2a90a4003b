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
  esbuild: { jsx: 'automatic' as const },
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
          // Each file runs in its own process with its own fresh database.
          include: ['tests/integration/**/*.test.{ts,tsx}', 'tests/http/**/*.test.ts'],
          setupFiles: ['tests/setup/database.ts', 'tests/setup/console.ts'],
        },
      },
    ],
  },
});
