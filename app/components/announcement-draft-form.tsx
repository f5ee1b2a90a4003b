import { Form, Link, useFetcher, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormError, FormField, TextAreaField } from '~/components/form-field';
import { useLocale, useT } from '~/i18n/use-t';
import { draftSchema } from '~/modules/announcements/draft-form';
import { errorText, getFormProps, useStartlineForm } from '~/utils/forms';

/** What the form opens with when editing: the draft as stored, as form strings. */
export interface DraftValues {
  channelId?: string;
  titleJa?: string;
  bodyJa?: string;
  titleEn?: string;
  bodyEn?: string;
  audienceMode?: string;
  bibFrom?: string;
  bibTo?: string;
  category?: string[];
}

interface Props {
  channels: { id: string; nameJa: string; nameEn: string }[];
  /** The event's categories, sorted: the only ones the audience can be narrowed to. */
  categories: string[];
  slug: string;
  /** The draft as stored (edit); a new draft opens empty. */
  defaultValue?: DraftValues;
  /** `useActionData<typeof action>()`: a refusal brings back the values and errors. */
  actionData: unknown;
  cancelTo: string;
}

/** How long the filter must stay still before the live count is asked for. */
const COUNT_DEBOUNCE_MS = 300;

/** The audience part of the form as the count endpoint's query string ('' when unchosen). */
function audienceQuery(form: HTMLFormElement) {
  const data = new FormData(form);
  const mode = data.get('audienceMode');
  if (mode !== 'everyone_on_channel' && mode !== 'filter') return '';
  const query = new URLSearchParams({ audienceMode: mode });
  if (mode === 'filter') {
    query.set('bibFrom', String(data.get('bibFrom') ?? ''));
    query.set('bibTo', String(data.get('bibTo') ?? ''));
    for (const name of data.getAll('category')) query.append('category', String(name));
  }
  return query.toString();
}

/**
 * The live recipient count: the server counts the audience as the filter changes (debounced),
 * with the same SQL the preview freezes. Only a guide; without JavaScript it is simply absent.
 */
