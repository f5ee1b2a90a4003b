import type { MetaFunction } from '@remix-run/node';
import { SponsorPageError } from '~/components/sponsor/console-frame';
import { pageTitle } from '~/utils/page-title';

// Any path under a sponsor console that no page claims: the layout's loader has checked the
// visitor (anyone else gets its plain 404), so this 404 keeps the console's tabs. A page
// route, not a resource route, for the same reason as the root `$.tsx`.
export function loader(): never {
  throw new Response(null, { status: 404 });
}

export function action(): never {
  throw new Response(null, { status: 404 });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'errors.notFound.title');

export default function SponsorPageNotFound() {
  return null;
}

export { SponsorPageError as ErrorBoundary };
