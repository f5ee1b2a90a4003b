/**
 * Race offices schedule in Japan time whatever the browser's or the server's zone is. Japan
 * has kept UTC+9 without daylight saving since 1951, so a fixed offset is exact.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value ("2027-03-28T07:00", seconds optional) read as Japan time. Also
 * takes full-width digits, "/" between the date parts and a space before the time, as typed
 * into a browser that shows a plain text box. Null when it is not a real date and time.
 */
export function parseJapanDateTime(value: string): Date | null {
  const normalized = value.normalize('NFKC').trim().replaceAll('/', '-').replace(' ', 'T');
  const match = LOCAL_DATE_TIME.exec(normalized);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = Number(match[6] ?? 0);
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2027-02-30 over to March: only a date that survives unchanged is real.
  if (
    wall.getUTCFullYear() !== year ||
    wall.getUTCMonth() !== month - 1 ||
    wall.getUTCDate() !== day ||
    wall.getUTCHours() !== hour ||
    wall.getUTCMinutes() !== minute ||
    wall.getUTCSeconds() !== second
  ) {
    return null;
  }
  return new Date(wall.getTime() - JST_OFFSET_MS);
}

/** The `datetime-local` value ("2027-03-28T07:00") of an instant, in Japan time. */
export function toJapanDateTimeInput(date: Date): string {
  return new Date(date.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}
