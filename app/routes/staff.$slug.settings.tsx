import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormField, TextAreaField } from '~/components/form-field';
import { EventDate } from '~/components/local-time';
import type { MessageKey } from '~/i18n/messages';
import { useT } from '~/i18n/use-t';
import { eventSettingsSchema, type EventSettings } from '~/modules/events/event-settings-form';
import { getEventSettings, updateEventSettings } from '~/modules/events/event-settings.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

// Every staff role reads the settings (the race office's facts); only owners change them.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const settings = await getEventSettings(event.id);
  if (!settings) throw new Response(null, { status: 404 });
  return json(
    { slug: event.slug, role, settings },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, eventSettingsSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const result = await updateEventSettings({
    eventId: event.id,
    actorUserId: user.id,
    settings: submission.value,
  });
  if (!result.ok) throw new Response(null, { status: 404 });
  return json({
    notice: t(result.changed.length > 0 ? 'staff.settings.saved' : 'staff.settings.unchanged'),
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.settings.title');

type Field = keyof EventSettings;

const LABELS: Record<Field, MessageKey> = {
  nameJa: 'staff.event.nameJa',
  nameEn: 'staff.settings.nameEn',
  eventDate: 'staff.event.eventDate',
  organizerNameJa: 'staff.event.organizerNameJa',
  organizerNameEn: 'staff.settings.organizerNameEn',
  contactEmail: 'staff.event.contactEmail',
  descriptionJa: 'staff.settings.descriptionJa',
  descriptionEn: 'staff.settings.descriptionEn',
};

export default function EventSettingsPage() {
  const { slug, role, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t('staff.settings.title')}</h1>
      {actionData && 'notice' in actionData ? (
        <p className="alert alert--ok" role="status">
          {actionData.notice}
        </p>
      ) : null}
      <section className="card">
        {role === 'owner' ? (
          <>
            <p className="lead">{t('staff.settings.intro')}</p>
            {/* Keyed by the stored values, so a successful save shows them. */}
            <SettingsForm
              key={JSON.stringify(settings)}
              slug={slug}
              settings={settings}
              actionData={actionData}
            />
          </>
        ) : (
          <ReadOnlySettings slug={slug} settings={settings} />
        )}
      </section>
    </>
  );
}

/** The owner's form: the stored values, or after a refused save what was typed. */
function SettingsForm(props: { slug: string; settings: EventSettings; actionData: unknown }) {
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const [form, fields] = useStartlineForm(eventSettingsSchema, props.actionData, {
    defaultValue: props.settings,
  });
  const field = (name: Field) => ({ field: fields[name], label: t(LABELS[name]) });
  return (
    <Form method="post" {...getFormProps(form)}>
      {Object.keys(form.allErrors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {t('form.errorSummary')}
        </p>
      ) : null}
      <div className="pair">
        <FormField {...field('nameJa')} lang="ja" />
        <FormField {...field('nameEn')} lang="en" hint={t('staff.settings.english.hint')} />
      </div>
      <FormField {...field('eventDate')} type="date" />
      <div className="pair">
        <FormField
          {...field('organizerNameJa')}
          lang="ja"
          hint={t('staff.settings.organizerName.hint')}
        />
        <FormField
          {...field('organizerNameEn')}
          lang="en"
          hint={t('staff.settings.english.hint')}
        />
      </div>
      <FormField
        {...field('contactEmail')}
        type="email"
        inputMode="email"
        hint={t('staff.event.contactEmail.hint')}
      />
      <div className="pair">
        <TextAreaField
          {...field('descriptionJa')}
          lang="ja"
          rows={5}
          hint={t('staff.settings.description.hint')}
        />
        <TextAreaField
          {...field('descriptionEn')}
          lang="en"
          rows={5}
          hint={t('staff.settings.english.hint')}
        />
      </div>
      <dl className="facts facts--stack">
        <dt>{t('staff.settings.slug')}</dt>
        <dd>
          <code>/e/{props.slug}</code>
          <p className="muted small">{t('staff.settings.slug.hint')}</p>
        </dd>
      </dl>
      <button type="submit" className="button" disabled={busy}>
        {t('staff.settings.submit')}
      </button>
    </Form>
  );
}

/** What editors and viewers see: the same facts, and who can change them. */
function ReadOnlySettings(props: { slug: string; settings: EventSettings }) {
  const t = useT();
  const { settings } = props;
  const english = (value: string) => value || t('staff.settings.sameAsJapanese');
  return (
    <>
      <p className="lead">{t('staff.settings.readOnly')}</p>
      <dl className="facts facts--stack">
        <dt>{t(LABELS.nameJa)}</dt>
        <dd lang="ja">{settings.nameJa}</dd>
        <dt>{t(LABELS.nameEn)}</dt>
        <dd lang={settings.nameEn ? 'en' : undefined}>{english(settings.nameEn)}</dd>
        <dt>{t(LABELS.eventDate)}</dt>
        <dd>
          <EventDate value={settings.eventDate} />
        </dd>
        <dt>{t(LABELS.organizerNameJa)}</dt>
        <dd lang="ja">{settings.organizerNameJa}</dd>
        <dt>{t(LABELS.organizerNameEn)}</dt>
        <dd lang={settings.organizerNameEn ? 'en' : undefined}>
          {english(settings.organizerNameEn)}
        </dd>
        <dt>{t(LABELS.contactEmail)}</dt>
        <dd>{settings.contactEmail}</dd>
        <dt>{t(LABELS.descriptionJa)}</dt>
        <dd lang="ja" className="prewrap">
          {settings.descriptionJa || t('staff.settings.notSet')}
        </dd>
        <dt>{t(LABELS.descriptionEn)}</dt>
        <dd lang={settings.descriptionEn ? 'en' : undefined} className="prewrap">
          {settings.descriptionJa ? english(settings.descriptionEn) : t('staff.settings.notSet')}
        </dd>
        <dt>{t('staff.settings.slug')}</dt>
        <dd>
          <code>/e/{props.slug}</code>
        </dd>
      </dl>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
