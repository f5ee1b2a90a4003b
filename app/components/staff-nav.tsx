import { NavLink, useLocation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useT } from '~/i18n/use-t';

type Role = 'owner' | 'editor' | 'viewer';

/** Items waiting for an owner's approval, per tab (countAwaitingApproval). */
export interface AwaitingApprovalCounts {
  announcements: number;
  sponsors: number;
  total: number;
}

/**
 * The organizer pages' tabs; each is shown only to the roles that may open it. Owners see how
 * many items wait for their approval on the announcements and sponsors tabs; the staff layout
 * loads the counts, and Remix reloads them after every action (an approval lowers them).
 */
export function StaffNav(props: { slug: string; role: Role; awaiting?: AwaitingApprovalCounts }) {
  const t = useT();
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the tabs are one row that scrolls sideways (app.css): the current one is
  // brought into view, centred where it can be, after every navigation.
  useEffect(() => {
    const strip = nav.current;
    const current = strip?.querySelector<HTMLElement>('a.active');
    if (!strip || !current || strip.scrollWidth <= strip.clientWidth) return;
    const within = current.getBoundingClientRect().left - strip.getBoundingClientRect().left;
    strip.scrollLeft += within - (strip.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  const base = `/staff/${props.slug}`;
  const owner = props.role === 'owner';
  const awaiting = owner ? props.awaiting : undefined;
  const links: { to: string; label: string; end?: boolean; show: boolean; badge?: number }[] = [
    { to: base, label: t('staff.nav.dashboard'), end: true, show: true },
    { to: `${base}/members`, label: t('staff.nav.members'), show: true },
    { to: `${base}/invitations`, label: t('staff.nav.invitations'), show: true },
    { to: `${base}/inbox`, label: t('relay.inbox.title'), show: true },
    { to: `${base}/import`, label: t('staff.nav.import'), show: props.role !== 'viewer' },
    {
      to: `${base}/announcements`,
      label: t('staff.nav.announcements'),
      show: true,
      badge: awaiting?.announcements,
    },
    { to: `${base}/channels`, label: t('staff.nav.channels'), show: true },
    { to: `${base}/videos`, label: t('staff.nav.videos'), show: true },
    {
      to: `${base}/sponsors`,
      label: t('staff.nav.sponsors'),
      show: owner,
      badge: awaiting?.sponsors,
    },
    { to: `${base}/team`, label: t('staff.nav.team'), show: owner },
    { to: `${base}/audit`, label: t('staff.nav.audit'), show: owner },
    // Every role may open it: owners edit, editors and viewers read the same facts.
    { to: `${base}/settings`, label: t('staff.nav.settings'), show: true },
  ];
  return (
    <nav
      ref={nav}
      className="staff-nav"
      aria-label={t('staff.nav.label')}
      data-awaiting-approval={awaiting ? awaiting.total : undefined}
    >
      {links
        .filter((link) => link.show)
        .map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
            {link.badge ? (
              <span className="nav-badge" data-testid="awaiting-approval-badge">
                <span aria-hidden="true">{link.badge}</span>
                <span className="visually-hidden">
                  {t('staff.nav.awaitingApproval', { count: link.badge })}
                </span>
              </span>
            ) : null}
          </NavLink>
        ))}
    </nav>
  );
}
