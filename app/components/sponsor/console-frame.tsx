import { NavLink, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react';
import { ErrorCard, errorCopy } from '~/components/error-page';
import { useLocale, useT } from '~/i18n/use-t';

/** What the sponsor console's layout (routes/sponsor.$sponsorId) loads for its header. */
export interface SponsorFrameData {
  sponsor: { id: string; nameJa: string; nameEn: string };
  event: { nameJa: string; nameEn: string };
}

export const SPONSOR_LAYOUT_ID = 'routes/sponsor.$sponsorId';

/** The layout's data, when its loader ran (not after its own failure or an action's error). */
export function useSponsorFrame(): SponsorFrameData | undefined {
  return useRouteLoaderData(SPONSOR_LAYOUT_ID) as SponsorFrameData | undefined;
}

/** The console's frame: which sponsor, for which event, and the tabs. */
export function SponsorConsoleHeader(props: SponsorFrameData) {
  const { sponsor, event } = props;
  const t = useT();
  const ja = useLocale() === 'ja';
  const base = `/sponsor/${sponsor.id}`;
  // The offers tab stays marked on an offer's editor and code pages.
  const onOffers = useLocation().pathname.startsWith(`${base}/offers`);
  return (
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
  );
}

/**
 * The error card of a console page, shown in the layout's outlet under the tabs. Every
 * console page exports it as its ErrorBoundary: a boundary replaces its own route's
 * component, and after a failed action Remix skips the boundary route's loader — only a
 * child's boundary leaves the layout its data (see StaffPageError).
 */
export function SponsorPageError() {
  const error = useRouteError();
  const frame = useSponsorFrame();
  const t = useT();
  const ja = useLocale() === 'ja';
  const place = frame ? (ja ? frame.sponsor.nameJa : frame.sponsor.nameEn) : null;
  const { title, body } = errorCopy(error, t, place);
  return (
    <ErrorCard
      title={title}
      body={body}
      back={
        frame
          ? { href: `/sponsor/${frame.sponsor.id}`, label: t('errors.backToSponsorHome') }
          : { href: '/', label: t('errors.backHome') }
      }
    />
  );
}
