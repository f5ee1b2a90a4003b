import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { LocalTime } from '~/components/local-time';
import { env } from '~/env.server';
import {
  inviteeMailKind,
  inviteeMailStatus,
  inviteeRefusal,
  inviteeStatus,
} from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import type { MessageKey } from '~/i18n/messages';
import { requireStaff, roleAtLeast } from '~/modules/events/staff-access.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { correctAddressSchema } from '~/modules/invitations/correct-address-form';
import {
  correctInvitationAddress,
  resendInvitation,
  revokeInvitation,
  type InviteeActionRefusal,
} from '~/modules/invitations/invitee-actions.server';
import { findInvitee } from '~/modules/invitations/invitee-directory.server';
import { readFormData } from '~/utils/form.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { FormField } from '~/components/form-field';
import { getFormProps, useStartlineForm } from '~/utils/forms';
import { pageTitle } from '~/utils/page-title';

const noStore = { 'Cache-Control': 'private, no-store' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role } = await requireStaff(request, params.slug, 'viewer', context);
  const invitee = await findInvitee(event.id, params.invitationId ?? '');
  if (!invitee) {
    const t = getTranslator(request);
    throw json({ formError: t('invitees.detail.notFound') }, { status: 404, headers: noStore });
  }
  return json(
    {
      event,
      role,
      invitee,
      maxResends: env.INVITATION_MAX_RESENDS,
      mayAct: roleAtLeast(role, 'editor'),
    },
    { headers: noStore },
  );
}

// A refusal is the person's state, not a malformed request: 404 for an unknown invitation,
// 409 for everything else (the page says why, and nothing was written).
const refusalStatus = (refusal: InviteeActionRefusal) => (refusal === 'not_found' ? 404 : 409);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'editor', context);
  const t = getTranslator(request);
  const form = await readFormData(request, t);
  const intent = form.get('intent');
  const target = {
    eventId: event.id,
    actorUserId: user.id,
    invitationId: params.invitationId ?? '',
  };
  let result;
  if (intent === 'resend') {
    result = await resendInvitation(target);
  } else if (intent === 'revoke') {
    // Revoking cannot be undone: the form asks for an explicit tick.
    if (form.get('confirm') !== 'yes') {
      return json(
        { intent, refusal: null, formError: t('invitees.revoke.confirmRequired') },
        { status: 400, headers: noStore },
      );
    }
    result = await revokeInvitation(target);
  } else if (intent === 'correct') {
    const submission = await parseSubmission(form, correctAddressSchema, t);
    // The typed address is never echoed back, not even on a 400 (SPEC P1): only the reason.
    const hideFields = ['email'];
    if (submission.status !== 'success') {
      return refuseSubmission(submission, { hideFields }, { status: 400, headers: noStore });
    }
    result = await correctInvitationAddress({ ...target, ...submission.value });
    if (!result.ok) {
      return json(
        {
          intent,
          refusal: result.refusal,
          formError: t(inviteeRefusal(result.refusal), {
            max: String(env.INVITATION_MAX_RESENDS),
          }),
          submission: submission.reply({ hideFields }),
        },
        { status: refusalStatus(result.refusal), headers: noStore },
      );
    }
    // Done: the correction form empties (its reply resets it).
    return json(
      {
        intent,
        done: true,
        notice: t('invitees.correct.done'),
        submission: submission.reply({ resetForm: true }),
      },
      { headers: noStore },
    );
  } else {
    return json(
      { intent: null, refusal: null, formError: t('invitees.refused.badIntent') },
      { status: 400, headers: noStore },
    );
  }
  if (!result.ok) {
    return json(
      {
        intent,
        refusal: result.refusal,
        formError: t(inviteeRefusal(result.refusal), {
          max: String(env.INVITATION_MAX_RESENDS),
        }),
      },
      { status: refusalStatus(result.refusal), headers: noStore },
    );
  }
  const done: Record<typeof intent, MessageKey> = {
    resend: 'invitees.resend.done',
    revoke: 'invitees.revoke.done',
  };
  return json({ intent, done: true, notice: t(done[intent]) }, { headers: noStore });
}

export const meta: MetaFunction = (args) =>
  pageTitle(args, 'invitees.title', { robots: 'noindex' });

