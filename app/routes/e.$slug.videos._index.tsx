import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { useT } from '~/i18n/use-t';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { listVideosForViewer } from '~/modules/video/video-catalog.server';
import { requireVideoViewer } from '~/modules/video/video-access.server';
import { formatDuration } from '~/modules/video/duration';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireVideoViewer(request, params.slug, context);
  const locale = getLocale(request);
  const videos = await listVideosForViewer(viewer.event.id, viewer.sessionId, locale);
  return json(
    {
      event: {
        slug: viewer.event.slug,
        name: locale === 'ja' ? viewer.event.nameJa : viewer.event.nameEn,
      },
      pageTitle: getTranslator(request)('video.list.title'),
      preview: viewer.role === 'staff',
      videos,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'private, no-store',
});

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'video.list.title', { within: args.data?.event.name });

export default function VideoList() {
  const { event, preview, videos } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to={`/e/${event.slug}`}>{event.name}</Link>
      </p>
      <h1>{t('video.list.title')}</h1>
      <p className="lead">{t('video.list.intro')}</p>
      {preview ? (
        <p className="alert alert--ok" role="status">
          {t('video.preview.notice')}
        </p>
      ) : null}
      {videos.length === 0 ? (
        <section className="card">
          <p className="muted">{t('video.list.empty')}</p>
        </section>
      ) : (
        <ul className="video-grid">
          {videos.map((video) => (
            <li key={video.id} className="video-card">
              <Link to={`/e/${event.slug}/videos/${video.id}`} className="video-card__link">
                {video.posterSrc ? (
                  <img src={video.posterSrc} alt="" className="video-card__poster" />
                ) : (
                  <span className="video-card__poster video-card__poster--blank" aria-hidden="true">
                    ▶
                  </span>
                )}
                <span className="video-card__title" lang={video.titleLang}>
                  {video.title}
                </span>
              </Link>
              <ContentLanguageMark lang={video.titleLang} />
              {video.description ? (
                <p className="video-card__description" lang={video.descriptionLang}>
                  {video.description}
                </p>
              ) : null}
              {video.durationSeconds ? (
                <p className="muted">
                  {t('video.duration', { duration: formatDuration(video.durationSeconds) })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
