import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorCard, errorCopy } from '~/components/error-page';
import { StaffHeader, StaffPageError, useStaffFrame } from '~/components/staff-frame';
import { useT } from '~/i18n/use-t';
import { countAwaitingApproval } from '~/modules/announcements/approval-notifications.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { pageTitle } from '~/utils/page-title';

// The organizer pages' frame: event name, role and tabs. Each child route still calls
// requireStaff with the role it needs: a layout's loader is no gate for its children's
// loaders and actions (a data request or a form post runs the child alone). Resource routes
// below it (.json, .csv, images, attachments) run only their own loader.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  return json({
    event: { slug: event.slug, nameJa: event.nameJa, nameEn: event.nameEn },
    role,
    // Owners approve: the tabs show them what waits (drafts, sponsor items).
    awaiting: role === 'owner' ? await countAwaitingApproval(event.id) : undefined,
    titleContext: { ja: event.nameJa, en: event.nameEn },
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, null);

export default function StaffLayout() {
  const frame = useLoaderData<typeof loader>();
  return (
    <>
      <StaffHeader event={frame.event} role={frame.role} awaiting={frame.awaiting} />
      <Outlet />
    </>
  );
}

// Reached when this layout's own loader failed (signed in but not staff of this event, or
// no such event: nothing about the event may be shown) or when a child without its own
// boundary failed while the layout's data is there.
export function ErrorBoundary() {
  const frame = useStaffFrame();
  const error = useRouteError();
  const t = useT();
  if (frame) {
    return (
      <>
        <StaffHeader event={frame.event} role={frame.role} awaiting={frame.awaiting} />
        <StaffPageError />
      </>
    );
  }
  const { title, body } = errorCopy(error, t);
  return <ErrorCard title={title} body={body} back={{ href: '/', label: t('errors.backHome') }} />;
}
