import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { FormError, FormField } from '~/components/form-field';
import { editorErrors } from '~/components/sponsor/editor-errors';
import { eventFieldLabel } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { requireUser } from '~/modules/auth/session.server';
import { createEvent, eventCreationAllowed } from '~/modules/events/create-event.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
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
  const submission = await parseSubmission(request, eventSchema, getTranslator(request));
  if (submission.status !== 'success') return refuseSubmission(submission);
  if (!(await eventCreationAllowed(user.id))) {
    return refuseSubmission(submission, { formError: 'staff.event.rateLimited' }, 429);
  }
  const { value } = submission;
  const result = await createEvent(user.id, {
    ...value,
    nameEn: englishOrJapanese(value.nameEn, value.nameJa),
    organizerNameEn: englishOrJapanese(value.organizerNameEn, value.organizerNameJa),
  });
  if (!result.ok) {
    return refuseSubmission(submission, { fieldErrors: { slug: 'staff.event.slug.taken' } });
  }
  return redirect(`/staff/${result.slug}`);
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.event.new.title');

export default function NewEvent() {
  const t = useT();
  const [form, fields] = useStartlineForm(eventSchema, useActionData<typeof action>());
  const field = (name: keyof typeof fields & keyof z.input<typeof eventSchema>) => ({
    field: fields[name],
    label: t(eventFieldLabel(name)),
  });
  return (
    <section className="card narrow">
      <h1>{t('staff.event.new.title')}</h1>
      <p className="lead">{t('staff.event.new.intro')}</p>
      <FormError errors={editorErrors(form)} />
      <Form method="post" {...getFormProps(form)}>
        <FormField {...field('nameJa')} lang="ja" />
        <FormField
          {...field('nameEn')}
          label={t('staff.settings.nameEn')}
          hint={t('staff.settings.english.hint')}
          lang="en"
        />
        <FormField {...field('eventDate')} type="date" />
        <FormField
          {...field('slug')}
          hint={t('staff.event.slug.hint')}
          autoCapitalize="off"
          spellCheck={false}
        />
        <FormField
          {...field('organizerNameJa')}
          hint={t('staff.event.organizerName.hint')}
          lang="ja"
        />
        <FormField
          {...field('organizerNameEn')}
          label={t('staff.settings.organizerNameEn')}
          hint={t('staff.settings.english.hint')}
          lang="en"
        />
        <FormField
          {...field('contactEmail')}
          type="email"
          inputMode="email"
          hint={t('staff.event.contactEmail.hint')}
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
