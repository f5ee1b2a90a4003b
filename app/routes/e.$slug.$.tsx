import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { findPublicEvent } from '~/modules/membership/join-by-event-code.server';
import { pageTitle } from '~/utils/page-title';

// Any path under an event's member pages that no page claims (/e/:slug/nope): a 404 in the
// member area's boundary (e.$slug.tsx), which names the event and links back to it when it
// exists — its page is public, so naming it reveals nothing — and says `event: null` when
// there is no such event. A page route for the reason in the root `$.tsx`.
async function notFound(slug: string | undefined): Promise<never> {
  const event = await findPublicEvent(slug);
  throw json(
    { event: event ? { nameJa: event.nameJa, nameEn: event.nameEn } : null },
    { status: 404 },
  );
}

export function loader({ params }: LoaderFunctionArgs): Promise<never> {
  return notFound(params.slug);
}

export function action({ params }: LoaderFunctionArgs): Promise<never> {
  return notFound(params.slug);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'errors.notFound.title');

export default function MemberPageNotFound() {
  return null;
}
