import { Form, Link, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { useLocale, useT } from '~/i18n/use-t';

export interface DraftValues {
  channelId?: string;
  titleJa?: string;
  bodyJa?: string;
  titleEn?: string;
  bodyEn?: string;
  audienceMode?: string;
  bibFrom?: string;
  bibTo?: string;
  category?: string;
}

interface Props {
  channels: { id: string; nameJa: string; nameEn: string }[];
  values: DraftValues;
  errors?: Record<string, string>;
  cancelTo: string;
}

/** The draft editor (new and edit). The audience mode starts unchosen on a new draft. */
export function AnnouncementDraftForm(props: Props) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [mode, setMode] = useState(props.values.audienceMode ?? '');
  const err = (name: string) => props.errors?.[name];
  const textField = (name: keyof DraftValues, label: string, multiline = false, hint?: string) => (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint ? (
        <p id={`field-${name}-hint`} className="muted">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea
          id={`field-${name}`}
          name={name}
          rows={10}
          defaultValue={props.values[name] ?? ''}
          aria-invalid={err(name) ? true : undefined}
          aria-describedby={
            [hint ? `field-${name}-hint` : '', err(name) ? `field-${name}-error` : '']
              .join(' ')
              .trim() || undefined
          }
        />
      ) : (
        <input
          id={`field-${name}`}
          name={name}
          defaultValue={props.values[name] ?? ''}
          aria-invalid={err(name) ? true : undefined}
          aria-describedby={err(name) ? `field-${name}-error` : undefined}
        />
      )}
      {err(name) ? (
        <p id={`field-${name}-error`} className="field__error" role="alert">
          {err(name)}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form method="post" noValidate className="draft-form">
      <div className="field">
        <label htmlFor="field-channelId">{t('announcements.form.channel')}</label>
        <select
          id="field-channelId"
          name="channelId"
          defaultValue={props.values.channelId ?? props.channels[0]?.id}
        >
          {props.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'ja' ? c.nameJa : c.nameEn}
            </option>
          ))}
        </select>
        {err('channelId') ? <p className="field__error">{err('channelId')}</p> : null}
      </div>

      <p className="muted">{t('announcements.form.languagesHint')}</p>
      <fieldset className="draft-form__lang">
        <legend>{t('announcements.form.ja')}</legend>
        {textField('titleJa', t('announcements.form.titleField'))}
        {textField(
          'bodyJa',
          t('announcements.form.bodyField'),
          true,
          t('announcements.form.bodyHint'),
        )}
      </fieldset>
      <fieldset className="draft-form__lang">
        <legend>{t('announcements.form.en')}</legend>
        {textField('titleEn', t('announcements.form.titleField'))}
        {textField('bodyEn', t('announcements.form.bodyField'), true)}
      </fieldset>

      <fieldset className="draft-form__audience" aria-describedby="audience-hint">
        <legend>{t('announcements.form.audience')}</legend>
        <p id="audience-hint" className="muted">
          {t('announcements.form.audienceHint')}
        </p>
        <label className="choice">
          <input
            type="radio"
            name="audienceMode"
            value="everyone_on_channel"
            checked={mode === 'everyone_on_channel'}
            onChange={() => setMode('everyone_on_channel')}
          />
          {t('announcements.form.audienceEveryone')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="audienceMode"
            value="filter"
            checked={mode === 'filter'}
            onChange={() => setMode('filter')}
          />
          {t('announcements.form.audienceFilter')}
        </label>
        {err('audienceMode') ? (
          <p className="field__error" role="alert">
            {err('audienceMode')}
          </p>
        ) : null}
        <div className="draft-form__filter" hidden={mode !== 'filter'}>
          <div className="draft-form__row">
            {textField('bibFrom', t('announcements.form.bibFrom'))}
            {textField('bibTo', t('announcements.form.bibTo'))}
          </div>
          {textField('category', t('announcements.form.category'))}
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('announcements.form.save')}
        </button>
        <Link to={props.cancelTo} className="button button--quiet">
          {t('announcements.form.cancel')}
        </Link>
      </div>
    </Form>
  );
}
