import { describe, expect, it } from 'vitest';
import { parseJapanDateTime, toJapanDateTimeInput } from '~/utils/japan-time';

describe('Japan time for the schedule field', () => {
  it('reads a datetime-local value as Japan time, whatever the machine’s zone', () => {
    expect(parseJapanDateTime('2027-03-28T07:00')?.toISOString()).toBe('2027-03-27T22:00:00.000Z');
    expect(parseJapanDateTime('2027-01-01T08:59:30')?.toISOString()).toBe(
      '2026-12-31T23:59:30.000Z',
    );
  });

  it('takes full-width digits, slashes and a space, as typed into a plain text box', () => {
    expect(parseJapanDateTime(' ２０２７/０３/２８ ０７:００ ')?.toISOString()).toBe(
      '2027-03-27T22:00:00.000Z',
    );
  });

  it('refuses what is not a real date and time', () => {
    for (const value of [
      '',
      '2027-02-30T07:00',
      '2027-02-29T07:00',
      '2027-03-28T24:00',
      '2027-03-28T07:60',
      '2027-03-28',
      '07:00',
      'tomorrow 7am',
      '2027-03-28T07:00Z',
    ]) {
      expect(parseJapanDateTime(value), value).toBeNull();
    }
    expect(parseJapanDateTime('2028-02-29T07:00')).not.toBeNull();
  });

  it('writes an instant back as the field’s value in Japan time', () => {
    const instant = new Date('2027-03-27T22:00:00.000Z');
    expect(toJapanDateTimeInput(instant)).toBe('2027-03-28T07:00');
    expect(parseJapanDateTime(toJapanDateTimeInput(instant))?.getTime()).toBe(instant.getTime());
  });
});
