import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData, useLocation } from '@remix-run/react';
import { useLocale, useT } from '~/i18n/use-t';
import { requireSponsor } from '~/modules/sponsors/sponsor-access.server';

// The sponsor console's frame. Each child route checks requireSponsor itself as well: a
// layout's loader is not a gate for its children's loaders and actions.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sponsor, event } = await requireSponsor(request, params.sponsorId);
  return json({ sponsor, event: { nameJa: event.nameJa, nameEn: event.nameEn } });
}

export const meta: MetaFunction = () => [{ title: 'Startline' }];

export default function SponsorConsole() {
  const { sponsor, event } = useLoaderData<typeof loader>();
  const t = useT();
  const ja = useLocale() === 'ja';
  const base = `/sponsor/${sponsor.id}`;
  // The offers tab stays marked on an offer's editor and code pages.
  const onOffers = useLocation().pathname.startsWith(`${base}/offers`);
  return (
    <>
      <header className="console-head">
        <p className="muted">
          {t('sponsors.console.label')} · {ja ? event.nameJa : event.nameEn}
        </p>
        <p className="console-head__name">{ja ? sponsor.nameJa : sponsor.nameEn}</p>
        <nav className="staff-nav sponsor-nav" aria-label={t('sponsors.console.navLabel')}>
          <NavLink
            to={base}
            end
            className={({ isActive }) => (isActive || onOffers ? 'active' : undefined)}
          >
            {t('sponsors.nav.offers')}
          </NavLink>
          <NavLink to={`${base}/notices`}>{t('sponsors.nav.notices')}</NavLink>
          {/* A fresh document: only the till's own response allows the camera (headers.server.ts). */}
          <NavLink to={`${base}/till`} reloadDocument>
            {t('sponsors.nav.till')}
          </NavLink>
          <NavLink to={`${base}/stats`}>{t('sponsors.nav.stats')}</NavLink>
        </nav>
      </header>
      <Outlet />
    </>
  );
}
