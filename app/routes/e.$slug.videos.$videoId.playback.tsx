import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { z } from 'zod';
import { getTranslator } from '~/modules/i18n/locale.server';
import { playbackSource, videoBelongsToEvent } from '~/modules/video/video-catalog.server';
import { requireVideoViewer } from '~/modules/video/video-access.server';
import { recordPlay, recordProgress } from '~/modules/video/video-stats.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';

const noStore = { 'Cache-Control': 'private, no-store' };

const playbackSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('play') }),
  z.object({ event: z.literal('progress'), percent: z.coerce.number().int().min(0).max(100) }),
]);

/** The player asks for a fresh media URL shortly before its token expires. Nothing is written. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireVideoViewer(request, params.slug, context);
  // An unpublished video gets no fresh URL for a member whose page was already open.
  const includeUnpublished = viewer.role === 'staff';
  if (!(await videoBelongsToEvent(viewer.event.id, params.videoId, { includeUnpublished }))) {
    throw new Response(null, { status: 404 });
  }
  return json(playbackSource(params.videoId!, viewer.sessionId), { headers: noStore });
}

/** The player reports a play and how far it got, for the aggregate statistics only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireVideoViewer(request, params.slug, context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, playbackSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const report = submission.value;
  const includeUnpublished = viewer.role === 'staff';
  if (!(await videoBelongsToEvent(viewer.event.id, params.videoId, { includeUnpublished }))) {
    throw new Response(null, { status: 404 });
  }
  // Staff previews are not counted.
  if (viewer.membership) {
    if (report.event === 'play') await recordPlay(params.videoId!, viewer.membership.id);
    else await recordProgress(params.videoId!, viewer.membership.id, report.percent);
  }
  return json({ ok: true }, { headers: noStore });
}
