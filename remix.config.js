/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The HTTP server (server.ts) is compiled together with the app so that it can share
  // the request guards, security headers and shutdown logic written in TypeScript.
  server: './server.ts',
  serverBuildPath: 'build/index.js',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // Bundled so that the email renderer's dynamic import (render-email.server.tsx) defers them:
  // left external, esbuild hoists their imports to the top of build/index.js and every process
  // would evaluate Tailwind's compiler, Prism and Prettier at start (~0.5 s CPU, issue #12).
  serverDependenciesToBundle: [
    /^@react-email\//,
    /^tailwindcss(\/|$)/,
    /^prismjs(\/|$)/,
    /^prettier(\/|$)/,
    /^html-to-text(\/|$)/,
  ],
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
