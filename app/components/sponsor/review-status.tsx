import { reviewStatus } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';

export type ReviewBadgeStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** An offer's or notice's review state, as a badge with words (not colour alone). */
export function ReviewStatusBadge(props: { status: ReviewBadgeStatus }) {
  const t = useT();
  return <span className={`badge badge--${props.status}`}>{t(reviewStatus(props.status))}</span>;
}
