import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { useLocale, useT } from '~/i18n/use-t';
import { createChannel, listChannelsWithCounts } from '~/modules/announcements/channels.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import {
  displayName,
  englishOrJapanese,
  normalizeText,
  optionalDisplayName,
} from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

const channelSchema = z.object({
  slug: z
    .string({ error: 'form.required' })
    .transform((v) => normalizeText(v).toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'channels.form.slugInvalid')),
  nameJa: displayName(60),
  // Optional: left empty, English readers see the Japanese name.
  nameEn: optionalDisplayName(60),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const channels = await listChannelsWithCounts(event.id);
  return json({ event, role, channels }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, channelSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const { value } = submission;
  const result = await createChannel(staff, {
    ...value,
    nameEn: englishOrJapanese(value.nameEn, value.nameJa),
  });
  if (!result.ok) {
    return refuseSubmission(
      submission,
      { fieldErrors: { slug: 'channels.form.slugTaken' } },
      result.reason === 'forbidden' ? 403 : 409,
    );
  }
  // The form empties for the next channel.
  return json({ ok: t('channels.created'), submission: submission.reply({ resetForm: true }) });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'channels.title');

export default function Channels() {
  const { role, channels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useStartlineForm(channelSchema, actionData);
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="card">
        <h1>{t('channels.title')}</h1>
        <p className="lead">{t('channels.intro')}</p>
        <table className="data">
          <thead>
            <tr>
              <th>{t('channels.col.name')}</th>
              <th>{t('channels.col.default')}</th>
              <th>{t('channels.col.published')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id}>
                <td>
                  {locale === 'ja' ? c.nameJa : c.nameEn} <span className="muted">({c.slug})</span>
                </td>
                <td>{c.isDefault ? t('channels.default.yes') : t('channels.default.no')}</td>
                <td>{c.published}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {role === 'owner' ? (
        <section className="card">
          <h2>{t('channels.new')}</h2>
          <p className="muted">{t('channels.newHint')}</p>
          {actionData && 'ok' in actionData ? (
            <p className="alert alert--ok">{actionData.ok}</p>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <FormField field={fields.nameJa} label={t('channels.form.nameJa')} />
            <FormField
              field={fields.nameEn}
              label={t('channels.form.nameEn')}
              hint={t('staff.settings.english.hint')}
              lang="en"
            />
            <FormField field={fields.slug} label={t('channels.form.slug')} />
            <button type="submit" className="button">
              {t('channels.form.submit')}
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted">{t('channels.ownersOnly')}</p>
      )}
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
