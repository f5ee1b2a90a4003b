/**
 * Shared `Intl.DateTimeFormat` instances. Constructing one resolves locale data and costs
 * tens of microseconds, while formatting with it costs about one: a feed page with a dozen
 * dates built a dozen of them per view (~8 % of its CPU, issue #12). The options used in the
 * code are a handful of literals, so the cache stays that small.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

const JAPAN_TIME = 'Asia/Tokyo';

/**
 * Formatted dates by language and instant. A feed view formats the same dozen publication
 * times as the view before it; formatting costs microseconds each even with a shared
 * formatter (~2 % of a feed view's CPU, issue #12). Emptied when full, so it stays small.
 */
const formattedDates = new Map<string, string>();
function remembered(key: string, format: () => string): string {
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = format();
    if (formattedDates.size >= 2_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/**
 * A calendar date as people read it: 「2027年3月28日」 / "28 March 2027". Takes a stored
 * `date` column ("2027-03-28", no zone: the day itself) or an instant (its day in Japan time,
 * where the races are).
 */
export function formatCalendarDate(value: string | Date, locale: 'ja' | 'en'): string {
  const key = `d${locale}${typeof value === 'string' ? value : value.getTime()}`;
  return remembered(key, () => formatCalendarDateNow(value, locale));
}

function formatCalendarDateNow(value: string | Date, locale: 'ja' | 'en'): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const instant = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 3))
    : new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  return dateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: JAPAN_TIME,
  }).format(instant);
}

/**
 * A timestamp as a `<time>` element shows it: the instant in ISO form (its `dateTime`) and the
 * text, a calendar date or the date and time in Japan time. Kept by the value as given: a feed
 * view hands over the same dozen ISO strings as the view before it, and parsing them again was
 * most of what showing them cost. Null for a value that is no date.
 */
export function timeParts(
  value: string | Date,
  locale: 'ja' | 'en',
  dateOnly = false,
): { iso: string; text: string } | null {
  if (typeof value !== 'string') return timePartsNow(value, locale, dateOnly);
  const key = `${dateOnly ? 'D' : 'T'}${locale}${value}`;
  let parts = rememberedParts.get(key);
  if (parts === undefined) {
    parts = timePartsNow(new Date(value), locale, dateOnly);
    if (rememberedParts.size >= 2_000) rememberedParts.clear();
    rememberedParts.set(key, parts);
  }
  return parts;
}
const rememberedParts = new Map<string, { iso: string; text: string } | null>();

function timePartsNow(date: Date, locale: 'ja' | 'en', dateOnly: boolean) {
  if (Number.isNaN(date.getTime())) return null;
  const text = dateOnly ? formatCalendarDate(date, locale) : formatDateTime(date, locale);
  return { iso: date.toISOString(), text };
}

/** An instant in Japan time: 「2027年3月28日 7:00」 / "28 March 2027, 07:00". */
export function formatDateTime(value: Date, locale: 'ja' | 'en'): string {
  return remembered(`t${locale}${value.getTime()}`, () => formatDateTimeNow(value, locale));
}

function formatDateTimeNow(value: Date, locale: 'ja' | 'en'): string {
  const time = dateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    // 「7:00」 in Japanese, "07:00" in English.
    hour: locale === 'ja' ? 'numeric' : '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: JAPAN_TIME,
  }).format(value);
  return `${formatCalendarDate(value, locale)}${locale === 'ja' ? ' ' : ', '}${time}`;
}