export default function StaffInvitee() {
  const { event, invitee, maxResends, mayAct } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused = actionData && 'formError' in actionData ? actionData : undefined;
  // Only the correction form has typed input; a refusal of it brings back the reason.
  const [correctForm, correct] = useStartlineForm(correctAddressSchema, actionData);
  const navigation = useNavigation();
  const t = useT();
  const base = `/staff/${event.slug}`;
  const open =
    invitee.status !== 'joined' && invitee.status !== 'declined' && invitee.status !== 'revoked';
  const busy = navigation.state !== 'idle';
  const errorFor = (intent: string) =>
    refused?.intent === intent && refused.formError ? (
      <p className="alert alert--error" role="alert">
        {refused.formError}
      </p>
    ) : null;
  const remaining = Math.max(0, maxResends - invitee.resendCount);
  return (
    <>
      <p>
        <Link to={`${base}/invitations`}>{t('invitees.detail.back')}</Link>
      </p>
      <h1>
        {invitee.bib} {invitee.name}
      </h1>
      {actionData && 'done' in actionData ? (
        <p className="alert alert--ok" role="status">
          {actionData.notice}
        </p>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>{t('invitees.col.kana')}</dt>
          <dd>{invitee.nameKana || '—'}</dd>
          <dt>{t('invitees.col.category')}</dt>
          <dd>{invitee.category ?? '—'}</dd>
          <dt>{t('invitees.col.email')}</dt>
          <dd>
            <code>{invitee.maskedEmail}</code>
          </dd>
          <dt>{t('invitees.col.status')}</dt>
          <dd>
            <span className="badge">{t(inviteeStatus(invitee.status))}</span>
          </dd>
          <dt>{t('invitees.col.sentAt')}</dt>
          <dd>{invitee.sentAt ? <LocalTime value={invitee.sentAt} /> : '—'}</dd>
          <dt>{t('invitees.col.remindedAt')}</dt>
          <dd>{invitee.remindedAt ? <LocalTime value={invitee.remindedAt} /> : '—'}</dd>
          <dt>{t('invitees.col.respondedAt')}</dt>
          <dd>{invitee.respondedAt ? <LocalTime value={invitee.respondedAt} /> : '—'}</dd>
          <dt>{t('invitees.col.expiresAt')}</dt>
          <dd>
            <LocalTime value={invitee.expiresAt} />
          </dd>
        </dl>
        <p className="muted">
          {t('invitees.detail.resendCount', {
            count: String(invitee.resendCount),
            max: String(maxResends),
          })}
        </p>
      </section>

      {!mayAct ? (
        <p className="muted">{t('invitees.detail.readOnly')}</p>
      ) : !open ? (
        <p className="muted">{t('invitees.detail.finished')}</p>
      ) : (
        <>
          <section className="card">
            <h2>{t('invitees.resend.title')}</h2>
            <p>{t('invitees.resend.help', { remaining: String(remaining) })}</p>
            {errorFor('resend')}
            <Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" className="button" disabled={busy || remaining === 0}>
                {t('invitees.resend.submit')}
              </button>
            </Form>
          </section>
          <section className="card">
            <h2>{t('invitees.correct.title')}</h2>
            <p>{t('invitees.correct.help')}</p>
            {errorFor('correct')}
            <Form method="post" {...getFormProps(correctForm)}>
              <input type="hidden" name="intent" value="correct" />
              <FormField
                field={correct.email}
                id="correct-email"
                type="email"
                autoComplete="off"
                label={t('invitees.correct.email')}
              />
              <FormField
                field={correct.reason}
                id="correct-reason"
                type="text"
                label={t('invitees.correct.reason')}
                hint={t('invitees.correct.reasonHelp')}
              />
              <button type="submit" className="button" disabled={busy}>
                {t('invitees.correct.submit')}
              </button>
            </Form>
          </section>
          <section className="card">
            <h2>{t('invitees.revoke.title')}</h2>
            <p>{t('invitees.revoke.help')}</p>
            {errorFor('revoke')}
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <label className="checkbox">
                <input type="checkbox" name="confirm" value="yes" required />
                {t('invitees.revoke.confirm')}
              </label>
              <button type="submit" className="button button--quiet" disabled={busy}>
                {t('invitees.revoke.submit')}
              </button>
            </Form>
          </section>
        </>
      )}

      <section className="card">
        <h2>{t('invitees.detail.history')}</h2>
        {invitee.mails.length === 0 && invitee.actions.length === 0 ? (
          <p className="muted">{t('invitees.detail.noHistory')}</p>
        ) : (
          <ul>
            {[
              ...invitee.mails.map((mail) => ({
                at: mail.sentAt ?? mail.createdAt,
                text: `${t(inviteeMailKind(mail.kind as 'invitation'))} — ${t(inviteeMailStatus(mail.status))}`,
              })),
              ...invitee.actions.map((entry) => ({
                at: entry.createdAt,
                text: t(actionLabel(entry.action)),
              })),
            ]
              .sort((a, b) => String(a.at).localeCompare(String(b.at)))
              .map((item, index) => (
                <li key={index}>
                  <LocalTime value={item.at} /> {item.text}
                </li>
              ))}
          </ul>
        )}
      </section>
    </>
  );
}

function actionLabel(action: string): MessageKey {
  if (action === 'invitation.correct_address') return 'invitees.action.invitation.correct_address';
  if (action === 'invitation.revoke') return 'invitees.action.invitation.revoke';
  return 'invitees.action.invitation.resend';
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
