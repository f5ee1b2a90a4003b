import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { useLocale, useT } from '~/i18n/use-t';
import { createChannel, listChannelsWithCounts } from '~/modules/announcements/channels.server';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer');
  const channels = await listChannelsWithCounts(event.id);
  return json({ event, role, channels }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, params.slug, 'owner');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), channelSchema, t);
  if (!form.ok) return formErrorResponse(form);
  const result = await createChannel(staff, {
    ...form.data,
    nameEn: englishOrJapanese(form.data.nameEn, form.data.nameJa),
  });
  if (!result.ok) {
    return json(
      { fieldErrors: { slug: t('channels.form.slugTaken') }, values: form.data },
      { status: result.reason === 'forbidden' ? 403 : 409 },
    );
  }
  return json({ ok: t('channels.created') });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'channels.title');

export default function Channels() {
  const { role, channels } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    ok?: string;
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
  }>();
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
          {actionData?.ok ? <p className="alert alert--ok">{actionData.ok}</p> : null}
          <Form method="post" noValidate>
            <FormField
              name="nameJa"
              label={t('channels.form.nameJa')}
              defaultValue={actionData?.values?.nameJa ?? ''}
              error={actionData?.fieldErrors?.nameJa}
            />
            <FormField
              name="nameEn"
              label={t('channels.form.nameEn')}
              hint={t('staff.settings.english.hint')}
              lang="en"
              defaultValue={actionData?.values?.nameEn ?? ''}
              error={actionData?.fieldErrors?.nameEn}
            />
            <FormField
              name="slug"
              label={t('channels.form.slug')}
              defaultValue={actionData?.values?.slug ?? ''}
              error={actionData?.fieldErrors?.slug}
            />
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
