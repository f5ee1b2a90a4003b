import { useLocale } from '~/i18n/use-t';
import { dateTimeFormat } from '~/utils/date-format';

// Race offices and runners read times in Japan time; a fixed zone also keeps the server
// render and the browser's hydration identical.
const TIME_ZONE = 'Asia/Tokyo';

/** A timestamp in the reader's language, e.g. 「2026年11月23日 15:04」 / "Nov 23, 2026, 3:04 PM". */
export function LocalTime(props: { value: string | Date; dateOnly?: boolean }) {
  const locale = useLocale();
  const date = typeof props.value === 'string' ? new Date(props.value) : props.value;
  if (Number.isNaN(date.getTime())) return null;
  const text = dateTimeFormat(
    locale,
    props.dateOnly
      ? { dateStyle: 'medium', timeZone: TIME_ZONE }
      : { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE },
  ).format(date);
  return <time dateTime={date.toISOString()}>{text}</time>;
}

/** An event date (a calendar date, no time) such as "2027-03-28". */
export function EventDate(props: { value: string }) {
  const locale = useLocale();
  const date = new Date(`${props.value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return <>{props.value}</>;
  const text = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  return <time dateTime={props.value}>{text}</time>;
}
