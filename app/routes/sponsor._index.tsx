import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { requireUser } from '~/modules/auth/session.server';
import { listSponsorsForUser } from '~/modules/sponsors/sponsor-access.server';
import { pageTitle } from '~/utils/page-title';

// Where the sponsor invitation email leads after sign-in: straight into the one console.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const consoles = await listSponsorsForUser(user.id);
  if (consoles.length === 0) throw new Response(null, { status: 404 });
  if (consoles.length === 1) throw redirect(`/sponsor/${consoles[0].id}`);
  return json({ consoles });
}

export const meta: MetaFunction = (args) => pageTitle(args, 'sponsors.console.choose');

export default function SponsorConsoles() {
  const { consoles } = useLoaderData<typeof loader>();
  const t = useT();
  const ja = useLocale() === 'ja';
  return (
    <section className="card">
      <h1>{t('sponsors.console.choose')}</h1>
      <ul className="list">
        {consoles.map((c) => (
          <li key={c.id}>
            <span>
              <strong>{ja ? c.nameJa : c.nameEn}</strong>{' '}
              <span className="muted">{ja ? c.eventNameJa : c.eventNameEn}</span>
            </span>
            <Link to={`/sponsor/${c.id}`} className="button button--quiet">
              {t('home.openEvent')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
