import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useParams, useRouteLoaderData } from '@remix-run/react';
import { LinkGone } from '~/components/join-consent';
import { useT } from '~/i18n/use-t';
import { declineInvitation } from '~/modules/invitations/decline.server';
import { getTranslator } from '~/modules/i18n/locale.server';
import { readFormData } from '~/utils/form.server';
import type { loader as joinLoader } from './join.$token';
import { pageTitle } from '~/utils/page-title';

// "Don't invite me again". The parent route (join.$token) looks the invitation up for the
// GET; only the button's POST suppresses the address.
export async function action({ request, params }: ActionFunctionArgs) {
  const t = getTranslator(request);
  await readFormData(request, t);
  const result = await declineInvitation(params.token);
  if (!result.ok) return json({ declined: false }, { status: 410 });
  return json({ declined: true });
}

export const meta: MetaFunction = (args) =>
  pageTitle(args, 'invitations.decline.title', { robots: 'noindex' });

export default function DeclinePage() {
  const parent = useRouteLoaderData<typeof joinLoader>('routes/join.$token');
  const actionData = useActionData<typeof action>();
  const { token = '' } = useParams();
  const t = useT();
  if (!parent || parent.view === 'gone' || actionData?.declined === false) return <LinkGone />;
  const event = parent.event.name;
  if (parent.view === 'declined' || actionData?.declined) {
    return (
      <section className="card narrow">
        <h1>{t('invitations.decline.title')}</h1>
        <p className="alert alert--ok" role="status">
          {t('invitations.decline.done', { event })}
        </p>
        <p>{t('invitations.decline.changeMind')}</p>
        <Link to={`/e/${parent.event.slug}`}>{t('invitations.join.eventPageLink')}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t('invitations.decline.title')}</h1>
      <p>{t('invitations.decline.body', { event })}</p>
      <p className="muted">{t('invitations.decline.nothingYet')}</p>
      <Form method="post">
        <button type="submit" className="button button--block">
          {t('invitations.decline.submit')}
        </button>
      </Form>
      <p>
        <Link to={`/join/${encodeURIComponent(token)}`}>{t('invitations.decline.back')}</Link>
      </p>
    </section>
  );
}
