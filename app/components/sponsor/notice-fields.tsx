import { BilingualField } from '~/components/bilingual-field';
import type { AnyField } from '~/utils/constraint-forms';

/** The Conform fields of a sponsor notice's form (noticeFormSchema). */
export type NoticeFieldSet = Record<'titleJa' | 'titleEn' | 'bodyJa' | 'bodyEn', AnyField>;

/** A sponsor notice's fields, Japanese and English side by side (new and edit pages). */
export function NoticeFields({ fields }: { fields: NoticeFieldSet }) {
  return (
    <>
      <BilingualField
        fields={[fields.titleJa, fields.titleEn]}
        labels={['sponsors.offer.titleJa', 'sponsors.offer.titleEn']}
        required
      />
      <BilingualField
        fields={[fields.bodyJa, fields.bodyEn]}
        labels={['sponsors.notices.bodyJa', 'sponsors.notices.bodyEn']}
        rows={4}
        required
      />
    </>
  );
}
