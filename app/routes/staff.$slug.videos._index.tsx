import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { ContentLanguageMark } from '~/components/content-language-mark';
import { TableScroll } from '~/components/table-scroll';
import { VideoStateBadge } from '~/components/video-state-badge';
import { watchBucket } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale } from '~/modules/i18n/locale.server';
import { listVideosForStaff } from '~/modules/video/video-catalog.server';
import { COMPLETION_BUCKETS } from '~/modules/video/completion-buckets';
import { emptyStats, statsForEventVideos } from '~/modules/video/video-stats.server';
import { formatBytes } from '~/modules/video/video-upload.server';
import { pickContent } from '~/utils/content-language';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const locale = getLocale(request);
  const [rows, stats] = await Promise.all([
    listVideosForStaff(event.id),
    statsForEventVideos(event.id),
  ]);
  return json({
    event: { slug: event.slug, name: locale === 'ja' ? event.nameJa : event.nameEn },
    role,
    // Aggregates only, already suppressed below the threshold ("<5") on the server.
    videos: rows.map((row) => ({
      id: row.id,
      title: pickContent(row.titleJa, row.titleEn, locale),
      published: row.unpublishedAt === null,
      format: row.contentType === 'video/mp4' ? 'MP4' : 'WebM',
      size: formatBytes(row.sizeBytes),
      createdAt: row.createdAt.toISOString(),
      stats: stats[row.id] ?? emptyStats(),
    })),
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'video.staff.title');

export default function StaffVideos() {
  const { event, role, videos } = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t('video.staff.title')}</h1>
      {params.get('uploaded') ? (
        <p className="alert alert--ok" role="status">
          {t('video.staff.uploaded')}
        </p>
      ) : null}
      {params.get('deleted') ? (
        <p className="alert alert--ok" role="status">
          {t('video.staff.deleted')}
        </p>
      ) : null}
      <section className="card">
        <p className="lead">{t('video.staff.intro')}</p>
        {role !== 'viewer' ? (
          <Link to={`/staff/${event.slug}/videos/new`} className="button">
            {t('video.staff.upload')}
          </Link>
        ) : null}
      </section>
      {videos.length === 0 ? (
        <section className="card">
          <p className="muted">{t('video.staff.empty')}</p>
        </section>
      ) : (
        videos.map((video) => (
          <section key={video.id} className="card" aria-labelledby={`video-${video.id}`}>
            <div className="video-staff__head">
              <h2 id={`video-${video.id}`}>
                <Link to={`/staff/${event.slug}/videos/${video.id}`} lang={video.title.lang}>
                  {video.title.text}
                </Link>
              </h2>
              <div className="video-staff__actions">
                <Link
                  to={`/staff/${event.slug}/videos/${video.id}`}
                  className="button button--quiet"
                  aria-describedby={`video-${video.id}`}
                >
                  {t(role === 'viewer' ? 'video.staff.details' : 'video.staff.manage')}
                </Link>
                <Link
                  to={`/e/${event.slug}/videos/${video.id}`}
                  className="button button--quiet"
                  aria-describedby={`video-${video.id}`}
                >
                  {t('video.staff.preview')}
                </Link>
              </div>
            </div>
            <p className="video-staff__state">
              <VideoStateBadge published={video.published} />{' '}
              <ContentLanguageMark lang={video.title.lang} />
            </p>
            <p className="muted">
              {t('video.staff.format')}: {video.format} · {t('video.staff.size')}: {video.size} ·{' '}
              {t('video.staff.uploadedAt')}: <LocalTime value={video.createdAt} />
            </p>
            <h3 className="video-stats__heading">{t('video.stats.heading')}</h3>
            <ul className="stat-grid video-stats">
              <li>
                <strong>{video.stats.views}</strong>
                <span>{t('video.stats.views')}</span>
              </li>
              <li>
                <strong>{video.stats.uniqueViewers}</strong>
                <span>{t('video.stats.uniqueViewers')}</span>
              </li>
            </ul>
            {/* Five columns do not fit a phone: the table scrolls, not the page. */}
            <TableScroll label={t('video.stats.completion')}>
              <table className="data video-stats__completion">
                <caption>{t('video.stats.completion')}</caption>
                <thead>
                  <tr>
                    {COMPLETION_BUCKETS.map((bucket) => (
                      <th key={bucket.id} scope="col">
                        {t(watchBucket(bucket.id))}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {COMPLETION_BUCKETS.map((bucket) => (
                      <td key={bucket.id}>{video.stats.completion[bucket.id]}</td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))
      )}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
