import { FormField, TextAreaField } from '~/components/form-field';
import type { MessageKey } from '~/i18n/messages';
import { useT } from '~/i18n/use-t';
import type { AnyField } from '~/utils/constraint-forms';

type Lang = 'Ja' | 'En';

/**
 * One field asked in Japanese and in English, side by side: the form's `${name}Ja` and
 * `${name}En` Conform fields, which bring their values, errors and limits (from the schema).
 * With `rows` it is a textarea. `required` marks the Japanese field only: English copy is
 * optional (readers of English then see the Japanese, marked).
 */
export function BilingualField(props: {
  fields: [ja: AnyField, en: AnyField];
  labels: [ja: MessageKey, en: MessageKey];
  hints?: [ja: MessageKey, en: MessageKey];
  rows?: number;
  required?: boolean;
}) {
  const t = useT();
  const { fields, labels, hints, rows, required } = props;
  const field = (lang: Lang, index: 0 | 1) => {
    const common = {
      field: fields[index],
      label: t(labels[index]),
      hint: hints ? t(hints[index]) : undefined,
      lang: lang === 'Ja' ? 'ja' : 'en',
      required: required && lang === 'Ja',
    };
    return rows === undefined ? (
      <FormField {...common} />
    ) : (
      <TextAreaField {...common} rows={rows} />
    );
  };
  return (
    <div className="pair">
      {field('Ja', 0)}
      {field('En', 1)}
    </div>
  );
}
