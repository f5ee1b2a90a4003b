import { FormField } from '~/components/form-field';
import { useT } from '~/i18n/use-t';

/** A sponsor staff member's address and the language of their invitation email. */
export function SponsorInviteFields(props: {
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const t = useT();
  // Stacked, not side by side: the address has a hint under its label, which would push its
  // box below the language menu's.
  return (
    <>
      <FormField
        name="email"
        type="email"
        label={t('sponsors.invite.email')}
        hint={t('sponsors.invite.emailHint')}
        defaultValue={props.values?.email}
        error={props.errors?.email}
        required
      />
      <div className="field">
        <label htmlFor="field-locale">{t('sponsors.invite.language')}</label>
        <select id="field-locale" name="locale" defaultValue={props.values?.locale ?? 'ja'}>
          <option value="ja">{t('lang.ja')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </div>
    </>
  );
}
