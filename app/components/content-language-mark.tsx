import type { Locale } from '~/i18n/types';
import { useLocale, useT } from '~/i18n/use-t';

/**
 * A small "Japanese only" label next to content shown in the other language because the
 * organizer wrote none in the reader's (see pickContent). Nothing when the languages agree.
 */
export function ContentLanguageMark({ lang }: { lang: Locale }) {
  const t = useT();
  const locale = useLocale();
  if (lang === locale) return null;
  return (
    <span className="badge badge--lang">
      {t(lang === 'ja' ? 'content.onlyJapanese' : 'content.onlyEnglish')}
    </span>
  );
}
