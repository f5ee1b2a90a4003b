import { useT } from '~/i18n/use-t';

/** The audience as staff chose it, in words: "everyone on the channel" is always explicit. */
export function AudienceLine(props: {
  mode: 'everyone_on_channel' | 'filter';
  filter: { bibFrom?: number | null; bibTo?: number | null; category?: string | null };
  channel: string;
}) {
  const t = useT();
  if (props.mode === 'everyone_on_channel') {
    return <strong>{t('announcements.overview.everyone', { channel: props.channel })}</strong>;
  }
  const parts: string[] = [];
  if (props.filter.bibFrom != null || props.filter.bibTo != null) {
    parts.push(
      t('announcements.overview.bibRange', {
        from: props.filter.bibFrom ?? '',
        to: props.filter.bibTo ?? '',
      }),
    );
  }
  if (props.filter.category)
    parts.push(t('announcements.overview.category', { category: props.filter.category }));
  return <strong>{t('announcements.overview.filter', { criteria: parts.join(' / ') })}</strong>;
}
