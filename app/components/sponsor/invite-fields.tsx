import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';
import type { AnyField } from '~/utils/constraint-forms';

/**
 * A sponsor staff member's address and the language of their invitation email: the Conform
 * fields of a form whose schema has `email` and `locale`.
 */
export function SponsorInviteFields(props: { email: AnyField; locale: AnyField }) {
  const t = useT();
  // Stacked, not side by side: the address has a hint under its label, which would push its
  // box below the language menu's.
  return (
    <>
      <FormField
        field={props.email}
        type="email"
        label={t('sponsors.invite.email')}
        hint={t('sponsors.invite.emailHint')}
      />
      <div className="field">
        <label htmlFor="field-locale">{t('sponsors.invite.language')}</label>
        <select
          key={props.locale.key}
          id="field-locale"
          name={props.locale.name}
          defaultValue={props.locale.defaultValue ?? 'ja'}
        >
          <option value="ja">{t('lang.ja')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </div>
    </>
  );
}
