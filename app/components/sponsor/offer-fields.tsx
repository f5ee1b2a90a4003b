import { BilingualField } from '~/components/bilingual-field';
import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';

export interface OfferFieldValues {
  titleJa?: string;
  titleEn?: string;
  discountJa?: string;
  discountEn?: string;
  bodyJa?: string;
  bodyEn?: string;
  termsJa?: string;
  termsEn?: string;
  validFrom?: string;
  validUntil?: string;
  perMemberLimit?: string | number;
}

/** The offer editor's fields, Japanese and English side by side. */
export function OfferFields(props: {
  values: OfferFieldValues;
  errors?: Record<string, string>;
  hasImage: boolean;
  imageUrl?: string;
}) {
  const t = useT();
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
        name="discount"
        labels={['sponsors.offer.discountJa', 'sponsors.offer.discountEn']}
        hints={['sponsors.offer.discountHint', 'sponsors.offer.discountHintEn']}
        values={v}
        errors={e}
        maxLength={60}
        required
      />
      <BilingualField
        name="body"
        labels={['sponsors.offer.bodyJa', 'sponsors.offer.bodyEn']}
        values={v}
        errors={e}
        rows={5}
        maxLength={2000}
      />
      <BilingualField
        name="terms"
        labels={['sponsors.offer.termsJa', 'sponsors.offer.termsEn']}
        values={v}
        errors={e}
        rows={3}
        maxLength={1000}
      />
      <div className="pair pair--three">
        <FormField
          name="validFrom"
          type="date"
          label={t('sponsors.offer.validFrom')}
          defaultValue={v.validFrom}
          error={e.validFrom}
          required
        />
        <FormField
          name="validUntil"
          type="date"
          label={t('sponsors.offer.validUntil')}
          defaultValue={v.validUntil}
          error={e.validUntil}
          required
        />
        <FormField
          name="perMemberLimit"
          type="number"
          min={1}
          max={10}
          label={t('sponsors.offer.perMemberLimit')}
          defaultValue={v.perMemberLimit === undefined ? '1' : String(v.perMemberLimit)}
          error={e.perMemberLimit}
          required
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
        {e.image ? (
          <p className="field__error" role="alert">
            {e.image}
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
