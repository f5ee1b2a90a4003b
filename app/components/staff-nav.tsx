import { NavLink } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

type Role = 'owner' | 'editor' | 'viewer';

/** The organizer pages' tabs; each is shown only to the roles that may open it. */
export function StaffNav(props: { slug: string; role: Role }) {
  const t = useT();
  const base = `/staff/${props.slug}`;
  const links: { to: string; label: string; end?: boolean; show: boolean }[] = [
    { to: base, label: t('staff.nav.dashboard'), end: true, show: true },
    { to: `${base}/members`, label: t('staff.nav.members'), show: true },
    { to: `${base}/invitations`, label: t('staff.nav.invitations'), show: true },
    { to: `${base}/inbox`, label: t('relay.inbox.title'), show: true },
    { to: `${base}/import`, label: t('staff.nav.import'), show: props.role !== 'viewer' },
    { to: `${base}/announcements`, label: t('staff.nav.announcements'), show: true },
    { to: `${base}/channels`, label: t('staff.nav.channels'), show: true },
    { to: `${base}/videos`, label: t('staff.nav.videos'), show: true },
    { to: `${base}/sponsors`, label: t('staff.nav.sponsors'), show: props.role === 'owner' },
    { to: `${base}/team`, label: t('staff.nav.team'), show: props.role === 'owner' },
    { to: `${base}/audit`, label: t('staff.nav.audit'), show: props.role === 'owner' },
  ];
  return (
    <nav className="staff-nav" aria-label={t('staff.nav.label')}>
      {links
        .filter((link) => link.show)
        .map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
          </NavLink>
        ))}
    </nav>
  );
}
