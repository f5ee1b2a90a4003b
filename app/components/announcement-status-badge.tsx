import { useT } from '~/i18n/use-t';

export function AnnouncementStatusBadge(props: {
  status: 'draft' | 'scheduled' | 'sending' | 'sent';
  approved: boolean;
}) {
  const t = useT();
  if (props.status === 'sent')
    return <span className="badge badge--approved">{t('announcements.status.sent')}</span>;
  if (props.status === 'scheduled')
    return <span className="badge badge--pending">{t('announcements.status.scheduled')}</span>;
  if (props.status === 'sending')
    return <span className="badge">{t('announcements.status.sending')}</span>;
  return props.approved ? (
    <span className="badge">{t('announcements.status.draft')}</span>
  ) : (
    <span className="badge badge--pending">{t('announcements.status.awaitingApproval')}</span>
  );
}
