import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { findVideoForStaff } from '~/modules/video/video-management.server';
import { deleteVideo } from '~/modules/video/video-removal.server';
import { pickContent } from '~/utils/content-language';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

// The confirmation page's button sends this; a stray POST without it deletes nothing.
// The form is that button alone: nothing typed to keep or check in the browser, so the page
// reads no action data (a refusal is a 400 only a hand-made POST gets).
const deleteSchema = z.object({ confirm: z.literal('delete') });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const video = await findVideoForStaff(event.id, params.videoId);
  if (!video) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  return json({
    event: { slug: event.slug, name: locale === 'ja' ? event.nameJa : event.nameEn },
    role,
    video: { id: video.id, title: pickContent(video.titleJa, video.titleEn, locale) },
  });
}

/** Deletes the row (its view statistics go with it) and then its stored objects. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, deleteSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const deleted = await deleteVideo({
    eventId: event.id,
    videoId: params.videoId ?? '',
    actorUserId: user.id,
  });
  if (!deleted) throw new Response(null, { status: 404 });
  return redirect(`/staff/${event.slug}/videos?deleted=1`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'video.delete.confirmTitle');

export default function DeleteVideo() {
  const { event, video } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('video.delete.confirmTitle')}</h1>
      <section className="card card--danger">
        <p className="lead">
          <strong lang={video.title.lang}>{video.title.text}</strong>{' '}
          <ContentLanguageMark lang={video.title.lang} />
        </p>
        <p>{t('video.delete.confirmBody')}</p>
        <Form method="post" className="video-upload__actions">
          <input type="hidden" name="confirm" value="delete" />
          <button type="submit" className="button">
            {t('video.delete.submit')}
          </button>
          <Link to={`/staff/${event.slug}/videos/${video.id}`} className="button button--quiet">
            {t('video.delete.cancel')}
          </Link>
        </Form>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
