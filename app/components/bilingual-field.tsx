import { FormField, TextAreaField } from '~/components/form-field';
import type { MessageKey } from '~/i18n/messages';
import { useT } from '~/i18n/use-t';

type Lang = 'Ja' | 'En';

/**
 * One field asked in Japanese and in English, side by side: `${name}Ja` and `${name}En`.
 * With `rows` it is a textarea. `required` marks the Japanese field only: English copy is
 * optional (readers of English then see the Japanese, marked).
 */
export function BilingualField<N extends string>(props: {
  name: N;
  labels: [ja: MessageKey, en: MessageKey];
  hints?: [ja: MessageKey, en: MessageKey];
  values: Partial<Record<`${N}${Lang}`, string>>;
  errors: Record<string, string | undefined>;
  maxLength: number;
  rows?: number;
  required?: boolean;
}) {
  const t = useT();
  const { name, labels, hints, values, errors, maxLength, rows, required } = props;
  const field = (lang: Lang, index: 0 | 1) => {
    const fieldName = `${name}${lang}` as const;
    const common = {
      name: fieldName,
      label: t(labels[index]),
      hint: hints ? t(hints[index]) : undefined,
      defaultValue: values[fieldName],
      error: errors[fieldName],
      maxLength,
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
