import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/modules/events/staff-access.server';
import { attachmentResponse } from '~/modules/relay/relay-attachments.server';
import { staffAttachment } from '~/modules/relay/relay-threads.server';

/** A file kept from a member's reply, for the event's staff only (any role may read). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'viewer', context);
  const file = await staffAttachment(event.id, params.threadId ?? '', params.attachmentId ?? '');
  if (!file) throw new Response(null, { status: 404 });
  return attachmentResponse(request, file);
}
