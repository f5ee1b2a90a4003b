import { Link } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { useT } from '~/i18n/use-t';

export interface AnnouncementFeedData {
  items: { id: string; title: string; channelName: string; publishedAt: string; excerpt: string }[];
  nextBefore: string | null;
}

/**
 * The member's announcements, newest first (load with `findEventHome` from
 * ~/modules/announcements/member-feed.server). Read-only by design (SPEC P3): there is no
 * form here and no route that takes a member's post.
 */
export function AnnouncementFeed(props: {
  slug: string;
  feed: AnnouncementFeedData;
  paged?: boolean;
}) {
  const t = useT();
  const base = `/e/${props.slug}`;
  return (
    <section className="card feed" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{t('feed.title')}</h2>
      {props.feed.items.length === 0 ? (
        <p className="muted">{t('feed.empty')}</p>
      ) : (
        <ol className="feed__list">
          {props.feed.items.map((item) => (
            <li key={item.id} className="feed__item">
              <p className="muted feed__meta">
                <span className="badge">{item.channelName}</span>{' '}
                <LocalTime value={item.publishedAt} />
              </p>
              <h3 className="feed__title">
                <Link to={`${base}/a/${item.id}`}>{item.title}</Link>
              </h3>
              <p className="feed__excerpt">{item.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
      {props.paged || props.feed.nextBefore ? (
        <p className="feed__pager">
          {props.paged ? <Link to="?">{t('feed.newest')}</Link> : <span />}
          {props.feed.nextBefore ? (
            <Link to={`?before=${encodeURIComponent(props.feed.nextBefore)}`}>
              {t('feed.older')} →
            </Link>
          ) : null}
        </p>
      ) : null}
      <p className="muted">{t('feed.oneWay')}</p>
    </section>
  );
}
