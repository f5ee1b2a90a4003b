import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Browser tests (`npm run test:e2e`): Playwright (playwright-core) drives /usr/bin/chromium
// against ONE built server, started by the global setup with a fresh embedded database and
// the demo seeded. Files run one after another; they share that server.
export default defineConfig({
  resolve: {
    alias: {
      '~db': here('./db'),
      '~emails': here('./emails'),
      '~': here('./app'),
    },
  },
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    // Generous: a busy CI machine makes a browser and a PGlite server slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
