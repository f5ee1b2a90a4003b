import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { inviteeStatus } from '~/i18n/key-families';
import { appendAudit } from '~/modules/audit/audit-log.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import {
  inviteeCsvLines,
  inviteeFiltersFromUrl,
  inviteeStatuses,
  type StatusLabels,
} from '~/modules/invitations/invitee-directory.server';

/**
 * The owner's status list (bib, name, reading, category, status, dates — no addresses), with
 * the page's filters. Audit-logged before the first byte; streamed in keyset chunks, so 60,000
 * rows never wait in memory.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const filters = inviteeFiltersFromUrl(new URL(request.url).searchParams);
  if (filters === 'invalid') {
    throw json({ formError: t('invitees.badFilter') }, { status: 400 });
  }
  await appendAudit({
    eventId: event.id,
    actorUserId: user.id,
    action: 'invitations.export',
    detail: {
      status: filters.status,
      category: filters.category,
      search: filters.query !== '',
    },
  });
  const status = Object.fromEntries(
    inviteeStatuses.map((s) => [s, t(inviteeStatus(s))]),
  ) as StatusLabels;
  const header = [
    t('invitees.col.bib'),
    t('invitees.col.name'),
    t('invitees.col.kana'),
    t('invitees.col.category'),
    t('invitees.col.status'),
    t('invitees.col.sentAt'),
    t('invitees.col.remindedAt'),
    t('invitees.col.respondedAt'),
  ];
  const lines = inviteeCsvLines(event.id, filters, { header, status });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="invitations-${event.slug}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
