import type { MetaFunction } from '@remix-run/node';
import { StaffPageError } from '~/components/staff-frame';
import { pageTitle } from '~/utils/page-title';

// Any path under a staff area that no page claims (/staff/:slug/nope). The layout's loader
// has already checked that the visitor is staff of the event — anyone else gets the layout's
// plain 404 — so this 404 is shown under the event's navigation. A page route, not a
// resource route, for the same reason as the root `$.tsx` (same tree on server and browser).
export function loader(): never {
  throw new Response(null, { status: 404 });
}

export function action(): never {
  throw new Response(null, { status: 404 });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'errors.notFound.title');

export default function StaffPageNotFound() {
  return null;
}

export { StaffPageError as ErrorBoundary };
