import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { eventFieldLabel } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { requireUser } from '~/modules/auth/session.server';
import { createEvent, eventCreationAllowed } from '~/modules/events/create-event.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import {
  displayName,
  emailField,
  englishOrJapanese,
  normalizeText,
  optionalDisplayName,
} from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

// English is optional, as on the settings page: a local race office may have no English copy;
// left empty, the Japanese is stored for English readers too.
const eventSchema = z.object({
  nameJa: displayName(120),
  nameEn: optionalDisplayName(120),
  eventDate: z
    .string({ error: 'form.required' })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, 'form.required')
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'staff.event.date.invalid')
        .refine((value) => {
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        }, 'staff.event.date.invalid'),
    ),
  slug: z
    .string({ error: 'form.required' })
    .transform((value) => normalizeText(value).toLowerCase())
    .pipe(
      z
        .string()
        .min(1, 'form.required')
        .regex(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, 'staff.event.slug.invalid'),
    ),
  organizerNameJa: displayName(120),
  organizerNameEn: optionalDisplayName(120),
  contactEmail: emailField,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), eventSchema, t);
  if (!form.ok) return formErrorResponse(form);
  if (!(await eventCreationAllowed(user.id))) {
    return json(
      { fieldErrors: {}, formError: t('staff.event.rateLimited'), values: { ...form.data } },
      { status: 429 },
    );
  }
  const result = await createEvent(user.id, {
    ...form.data,
    nameEn: englishOrJapanese(form.data.nameEn, form.data.nameJa),
    organizerNameEn: englishOrJapanese(form.data.organizerNameEn, form.data.organizerNameJa),
  });
  if (!result.ok) {
    return json(
      { fieldErrors: { slug: t('staff.event.slug.taken') }, values: { ...form.data } },
      { status: 400 },
    );
  }
  return redirect(`/staff/${result.slug}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.event.new.title');

export default function NewEvent() {
  const t = useT();
  const actionData = useActionData<{
    fieldErrors?: Record<string, string>;
    formError?: string;
    values?: Record<string, string>;
  }>();
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  const field = (name: keyof z.input<typeof eventSchema>, extra: Record<string, unknown> = {}) => ({
    name,
    label: t(eventFieldLabel(name)),
    defaultValue: values[name] ?? '',
    error: errors[name],
    required: true,
    ...extra,
  });
  return (
    <section className="card narrow">
      <h1>{t('staff.event.new.title')}</h1>
      <p className="lead">{t('staff.event.new.intro')}</p>
      {actionData?.formError || Object.keys(errors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {actionData?.formError ?? t('form.errorSummary')}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <FormField {...field('nameJa', { lang: 'ja' })} />
        <FormField
          {...field('nameEn', {
            label: t('staff.settings.nameEn'),
            hint: t('staff.settings.english.hint'),
            lang: 'en',
            required: false,
          })}
        />
        <FormField {...field('eventDate', { type: 'date' })} />
        <FormField
          {...field('slug', {
            hint: t('staff.event.slug.hint'),
            autoCapitalize: 'off',
            spellCheck: false,
          })}
        />
        <FormField
          {...field('organizerNameJa', { hint: t('staff.event.organizerName.hint'), lang: 'ja' })}
        />
        <FormField
          {...field('organizerNameEn', {
            label: t('staff.settings.organizerNameEn'),
            hint: t('staff.settings.english.hint'),
            lang: 'en',
            required: false,
          })}
        />
        <FormField
          {...field('contactEmail', {
            type: 'email',
            inputMode: 'email',
            hint: t('staff.event.contactEmail.hint'),
          })}
        />
        <button type="submit" className="button button--block">
          {t('staff.event.new.submit')}
        </button>
      </Form>
      <p>
        <Link to="/">{t('staff.common.cancel')}</Link>
      </p>
    </section>
  );
}
