import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { countAwaitingApproval } from '~/modules/announcements/approval-notifications.server';
import { requireStaff } from '~/modules/events/staff-access.server';

// The staff navigation's approval badges, for pages whose loader does not carry them: counts
// only, and only for owners (they are the ones who approve).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  return json(await countAwaitingApproval(event.id), {
    headers: { 'Cache-Control': 'private, no-store' },
  });
}
