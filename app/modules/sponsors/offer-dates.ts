import { dateTimeFormat } from '~/utils/date-format';

/**
 * Offers run on calendar days in the race's local time (Japan): "valid until 3/31" means the
 * whole of March 31 in Tokyo, whatever the server's clock zone.
 */
export const OFFER_TIME_ZONE = 'Asia/Tokyo';
const OFFSET = '+09:00';

export function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00.000${OFFSET}`);
}

export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999${OFFSET}`);
}

/** YYYY-MM-DD of an instant, in the race's time zone (for date inputs). */
export function localDate(instant: Date | string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone: OFFER_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
  return parts;
}

export function formatDay(instant: Date | string, locale: 'ja' | 'en'): string {
  return dateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: OFFER_TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(instant));
}

export function formatDateTime(instant: Date | string, locale: 'ja' | 'en'): string {
  return dateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: OFFER_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(instant));
}

/** An offer's validity, "2027年3月1日〜2027年3月28日" or "1 Mar 2027 – 28 Mar 2027". */
export function formatPeriod(from: Date | string, until: Date | string, locale: 'ja' | 'en') {
  const separator = locale === 'ja' ? '〜' : ' – ';
  return `${formatDay(from, locale)}${separator}${formatDay(until, locale)}`;
}
