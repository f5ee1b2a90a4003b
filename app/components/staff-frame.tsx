import { useRouteError, useRouteLoaderData } from '@remix-run/react';
import { ErrorCard, errorCopy } from '~/components/error-page';
import { StaffNav, type AwaitingApprovalCounts } from '~/components/staff-nav';
import { roleLabel } from '~/i18n/key-families';
import { useLocale, useT } from '~/i18n/use-t';

/** What the staff layout (routes/staff.$slug) loads for the header and the navigation. */
export interface StaffFrameData {
  event: { slug: string; nameJa: string; nameEn: string };
  role: 'owner' | 'editor' | 'viewer';
  awaiting?: AwaitingApprovalCounts;
}

export const STAFF_LAYOUT_ID = 'routes/staff.$slug';

/** The layout's data, when its loader ran (not after its own failure or an action's error). */
export function useStaffFrame(): StaffFrameData | undefined {
  return useRouteLoaderData(STAFF_LAYOUT_ID) as StaffFrameData | undefined;
}

/** Above every organizer page: which event, in which role, and the tabs. */
export function StaffHeader(props: StaffFrameData) {
  const t = useT();
  const locale = useLocale();
  return (
    <header className="console-head">
      <p className="muted">
        {t('staff.dashboard.kicker')} <span className="badge">{t(roleLabel(props.role))}</span>
      </p>
      <p className="console-head__name">
        {locale === 'ja' ? props.event.nameJa : props.event.nameEn}
      </p>
      <StaffNav slug={props.event.slug} role={props.role} awaiting={props.awaiting} />
    </header>
  );
}

/**
 * The error card of an organizer page, shown in the layout's outlet under the navigation:
 * every staff page exports it as its ErrorBoundary, because a boundary replaces its own
 * route's component and, after a failed action, Remix does not run the boundary route's own
 * loader — the layout above it keeps its data and its tabs only if the child catches.
 */
export function StaffPageError() {
  const error = useRouteError();
  const frame = useStaffFrame();
  const t = useT();
  const locale = useLocale();
  const eventName = frame ? (locale === 'ja' ? frame.event.nameJa : frame.event.nameEn) : null;
  const { title, body } = errorCopy(error, t, eventName);
  return (
    <ErrorCard
      title={title}
      body={body}
      back={
        frame
          ? { href: `/staff/${frame.event.slug}`, label: t('errors.backToStaffHome') }
          : { href: '/', label: t('errors.backHome') }
      }
    />
  );
}
