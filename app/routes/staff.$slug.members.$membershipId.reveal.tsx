import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { memberAlias } from '~/modules/membership/member-alias';
import {
  findMemberOfEvent,
  mayRevealNow,
  revealMemberEmail,
} from '~/modules/membership/member-directory.server';
import { MAX_REVEAL_REASON_LENGTH } from '~/modules/membership/member-directory-limits';
import { formErrorResponse, parseForm, readFormData } from '~/utils/form.server';
import { normalizeText } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

// A reveal is for one member, by an owner, with a reason written into the audit log.
const revealSchema = z.object({
  reason: z
    .string({ error: 'staff.reveal.reason.required' })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, 'staff.reveal.reason.required')
        .max(MAX_REVEAL_REASON_LENGTH, 'form.tooLong'),
    ),
});

const noStore = { 'Cache-Control': 'private, no-store' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner');
  const member = await findMemberOfEvent(event.id, params.membershipId ?? '');
  if (!member) throw new Response(null, { status: 404 });
  return json({ slug: event.slug, member }, { headers: noStore });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'owner');
  const t = getTranslator(request);
  const form = parseForm(await readFormData(request, t), revealSchema, t);
  if (!form.ok) return formErrorResponse(form);
  if (!(await mayRevealNow(event.id, user.id))) {
    return json(
      { fieldErrors: {}, values: form.data, formError: t('staff.reveal.rateLimited') },
      { status: 429, headers: noStore },
    );
  }
  const revealed = await revealMemberEmail({
    eventId: event.id,
    actorUserId: user.id,
    membershipId: params.membershipId ?? '',
    reason: form.data.reason,
  });
  if (!revealed) throw new Response(null, { status: 404 });
  return json({ revealedEmail: revealed.email }, { headers: noStore });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(
    args,
    args.data
      ? (locale, t) =>
          t('staff.reveal.title', {
            alias: memberAlias(args.data!.member.aliasNumber, locale),
          })
      : 'staff.members.title',
    { robots: 'noindex' },
  );

export default function RevealEmail() {
  const { slug, member } = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    revealedEmail?: string;
    formError?: string;
    fieldErrors?: Record<string, string>;
    values?: Record<string, string>;
  }>();
  const t = useT();
  const locale = useLocale();
  const alias = memberAlias(member.aliasNumber, locale);
  return (
    <section className="card narrow">
      <h1>{t('staff.reveal.title', { alias })}</h1>
      <dl className="facts">
        <dt>{t('staff.members.bib')}</dt>
        <dd>{member.bib ?? '—'}</dd>
        <dt>{t('staff.members.name')}</dt>
        <dd>{member.name || '—'}</dd>
        <dt>{t('staff.members.email')}</dt>
        <dd>
          {actionData?.revealedEmail ? (
            <strong className="revealed-email">{actionData.revealedEmail}</strong>
          ) : (
            <code>{member.maskedEmail}</code>
          )}
        </dd>
      </dl>
      {actionData?.formError ? (
        <p className="alert alert--error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {actionData?.revealedEmail ? (
        <p className="alert alert--ok" role="status">
          {t('staff.reveal.done')}
        </p>
      ) : (
        <Form method="post" noValidate>
          <p className="lead">{t('staff.reveal.intro')}</p>
          <div className="field">
            <label htmlFor="reveal-reason">{t('staff.reveal.reason')}</label>
            <p id="reveal-reason-hint" className="muted">
              {t('staff.reveal.reason.hint')}
            </p>
            <textarea
              id="reveal-reason"
              name="reason"
              rows={3}
              required
              maxLength={MAX_REVEAL_REASON_LENGTH}
              defaultValue={actionData?.values?.reason ?? ''}
              aria-invalid={actionData?.fieldErrors?.reason ? true : undefined}
              aria-describedby={
                actionData?.fieldErrors?.reason
                  ? 'reveal-reason-hint reveal-reason-error'
                  : 'reveal-reason-hint'
              }
            />
            {actionData?.fieldErrors?.reason ? (
              <p id="reveal-reason-error" className="field__error" role="alert">
                {actionData.fieldErrors.reason}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t('staff.reveal.submit')}
          </button>
        </Form>
      )}
      <p>
        <Link to={`/staff/${slug}/members`}>{t('staff.reveal.back')}</Link>
      </p>
    </section>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
