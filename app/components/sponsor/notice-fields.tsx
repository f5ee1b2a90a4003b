import { FormField, TextAreaField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';

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
  const t = useT();
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <>
      <div className="pair">
        <FormField
          name="titleJa"
          label={t('sponsors.offer.titleJa')}
          defaultValue={v.titleJa}
          error={e.titleJa}
          maxLength={80}
          required
        />
        <FormField
          name="titleEn"
          label={t('sponsors.offer.titleEn')}
          defaultValue={v.titleEn}
          error={e.titleEn}
          maxLength={80}
          required
        />
      </div>
      <div className="pair">
        <TextAreaField
          name="bodyJa"
          label={t('sponsors.notices.bodyJa')}
          defaultValue={v.bodyJa}
          error={e.bodyJa}
          rows={4}
          maxLength={400}
          required
        />
        <TextAreaField
          name="bodyEn"
          label={t('sponsors.notices.bodyEn')}
          defaultValue={v.bodyEn}
          error={e.bodyEn}
          rows={4}
          maxLength={400}
          required
        />
      </div>
    </>
  );
}
