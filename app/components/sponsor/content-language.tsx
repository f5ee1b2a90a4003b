import { ContentLanguageMark } from '~/components/content-language-mark';
import { useLocale } from '~/i18n/use-t';
import { pickContent, type ContentText } from '~/utils/content-language';

/**
 * Sponsor-written text (English is optional for sponsors) in the reader's language, or in the
 * other one with its "Japanese only" mark and its `lang`, so a screen reader reads it right.
 * `mark={false}` leaves the mark to a neighbour (one mark per item is enough).
 */
export function ShownText(props: { shown: ContentText; mark?: boolean }) {
  const locale = useLocale();
  const { shown } = props;
  const other = shown.lang !== locale;
  return (
    <>
      <span lang={other ? shown.lang : undefined}>{shown.text}</span>
      {other && props.mark !== false ? (
        <>
          {' '}
          <ContentLanguageMark lang={shown.lang} />
        </>
      ) : null}
    </>
  );
}

/** The same, picked in the component from both languages. */
export function LocalizedText(props: { ja: string; en: string; mark?: boolean }) {
  const locale = useLocale();
  return <ShownText shown={pickContent(props.ja, props.en, locale)} mark={props.mark} />;
}
