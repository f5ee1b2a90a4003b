import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormField } from '~/components/form-field';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { UploadProgress, useProgressUpload } from '~/components/upload-progress';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { findVideoForStaff } from '~/modules/video/video-management.server';
import {
  formatBytes,
  POSTER_MAX_BYTES,
  receiveVideoReplacement,
  videoUploadLimit,
} from '~/modules/video/video-upload.server';
import { pickContent } from '~/utils/content-language';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'editor', context);
  const video = await findVideoForStaff(event.id, params.videoId);
  if (!video) throw new Response(null, { status: 404 });
  const locale = getLocale(request);
  return json({
    event: { slug: event.slug, name: locale === 'ja' ? event.nameJa : event.nameEn },
    role,
    video: {
      id: video.id,
      title: pickContent(video.titleJa, video.titleEn, locale),
      format: video.contentType === 'video/mp4' ? 'MP4' : 'WebM',
      size: formatBytes(video.sizeBytes),
      hasPoster: video.hasPoster,
    },
    limits: { video: formatBytes(videoUploadLimit()), poster: formatBytes(POSTER_MAX_BYTES) },
  });
}

// Multipart, streamed to storage as it arrives, with the upload's own checks
// (receiveVideoReplacement); the old file goes only once the video points at the new one.
// Files only, no typed text: not a Conform form (the body is never read into FormData); its
// refusal is the upload's own answer, the same as the progress upload reads.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  // Before a byte of a 2 GB body is stored: is there such a video at all?
  if (!(await findVideoForStaff(event.id, params.videoId))) {
    throw new Response(null, { status: 404 });
  }
  const t = getTranslator(request);
  const result = await receiveVideoReplacement({
    request,
    event,
    videoId: params.videoId ?? '',
    actorUserId: user.id,
    t,
  });
  if (!result.ok) {
    if (result.status === 404) throw new Response(null, { status: 404 });
    return json(
      { formError: result.formError, fieldErrors: result.fieldErrors },
      { status: result.status },
    );
  }
  return redirect(`/staff/${event.slug}/videos/${params.videoId}?done=replaced`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'video.replace.title');

export default function ReplaceVideo() {
  const { event, video, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const upload = useProgressUpload();
  const submitting = navigation.state === 'submitting' || upload.uploading;
  const t = useT();
  const shown = upload.result ?? actionData;
  const errors = shown?.fieldErrors ?? {};
  const back = `/staff/${event.slug}/videos/${video.id}`;
  return (
    <>
      <h1>{t('video.replace.title')}</h1>
      <section className="card">
        <p className="lead">
          <strong lang={video.title.lang}>{video.title.text}</strong>{' '}
          <ContentLanguageMark lang={video.title.lang} />
        </p>
        <p className="muted">
          {t('video.replace.current', { format: video.format, size: video.size })}
        </p>
        <p>{t('video.replace.explain', { size: limits.video })}</p>
        {shown?.formError ? (
          <p className="alert alert--error" role="alert">
            {shown.formError}
          </p>
        ) : null}
        <Form
          method="post"
          encType="multipart/form-data"
          className="video-upload"
          noValidate
          onSubmit={upload.onSubmit}
        >
          <FormField
            name="video"
            type="file"
            label={t('video.replace.file')}
            hint={t('video.upload.fileHint', { size: limits.video })}
            accept="video/mp4,video/webm,.mp4,.webm"
            required
            error={errors.video}
          />
          <FormField
            name="poster"
            type="file"
            label={t('video.replace.poster')}
            hint={t(video.hasPoster ? 'video.replace.posterKeep' : 'video.upload.posterHint', {
              size: limits.poster,
            })}
            accept="image/png,image/jpeg,image/webp"
            error={errors.poster}
          />
          <UploadProgress state={upload.state} onCancel={upload.cancel} />
          <div className="video-upload__actions">
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? t('video.upload.submitting') : t('video.replace.submit')}
            </button>
            <Link to={back} className="button button--quiet">
              {t('video.replace.cancel')}
            </Link>
          </div>
        </Form>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
