import { BilingualField } from '~/components/bilingual-field';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import type { AnyField } from '~/utils/constraint-forms';

/** The Conform fields of the offer editor's form (offerFormSchema); the image is a file part. */
export type OfferFieldSet = Record<
  | 'titleJa'
  | 'titleEn'
  | 'discountJa'
  | 'discountEn'
  | 'bodyJa'
  | 'bodyEn'
  | 'termsJa'
  | 'termsEn'
  | 'validFrom'
  | 'validUntil'
  | 'perMemberLimit',
  AnyField
>;

/** The offer editor's fields, Japanese and English side by side; limits come from the schema. */
export function OfferFields(props: {
  fields: OfferFieldSet;
  /** The server's verdict on the uploaded file (the browser does not read it). */
  imageError?: string;
  hasImage: boolean;
  imageUrl?: string;
}) {
  const t = useT();
  const { fields } = props;
  return (
    <>
      <BilingualField
        fields={[fields.titleJa, fields.titleEn]}
        labels={['sponsors.offer.titleJa', 'sponsors.offer.titleEn']}
        required
      />
      <BilingualField
        fields={[fields.discountJa, fields.discountEn]}
        labels={['sponsors.offer.discountJa', 'sponsors.offer.discountEn']}
        hints={['sponsors.offer.discountHint', 'sponsors.offer.discountHintEn']}
        required
      />
      <BilingualField
        fields={[fields.bodyJa, fields.bodyEn]}
        labels={['sponsors.offer.bodyJa', 'sponsors.offer.bodyEn']}
        rows={5}
      />
      <BilingualField
        fields={[fields.termsJa, fields.termsEn]}
        labels={['sponsors.offer.termsJa', 'sponsors.offer.termsEn']}
        rows={3}
      />
      <div className="pair pair--three">
        <FormField field={fields.validFrom} type="date" label={t('sponsors.offer.validFrom')} />
        <FormField field={fields.validUntil} type="date" label={t('sponsors.offer.validUntil')} />
        <FormField
          field={fields.perMemberLimit}
          type="number"
          label={t('sponsors.offer.perMemberLimit')}
        />
      </div>
      <div className="field">
        <label htmlFor="field-image">{t('sponsors.offer.image')}</label>
        <p id="field-image-hint" className="muted">
          {t('sponsors.offer.imageHint')}
        </p>
        {props.hasImage && props.imageUrl ? (
          <img
            src={props.imageUrl}
            alt={t('sponsors.offer.currentImage')}
            className="offer-image offer-image--thumb"
          />
        ) : null}
        <input
          id="field-image"
          name="image"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby="field-image-hint"
        />
        {props.imageError ? (
          <p className="field__error" role="alert">
            {props.imageError}
          </p>
        ) : null}
        {props.hasImage ? (
          <label className="checkbox">
            <input type="checkbox" name="removeImage" value="1" /> {t('sponsors.offer.removeImage')}
          </label>
        ) : null}
      </div>
    </>
  );
}
