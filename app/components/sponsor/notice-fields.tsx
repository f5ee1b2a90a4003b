import { BilingualField } from '~/components/bilingual-field';

export interface NoticeFieldValues {
  titleJa?: string;
  titleEn?: string;
  bodyJa?: string;
  bodyEn?: string;
}

/** A sponsor notice's fields, Japanese and English side by side (new and edit pages). */
export function NoticeFields(props: {
  values: NoticeFieldValues;
  errors?: Record<string, string>;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <>
      <BilingualField
        name="title"
        labels={['sponsors.offer.titleJa', 'sponsors.offer.titleEn']}
        values={v}
        errors={e}
        maxLength={80}
        required
      />
      <BilingualField
        name="body"
        labels={['sponsors.notices.bodyJa', 'sponsors.notices.bodyEn']}
        values={v}
        errors={e}
        rows={4}
        maxLength={400}
        required
      />
    </>
  );
}
