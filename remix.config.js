/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The HTTP server (server.ts) is compiled together with the app so that it can share
  // the request guards, security headers and shutdown logic written in TypeScript.
  server: './server.ts',
  serverBuildPath: 'build/index.js',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
