import type { LoaderFunctionArgs } from '@remix-run/node';
import { isProduction } from '~/env.server';

/**
 * Development only: `/dev/error?message=…` throws an Error with that message, to see what a
 * failing loader leaves in the log — one JSON line, addresses masked, the request id of the
 * response's `X-Request-Id` (decision 085); tests/http/request-log.test.ts relies on it.
 * Production has no such page (404, like /dev/mailbox), and without a message neither, so a
 * crawler walking the routes finds nothing to break.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const message = new URL(request.url).searchParams.get('message');
  if (isProduction() || !message) throw new Response(null, { status: 404 });
  throw new Error(message);
}
