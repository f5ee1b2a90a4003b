import type { RouteConfig } from '@remix-run/route-config';
import { flatRoutes } from '@remix-run/fs-routes';

// The routes are the files in app/routes (Remix's flat routes), as before v3_routeConfig.
export default flatRoutes({ ignoredRouteFiles: ['**/.*', '**/*.test.*'] }) satisfies RouteConfig;
