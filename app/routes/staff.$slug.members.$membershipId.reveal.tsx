import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormError, TextAreaField } from '~/components/form-field';
import { useLocale, useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { memberAlias } from '~/modules/membership/member-alias';
import {
  findMemberOfEvent,
  mayRevealNow,
  revealMemberEmail,
} from '~/modules/membership/member-directory.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { normalizeText } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

// A reveal is for one member, by an owner, with a reason written into the audit log.
// The browser checks it with this same schema (so the limit lives here, not in a server module).
const revealSchema = z.object({
  reason: z
    .string({ error: 'staff.reveal.reason.required' })
    .transform(normalizeText)
    .pipe(z.string().min(1, 'staff.reveal.reason.required').max(500, 'form.tooLong')),
});

const noStore = { 'Cache-Control': 'private, no-store' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event } = await requireStaff(request, params.slug, 'owner', context);
  const member = await findMemberOfEvent(event.id, params.membershipId ?? '');
  if (!member) throw new Response(null, { status: 404 });
  return json({ slug: event.slug, member }, { headers: noStore });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, revealSchema, t);
  if (submission.status !== 'success') {
    return refuseSubmission(submission, {}, { status: 400, headers: noStore });
  }
  if (!(await mayRevealNow(event.id, user.id))) {
    return refuseSubmission(
      submission,
      { formError: 'staff.reveal.rateLimited' },
      { status: 429, headers: noStore },
    );
  }
  const revealed = await revealMemberEmail({
    eventId: event.id,
    actorUserId: user.id,
    membershipId: params.membershipId ?? '',
    reason: submission.value.reason,
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
  const actionData = useActionData<typeof action>();
  const [form, fields] = useStartlineForm(revealSchema, actionData);
  const revealedEmail =
    actionData && 'revealedEmail' in actionData ? actionData.revealedEmail : null;
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
          {revealedEmail ? (
            <strong className="revealed-email">{revealedEmail}</strong>
          ) : (
            <code>{member.maskedEmail}</code>
          )}
        </dd>
      </dl>
      <FormError errors={form.errors} />
      {revealedEmail ? (
        <p className="alert alert--ok" role="status">
          {t('staff.reveal.done')}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <p className="lead">{t('staff.reveal.intro')}</p>
          <TextAreaField
            field={fields.reason}
            label={t('staff.reveal.reason')}
            hint={t('staff.reveal.reason.hint')}
            rows={3}
          />
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
