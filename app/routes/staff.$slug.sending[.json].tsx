import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { z } from 'zod';
import { requireStaff } from '~/modules/events/staff-access.server';
import { streamProgress } from '~/modules/mail/send-progress.server';

// The numbers the send-progress panel polls while a send runs: counts only, for any staff.
const querySchema = z.object({
  // An announcement id, an entrant import id or a reminder wave's id ("remind-…").
  subject: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'viewer', context);
  const search = new URL(request.url).searchParams;
  const query = querySchema.safeParse({ subject: search.get('subject') ?? undefined });
  if (!query.success) {
    return json({ error: 'bad_query' }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }
  const progress = await streamProgress(event.id, { subjectId: query.data.subject });
  return json(progress, { headers: { 'Cache-Control': 'private, no-store' } });
}
