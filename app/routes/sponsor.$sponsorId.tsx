import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorCard, errorCopy } from '~/components/error-page';
import {
  SponsorConsoleHeader,
  SponsorPageError,
  useSponsorFrame,
} from '~/components/sponsor/console-frame';
import { useT } from '~/i18n/use-t';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';
import { pageTitle } from '~/utils/page-title';

// The sponsor console's frame. Each child route checks requireSponsor itself as well: a
// layout's loader is not a gate for its children's loaders and actions.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor, event } = await requireSponsor(request, params.sponsorId);
  return json({
    sponsor,
    event: { nameJa: event.nameJa, nameEn: event.nameEn },
    titleContext: { ja: sponsor.nameJa, en: sponsor.nameEn },
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.console.label');

export default function SponsorConsole() {
  const { sponsor, event } = useLoaderData<typeof loader>();
  return (
    <>
      <SponsorConsoleHeader sponsor={sponsor} event={event} />
      <Outlet />
    </>
  );
}

// Reached when this layout's own loader failed (not this sponsor's staff, no such console:
// nothing about the sponsor is shown) or a child without its own boundary failed.
export function ErrorBoundary() {
  const frame = useSponsorFrame();
  const error = useRouteError();
  const t = useT();
  if (frame) {
    return (
      <>
        <SponsorConsoleHeader sponsor={frame.sponsor} event={frame.event} />
        <SponsorPageError />
      </>
    );
  }
  const { title, body } = errorCopy(error, t);
  return <ErrorCard title={title} body={body} back={{ href: '/', label: t('errors.backHome') }} />;
}
