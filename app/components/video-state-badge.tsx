import { useT } from '~/i18n/use-t';

/** 公開中 / 非公開: whether members can see and play a video (staff pages). */
export function VideoStateBadge({ published }: { published: boolean }) {
  const t = useT();
  return published ? (
    <span className="badge badge--approved">{t('video.state.published')}</span>
  ) : (
    <span className="badge badge--draft">{t('video.state.unpublished')}</span>
  );
}
