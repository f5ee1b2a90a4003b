import { FormField, TextAreaField } from '~/components/form-field';
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
        <FormField
          name="discountJa"
          label={t('sponsors.offer.discountJa')}
          hint={t('sponsors.offer.discountHint')}
          defaultValue={v.discountJa}
          error={e.discountJa}
          maxLength={60}
          required
        />
        <FormField
          name="discountEn"
          label={t('sponsors.offer.discountEn')}
          hint={t('sponsors.offer.discountHintEn')}
          defaultValue={v.discountEn}
          error={e.discountEn}
          maxLength={60}
          required
        />
      </div>
      <div className="pair">
        <TextAreaField
          name="bodyJa"
          label={t('sponsors.offer.bodyJa')}
          defaultValue={v.bodyJa}
          error={e.bodyJa}
          rows={5}
          maxLength={2000}
        />
        <TextAreaField
          name="bodyEn"
          label={t('sponsors.offer.bodyEn')}
          defaultValue={v.bodyEn}
          error={e.bodyEn}
          rows={5}
          maxLength={2000}
        />
      </div>
      <div className="pair">
        <TextAreaField
          name="termsJa"
          label={t('sponsors.offer.termsJa')}
          defaultValue={v.termsJa}
          error={e.termsJa}
          rows={3}
          maxLength={1000}
        />
        <TextAreaField
          name="termsEn"
          label={t('sponsors.offer.termsEn')}
          defaultValue={v.termsEn}
          error={e.termsEn}
          rows={3}
          maxLength={1000}
        />
      </div>
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
