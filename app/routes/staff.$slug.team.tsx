import { TableScroll } from '~/components/table-scroll';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { FormField } from '~/components/form-field';
import { LocalTime } from '~/components/local-time';
import { roleLabel } from '~/i18n/key-families';
import { useT } from '~/i18n/use-t';
import { requireStaff } from '~/modules/events/staff-access.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import {
  changeStaffRole,
  inviteStaff,
  listTeam,
  removeStaff,
  revokeStaffInvitation,
} from '~/modules/staff/staff-team.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { errorText, getFormProps, lastSubmission, useStartlineForm } from '~/utils/forms';
import { emailField } from '~/utils/normalize';
import { pageTitle } from '~/utils/page-title';

// The roles as in db/schema (kept here so the browser bundle does not pull in the schema).
const staffRoles = ['owner', 'editor', 'viewer'] as const;
const role = z.enum(staffRoles, { error: 'staff.team.role.invalid' });
const id = z.string({ error: 'form.required' }).min(1, 'form.required').max(64, 'form.tooLong');

// The one form with typed input; the browser checks it with this same schema.
const inviteSchema = z.object({ intent: z.literal('invite'), email: emailField, role });

const teamSchema = z.discriminatedUnion(
  'intent',
  [
    inviteSchema,
    z.object({ intent: z.literal('role'), userId: id, role }),
    z.object({ intent: z.literal('remove'), userId: id }),
    z.object({ intent: z.literal('revoke'), invitationId: id }),
  ],
  { error: 'form.errorSummary' },
);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { event, role, user } = await requireStaff(request, params.slug, 'owner', context);
  const team = await listTeam(event.id);
  return json(
    { event, role, me: user.id, ...team },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, user } = await requireStaff(request, params.slug, 'owner', context);
  const t = getTranslator(request);
  const submission = await parseSubmission(request, teamSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);
  const input = submission.value;

  const result =
    input.intent === 'invite'
      ? await inviteStaff({
          event,
          actorUserId: user.id,
          email: input.email,
          role: input.role,
          locale: getLocale(request),
        })
      : input.intent === 'role'
        ? await changeStaffRole({
            eventId: event.id,
            actorUserId: user.id,
            targetUserId: input.userId,
            role: input.role,
          })
        : input.intent === 'remove'
          ? await removeStaff({
              eventId: event.id,
              actorUserId: user.id,
              targetUserId: input.userId,
            })
          : await revokeStaffInvitation({
              eventId: event.id,
              actorUserId: user.id,
              invitationId: input.invitationId,
            });

  if (!result.ok) {
    if (result.reason === 'not_found') throw new Response(null, { status: 404 });
    const message =
      result.reason === 'last_owner'
        ? 'staff.team.lastOwner'
        : result.reason === 'already_staff'
          ? 'staff.team.alreadyStaff'
          : 'staff.team.alreadyInvited';
    return refuseSubmission(
      submission,
      input.intent === 'invite' ? { fieldErrors: { email: message } } : { formError: message },
    );
  }
  // An owner who stepped down (or left) can no longer open this page.
  if ((input.intent === 'role' || input.intent === 'remove') && input.userId === user.id) {
    return redirect(input.intent === 'remove' ? '/' : `/staff/${event.slug}`);
  }
  const notice =
    input.intent === 'invite'
      ? t('staff.team.invited')
      : input.intent === 'role'
        ? t('staff.team.roleChanged')
        : input.intent === 'remove'
          ? t('staff.team.removed')
          : t('staff.team.revoked');
  // After an invitation the form empties for the next address.
  const reply = input.intent === 'invite' ? submission.reply({ resetForm: true }) : undefined;
  return json({ intent: input.intent, notice, submission: reply });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'staff.team.title');

export default function StaffTeam() {
  const { me, staff, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  // Which form the last answer is for: the invite form shows its own errors by its fields.
  const reply = lastSubmission(actionData);
  const forInvite = reply?.initialValue?.intent === 'invite';
  const [inviteForm, invite] = useStartlineForm(inviteSchema, forInvite ? actionData : undefined, {
    defaultValue: { intent: 'invite', role: 'viewer' },
  });
  const rowError = forInvite
    ? undefined
    : errorText(t, Object.values(reply?.error ?? {})[0] ?? undefined);
  const busy = navigation.state !== 'idle';
  return (
    <>
      <h1>{t('staff.team.title')}</h1>
      {actionData && 'notice' in actionData ? (
        <p className="alert alert--ok" role="status">
          {actionData.notice}
        </p>
      ) : null}
      {rowError ? (
        <p className="alert alert--error" role="alert">
          {rowError}
        </p>
      ) : null}
      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t('staff.team.current')}</h2>
        <p className="muted">{t('staff.team.rolesHelp')}</p>
        <TableScroll>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('staff.team.email')}</th>
                <th scope="col">{t('staff.team.role')}</th>
                <th scope="col">{t('staff.team.since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.team.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person) => (
                <tr key={person.userId}>
                  <td>
                    {person.email}
                    {person.userId === me ? (
                      <span className="muted"> {t('staff.team.you')}</span>
                    ) : null}
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={person.userId} />
                      <label className="visually-hidden" htmlFor={`role-${person.userId}`}>
                        {t('staff.team.role')}
                      </label>
                      <select id={`role-${person.userId}`} name="role" defaultValue={person.role}>
                        {staffRoles.map((r) => (
                          <option key={r} value={r}>
                            {t(roleLabel(r))}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button--quiet" disabled={busy}>
                        {t('staff.team.changeRole')}
                      </button>
                    </Form>
                  </td>
                  <td>
                    <LocalTime value={person.since} dateOnly />
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={person.userId} />
                      <button type="submit" className="button button--quiet" disabled={busy}>
                        {t('staff.team.remove')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {pending.length > 0 ? (
        <section className="card" aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t('staff.team.pending')}</h2>
          <p className="muted">{t('staff.team.pendingHelp')}</p>
          <ul className="list">
            {pending.map((invitation) => (
              <li key={invitation.id}>
                <span>
                  {invitation.email} <span className="badge">{t(roleLabel(invitation.role))}</span>{' '}
                  <span className="muted">
                    <LocalTime value={invitation.invitedAt} />
                  </span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button button--quiet" disabled={busy}>
                    {t('staff.team.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('staff.team.invite')}</h2>
        <p className="muted">{t('staff.team.inviteHelp')}</p>
        <Form method="post" {...getFormProps(inviteForm)}>
          <input type="hidden" name="intent" value="invite" />
          <FormField
            field={invite.email}
            type="email"
            inputMode="email"
            autoComplete="off"
            label={t('staff.team.email')}
          />
          <div className="field">
            <label htmlFor="invite-role">{t('staff.team.role')}</label>
            <select
              key={invite.role.key}
              id="invite-role"
              name={invite.role.name}
              defaultValue={invite.role.initialValue ?? 'viewer'}
            >
              {staffRoles.map((r) => (
                <option key={r} value={r}>
                  {t(roleLabel(r))}
                </option>
              ))}
            </select>
            {invite.role.errors ? (
              <p className="field__error" role="alert">
                {errorText(t, invite.role.errors)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('staff.team.inviteSubmit')}
          </button>
        </Form>
      </section>
    </>
  );
}

export { StaffPageError as ErrorBoundary } from '~/components/staff-frame';
