import { ConfirmedActionCard, ExportDataCard } from '~/components/member-rights-cards';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { endSession } from '~/modules/auth/session.server';
import { getLocale, getTranslator } from '~/modules/i18n/locale.server';
import { requireMember } from '~/modules/membership/member-access.server';
import { memberAlias } from '~/modules/membership/member-alias';
import { memberSettingsSchema } from '~/modules/membership/member-forms.server';
import {
  listChannelPreferences,
  saveChannelPreferences,
} from '~/modules/membership/channel-preferences.server';
import { deleteMyAccount, leaveEvent } from '~/modules/membership/member-rights.server';
import { errorText, lastSubmission } from '~/utils/constraint-forms';
import { readFormData } from '~/utils/form.server';
import { parseSubmission, refuseSubmission } from '~/utils/form-submission.server';
import { pageTitle } from '~/utils/page-title';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, event, membership } = await requireMember(request, params.slug, context);
  const channels = await listChannelPreferences(membership.id, event.id);
  return json(
    {
      event,
      // The member's own data, shown to the member alone.
      me: {
        email: user.email,
        aliasNumber: membership.aliasNumber,
        name: membership.name,
        bib: membership.bib,
      },
      channels,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, event, membership } = await requireMember(request, params.slug, context);
  const t = getTranslator(request);
  const formData = await readFormData(request, t);
  const submission = await parseSubmission(formData, memberSettingsSchema, t);
  if (submission.status !== 'success') return refuseSubmission(submission);

  if (submission.value.intent === 'preferences') {
    const enabled = formData.getAll('email').filter((v): v is string => typeof v === 'string');
    await saveChannelPreferences({
      membershipId: membership.id,
      eventId: event.id,
      enabledChannelIds: enabled,
    });
    return json({ saved: true as const });
  }

  if (submission.value.intent === 'leave') {
    await leaveEvent({
      userId: user.id,
      membershipId: membership.id,
      eventId: event.id,
      locale: getLocale(request),
      evidence: { ip: context.clientIp, userAgent: request.headers.get('User-Agent') },
    });
    return redirect('/?notice=left');
  }

  const result = await deleteMyAccount(user.id);
  if (!result.ok) {
    return json(
      {
        submission: submission.reply({ formErrors: ['members.delete.soleOwner'] }),
        soleOwnerOf: result.events,
      },
      { status: 409 },
    );
  }
  return redirect('/?notice=deleted', { headers: { 'Set-Cookie': await endSession(request) } });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'members.settings.title', { within: args.data?.event });

export default function MemberSettings() {
  const { event, me, channels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state !== 'idle';
  // A refusal carries the submitted intent back, so its error shows under the right card.
  const refusal = lastSubmission(actionData);
  const soleOwnerOf = actionData && 'soleOwnerOf' in actionData ? actionData.soleOwnerOf : [];
  const errorFor = (intent: string) => {
    if (navigation.state !== 'idle' || refusal?.initialValue?.intent !== intent) return undefined;
    if (soleOwnerOf.length > 0) {
      return t('members.delete.soleOwner', { events: soleOwnerOf.join(', ') });
    }
    return errorText(t, refusal.error?.confirm ?? refusal.error?.[''] ?? undefined);
  };
  const leaveError = errorFor('leave');
  const deleteError = errorFor('delete');
  return (
    <>
      <p className="muted">
        <Link to={`/e/${event.slug}`}>{locale === 'ja' ? event.nameJa : event.nameEn}</Link>
      </p>
      <h1>{t('members.settings.title')}</h1>
      <section className="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{t('members.settings.you')}</h2>
        <dl className="facts">
          <dt>{t('members.settings.alias')}</dt>
          <dd>{memberAlias(me.aliasNumber, locale)}</dd>
          <dt>{t('members.settings.name')}</dt>
          <dd>{me.name || '—'}</dd>
          <dt>{t('members.settings.bib')}</dt>
          <dd>{me.bib ?? '—'}</dd>
          <dt>{t('members.settings.email')}</dt>
          <dd>{me.email}</dd>
        </dl>
        <p className="muted">{t('members.settings.aliasHelp')}</p>
      </section>

      <section className="card" aria-labelledby="mail-heading">
        <h2 id="mail-heading">{t('members.settings.mail')}</h2>
        <p className="muted">{t('members.settings.mailHelp')}</p>
        {actionData && 'saved' in actionData ? (
          <p className="alert alert--ok" role="status">
            {t('members.settings.saved')}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="preferences" />
          <fieldset className="checkbox-list">
            <legend className="visually-hidden">{t('members.settings.mail')}</legend>
            {channels.map((channel) => (
              <label key={channel.id} className="checkbox">
                <input
                  type="checkbox"
                  name="email"
                  value={channel.id}
                  defaultChecked={channel.emailEnabled}
                />
                <span>{locale === 'ja' ? channel.nameJa : channel.nameEn}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={busy}>
            {t('members.settings.saveMail')}
          </button>
        </Form>
      </section>

      <ExportDataCard href={`/e/${event.slug}/settings/export.json`} />
      <ConfirmedActionCard intent="leave" error={leaveError} busy={busy} />
      <ConfirmedActionCard intent="delete" danger error={deleteError} busy={busy} />
    </>
  );
}
