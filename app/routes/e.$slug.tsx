import type { MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Outlet,
  useLocation,
  useParams,
  useRouteError,
} from '@remix-run/react';
import { ErrorCard, errorCopy } from '~/components/error-page';
import { useLocale, useT } from '~/i18n/use-t';
import { pageTitle } from '~/utils/page-title';

// The member area's frame. Deliberately without a loader: every member page already looks
// its event up together with the membership in one query, and the feed a runner opens after
// an announcement must stay at two queries (member-feed.test.ts) — a layout loader would
// add one to every page. The pages keep their own headings and back links; this route adds
// the error boundary, so a failure inside an event still leads back to that event.
export default function MemberArea() {
  return <Outlet />;
}

export const meta: MetaFunction = (args) => pageTitle(args, null);

export function ErrorBoundary() {
  const error = useRouteError();
  const { slug } = useParams();
  const { pathname } = useLocation();
  const t = useT();
  const locale = useLocale();
  // e.$slug.$ (an unknown path) sends the event's names with its 404, or null: no such event.
  const data = isRouteErrorResponse(error)
    ? (error.data as { event?: { nameJa: string; nameEn: string } | null } | null)
    : null;
  const event = data?.event;
  const place = event ? (locale === 'ja' ? event.nameJa : event.nameEn) : null;
  const { title, body } = errorCopy(error, t, place);
  // Back to the event's page, unless that page is the one failing or the event is unknown.
  const eventPage = `/e/${slug}`;
  const onEventPage = pathname.replace(/\/+$/, '') === eventPage;
  const back =
    slug && !onEventPage && event !== null
      ? { href: eventPage, label: event ? `← ${place}` : t('errors.backToEvent') }
      : { href: '/', label: t('errors.backHome') };
  return <ErrorCard title={title} body={body} back={back} />;
}
