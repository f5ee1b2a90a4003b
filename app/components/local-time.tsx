import { useLocale } from '~/i18n/use-t';
import { formatCalendarDate, timeParts } from '~/utils/date-format';

// Race offices and runners read times in Japan time (formatDateTime's fixed zone), which also
// keeps the server render and the browser's hydration identical.

/**
 * A timestamp in the reader's language and Japan time: 「2026年11月23日 15:04」 /
 * "23 November 2026, 15:04" (the office's own way of writing dates, not 2026/11/23).
 */
export function LocalTime(props: { value: string | Date; dateOnly?: boolean }) {
  const parts = timeParts(props.value, useLocale(), props.dateOnly);
  return parts ? <time dateTime={parts.iso}>{parts.text}</time> : null;
}

/** An event date (a calendar date, no time) such as "2027-03-28": 「2027年3月28日」 / "28 March 2027". */
export function EventDate(props: { value: string }) {
  const locale = useLocale();
  return <time dateTime={props.value}>{formatCalendarDate(props.value, locale)}</time>;
}
