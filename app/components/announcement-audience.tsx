import type { AudienceFilter } from '~db/schema';
import { useLocale, useT } from '~/i18n/use-t';
import { audienceCriteria } from '~/modules/announcements/audience-filter';

/** The audience as staff chose it, in words: "everyone on the channel" is always explicit. */
export function AudienceLine(props: {
  mode: 'everyone_on_channel' | 'filter';
  filter: AudienceFilter;
  channel: string;
}) {
  const t = useT();
  const locale = useLocale();
  if (props.mode === 'everyone_on_channel') {
    return <strong>{t('announcements.overview.everyone', { channel: props.channel })}</strong>;
  }
  // Old drafts and snapshots stored one `category`; audienceCriteria reads both shapes.
  const { bibFrom, bibTo, categories } = audienceCriteria(props.filter);
  const parts: string[] = [];
  if (bibFrom != null || bibTo != null) {
    // Bibs are names, not quantities: passed as text so they are never grouped (10001, not 10,001).
    const bib = (n: number | null) => (n === null ? '' : String(n));
    parts.push(t('announcements.overview.bibRange', { from: bib(bibFrom), to: bib(bibTo) }));
  }
  if (categories.length > 0) {
    // 「フル」または「ハーフ」 / “full” or “half”: several categories are alternatives.
    const names = new Intl.ListFormat(locale, { type: 'disjunction' }).format(
      categories.map((name) => t('announcements.overview.categoryName', { name })),
    );
    parts.push(t('announcements.overview.category', { categories: names }));
  }
  return <strong>{t('announcements.overview.filter', { criteria: parts.join(' / ') })}</strong>;
}
