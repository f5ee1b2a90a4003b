import type { ReactNode } from 'react';
import { useT } from '~/i18n/use-t';

/**
 * A wide table's horizontal scroller. Keyboard users must be able to focus a scrollable
 * region to scroll it (axe: scrollable-region-focusable), and a focusable region needs a name.
 */
export function TableScroll(props: { label?: string; children: ReactNode }) {
  const t = useT();
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={props.label ?? t('table.scrollRegion')}
      tabIndex={0}
    >
      {props.children}
    </div>
  );
}
