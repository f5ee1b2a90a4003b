import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ command, isSsrBuild }) => ({
  // The server build keeps top-level await (the database opens before the first request).
  build: isSsrBuild ? { target: 'node20' } : {},
  resolve: {
    alias: {
      '~db': here('./db'),
      '~emails': here('./emails'),
      '~': here('./app'),
    },
  },
  ssr: {
    // Bundled, as the classic compiler did (decision 090): the email renderer's dynamic import
    // (render-email.server.tsx) leaves them, with the templates, in chunks that no process
    // evaluates until it renders an email — Tailwind's compiler, Prism and Prettier cost ~0.5 s
    // of CPU (issue #12; tests/http/lazy-email-code.test.ts). In development Vite loads them
    // on demand anyway.
    noExternal:
      command === 'build'
        ? [
            /^@react-email\//,
            /^tailwindcss(\/|$)/,
            /^prismjs(\/|$)/,
            /^prettier(\/|$)/,
            /^html-to-text(\/|$)/,
          ]
        : [],
  },
  plugins: [
    remix({
      buildDirectory: 'build',
      serverModuleFormat: 'esm',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: true,
      },
      // `node build/index.js` stays the start command (tests, the cluster, the docs): the
      // thin entry that loads build/server/index.js and starts its server (decision 102).
      async buildEnd() {
        await copyFile(here('./server/production.mjs'), here('./build/index.js'));
      },
    }),
  ],
}));
