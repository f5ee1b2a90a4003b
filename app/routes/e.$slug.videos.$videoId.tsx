import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { VideoPlayer } from '~/components/video-player';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { findVideoForViewer } from '~/modules/video/video-catalog.server';
import { requireVideoViewer } from '~/modules/video/video-access.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireVideoViewer(request, params.slug, context);
  const locale = getLocale(request);
  // Staff may preview an unpublished video (to check it before publishing it again).
  const video = await findVideoForViewer(
    viewer.event.id,
    params.videoId,
    viewer.sessionId,
    locale,
    {
      includeUnpublished: viewer.role === 'staff',
    },
  );
  if (!video) throw new Response(null, { status: 404 });
  const watermark = viewer.membership
    ? memberAlias(viewer.membership.aliasNumber, locale)
    : getTranslator(request)('video.watermark.staff');
  return json(
    {
      event: {
        slug: viewer.event.slug,
        name: locale === 'ja' ? viewer.event.nameJa : viewer.event.nameEn,
      },
      preview: viewer.role === 'staff',
      video: {
        id: video.id,
        title: video.title,
        titleLang: video.titleLang,
        description: video.description,
        descriptionLang: video.descriptionLang,
        unpublished: video.unpublished,
        src: video.src,
        ttlSeconds: video.ttlSeconds,
        posterSrc: video.posterSrc,
      },
      watermark,
    },
    // The page carries a session-bound media URL: never cached, never shared.
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'private, no-store',
});

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, args.data ? { text: args.data.video.title } : 'video.list.title', {
    within: args.data?.event.name,
  });

export default function VideoPage() {
  const { event, preview, video, watermark } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/e/${event.slug}/videos`;
  return (
    <>
      <p className="muted">
        <Link to={base}>{t('video.backToList')}</Link>
      </p>
      <h1>
        <span lang={video.titleLang}>{video.title}</span>{' '}
        <ContentLanguageMark lang={video.titleLang} />
      </h1>
      {preview ? (
        <p className="alert alert--ok" role="status">
          {t('video.preview.notice')}
        </p>
      ) : null}
      {video.unpublished ? (
        <p className="alert alert--warn">{t('video.preview.unpublished')}</p>
      ) : null}
      <VideoPlayer
        key={video.id}
        title={video.title}
        src={video.src}
        ttlSeconds={video.ttlSeconds}
        posterSrc={video.posterSrc}
        watermark={watermark}
        playbackUrl={`${base}/${video.id}/playback`}
        countViews={!preview}
      />
      {video.description ? (
        <>
          {/* Marked here only when the title's mark does not already say it. */}
          {video.descriptionLang !== video.titleLang ? (
            <ContentLanguageMark lang={video.descriptionLang} />
          ) : null}
          <p className="video-description" lang={video.descriptionLang}>
            {video.description}
          </p>
        </>
      ) : null}
    </>
  );
}
