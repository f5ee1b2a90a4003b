import { describe, expect, it } from 'vitest';
import { messages } from '~/i18n/messages';
import { translate } from '~/i18n/translate';
import { formatCalendarDate, formatDateTime } from '~/utils/date-format';

/**
 * House rules for the Japanese copy (issue 15). Japanese text uses full-width brackets
 * （）, 〜 for ranges, one word for the bib (ゼッケン) and one for the people in an event's
 * community (参加者). ランナー stays only inside the member alias 「ランナー #4821」, a name.
 */
const japanese = Object.entries(messages).map(([key, value]) => ({ key, ja: value.ja }));

/** Text a rule should not look at: Markdown link syntax and headings quoted as examples. */
function prose(ja: string): string {
  return ja.replace(/\]\([^)]*\)/g, '').replace(/「[^」]*」/g, '「」');
}

describe('Japanese copy', () => {
  it('uses full-width brackets, never half-width ( )', () => {
    const offenders = japanese.filter(({ ja }) => /[()]/.test(prose(ja)));
    expect(offenders).toEqual([]);
  });

  it('writes ranges with 〜, never an en or em dash', () => {
    const offenders = japanese.filter(({ ja }) => /[–—]/.test(ja));
    expect(offenders).toEqual([]);
  });

  it('has one term for the bib: ゼッケン', () => {
    const offenders = japanese.filter(({ ja }) => /ナンバーカード|ビブ|背番号/.test(prose(ja)));
    expect(offenders).toEqual([]);
  });

  it('has one term for the people in a community: 参加者, not 会員', () => {
    const offenders = japanese.filter(({ ja }) => /会員/.test(ja));
    expect(offenders).toEqual([]);
  });

  it('reads versions as 第N版 and opens with 開く', () => {
    expect(translate('ja', 'announcements.overview.revision', { revision: 2 })).toBe('第2版');
    expect(translate('ja', 'home.openEvent')).toBe('開く');
    expect(japanese.filter(({ ja }) => /ひらく|版 \{/.test(ja))).toEqual([]);
  });

  it('writes dates as 2027年3月28日 (and 28 March 2027), in Japan time', () => {
    expect(formatCalendarDate('2027-03-28', 'ja')).toBe('2027年3月28日');
    expect(formatCalendarDate('2027-03-28', 'en')).toBe('28 March 2027');
    // 22:00 UTC on the 27th is already the 28th in Japan.
    const instant = new Date('2027-03-27T22:00:00Z');
    expect(formatDateTime(instant, 'ja')).toBe('2027年3月28日 7:00');
    expect(formatDateTime(instant, 'en')).toBe('28 March 2027, 07:00');
  });
});