function useLiveCount(countUrl: string) {
  const fetcher = useFetcher<{ count?: number; message?: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lastQuery = useRef<string | null>(null);
  const [query, setQuery] = useState('');
  // True from a change until its count is asked for, so an older answer is not shown as new.
  const [waiting, setWaiting] = useState(false);
  const { load } = fetcher;
  const schedule = (form: HTMLFormElement) => {
    const next = audienceQuery(form);
    // Typing in the title or body leaves the audience as it was: nothing to ask.
    if (next === lastQuery.current) return;
    lastQuery.current = next;
    setQuery(next);
    setWaiting(Boolean(next));
    clearTimeout(timer.current);
    if (!next) return;
    timer.current = setTimeout(() => {
      setWaiting(false);
      load(`${countUrl}?${next}`);
    }, COUNT_DEBOUNCE_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return { schedule, query, waiting, fetcher };
}

/**
 * The draft editor (new and edit). The audience mode starts unchosen on a new draft. The same
 * draftSchema checks it in the browser (no round trip) and in the action.
 */
export function AnnouncementDraftForm(props: Props) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useStartlineForm(draftSchema, props.actionData, {
    defaultValue: props.defaultValue,
  });
  const [mode, setMode] = useState(fields.audienceMode.initialValue ?? '');
  // Before hydration the radio buttons cannot reveal anything, so the filter stays visible
  // and the form works without JavaScript.
  const [hydrated, setHydrated] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const live = useLiveCount(`/staff/${props.slug}/audience-count.json`);
  const { schedule } = live;
  useEffect(() => {
    setHydrated(true);
    if (formRef.current) schedule(formRef.current);
    // Once, for the values the form opened with; later changes come through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `schedule` is new each render
  }, []);
  // One ticked box comes back from a refusal as a string, several as a list.
  const ticked = fields.category.initialValue;
  const chosen = new Set(
    (Array.isArray(ticked) ? ticked : ticked ? [ticked] : []).filter(
      (name): name is string => typeof name === 'string',
    ),
  );
  // A draft may still name a category the event no longer lists (written before categories
  // were data): shown ticked and marked, so saving it is refused rather than it silently
  // vanishing from the audience.
  const unlisted = [...chosen].filter((name) => !props.categories.includes(name));
  const channelError = errorText(t, fields.channelId.errors);
  const audienceError = errorText(t, fields.audienceMode.errors);
  // An over-long name is reported on its own item (category[3]): shown with the list.
  const categoryError = errorText(t, Object.values(fields.category.allErrors).flat());
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="draft-form"
      ref={formRef}
      onChange={(e: FormEvent<HTMLFormElement>) => schedule(e.currentTarget)}
    >
      <FormError errors={form.errors} />
      <div className="field">
        <label htmlFor="field-channelId">{t('announcements.form.channel')}</label>
        <select
          id="field-channelId"
          name={fields.channelId.name}
          defaultValue={fields.channelId.initialValue ?? props.channels[0]?.id}
          aria-invalid={channelError ? true : undefined}
          aria-describedby={channelError ? 'field-channelId-error' : undefined}
        >
          {props.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'ja' ? c.nameJa : c.nameEn}
            </option>
          ))}
        </select>
        {channelError ? (
          <p id="field-channelId-error" className="field__error" role="alert">
            {channelError}
          </p>
        ) : null}
      </div>

      <p className="muted">{t('announcements.form.languagesHint')}</p>
      <fieldset className="draft-form__lang">
        <legend>{t('announcements.form.ja')}</legend>
        <FormField field={fields.titleJa} label={t('announcements.form.titleField')} />
        <TextAreaField
          field={fields.bodyJa}
          label={t('announcements.form.bodyField')}
          hint={t('announcements.form.bodyHint')}
          rows={10}
        />
      </fieldset>
      <fieldset className="draft-form__lang">
        <legend>{t('announcements.form.en')}</legend>
        <FormField field={fields.titleEn} label={t('announcements.form.titleField')} />
        <TextAreaField field={fields.bodyEn} label={t('announcements.form.bodyField')} rows={10} />
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
        {audienceError ? (
          <p id="field-audienceMode-error" className="field__error" role="alert">
            {audienceError}
          </p>
        ) : null}
        <div className="draft-form__filter" hidden={hydrated && mode !== 'filter'}>
          <div className="draft-form__row">
            <FormField
              field={fields.bibFrom}
              label={t('announcements.form.bibFrom')}
              inputMode="numeric"
            />
            <FormField
              field={fields.bibTo}
              label={t('announcements.form.bibTo')}
              inputMode="numeric"
            />
          </div>
          {props.categories.length + unlisted.length > 0 ? (
            <fieldset
              className="draft-form__categories"
              aria-describedby={categoryError ? 'field-category-error' : undefined}
            >
              <legend>{t('announcements.form.category')}</legend>
              <div className="draft-form__row draft-form__category-list">
                {[...props.categories, ...unlisted].map((name) => (
                  <label className="choice" key={name}>
                    <input
                      type="checkbox"
                      name="category"
                      value={name}
                      defaultChecked={chosen.has(name)}
                    />
                    {name}
                    {unlisted.includes(name) ? (
                      <span className="muted">{t('announcements.form.categoryNotListed')}</span>
                    ) : null}
                  </label>
                ))}
              </div>
              {categoryError ? (
                <p id="field-category-error" className="field__error" role="alert">
                  {categoryError}
                </p>
              ) : null}
            </fieldset>
          ) : (
            <p className="muted" id="categories-none">
              {t('announcements.form.categoriesNone')}{' '}
              <Link to={`/staff/${props.slug}/import`}>{t('announcements.form.importLink')}</Link>
            </p>
          )}
        </div>
        <LiveCount {...live} />
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

function LiveCount(props: ReturnType<typeof useLiveCount>) {
  const t = useT();
  const locale = useLocale();
  const { fetcher, query, waiting } = props;
  if (!query) return null;
  const answered = !waiting && fetcher.state === 'idle' && fetcher.data;
  let line: string;
  if (!answered) line = t('announcements.form.liveCountPending');
  else if (typeof fetcher.data?.count === 'number') {
    const count = fetcher.data.count;
    line = t(count === 1 ? 'announcements.form.liveCountOne' : 'announcements.form.liveCount', {
      count: new Intl.NumberFormat(locale).format(count),
    });
  } else line = fetcher.data?.message ?? t('announcements.form.liveCountFailed');
  return (
    <div className="draft-form__count">
      <p aria-live="polite" data-testid="audience-count">
        <strong>{line}</strong>
      </p>
      <p className="muted">{t('announcements.form.liveCountNote')}</p>
    </div>
  );
}
