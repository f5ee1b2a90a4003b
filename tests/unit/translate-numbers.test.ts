import { describe, expect, it } from 'vitest';
import { formatNumber, translate } from '~/i18n/translate';

describe('numbers in messages', () => {
  it('groups a count for the reader, in both languages', () => {
    expect(translate('en', 'announcements.preview.send', { count: 60000 })).toBe(
      'Send to 60,000 members',
    );
    expect(translate('ja', 'announcements.preview.send', { count: 60000 })).toBe(
      '60,000人に送信する',
    );
  });

  it('chooses the singular twin by the language’s plural rules, for a number or formatted text', () => {
    expect(translate('en', 'announcements.preview.send', { count: 1 })).toBe('Send to 1 member');
    expect(translate('en', 'announcements.preview.send', { count: '1' })).toBe('Send to 1 member');
    expect(translate('en', 'announcements.preview.send', { count: 0 })).toBe('Send to 0 members');
    expect(translate('en', 'announcements.preview.send', { count: '1,000' })).toBe(
      'Send to 1,000 members',
    );
    expect(translate('ja', 'announcements.preview.send', { count: 1 })).toBe('1人に送信する');
  });

  it('leaves text parameters as they are, so a bib is never grouped', () => {
    expect(translate('ja', 'announcements.overview.bibRange', { from: '10001', to: '12000' })).toBe(
      'ゼッケン 10001〜12000',
    );
  });

  it('shows a value as given, even one that looks like a placeholder or a replacement pattern', () => {
    // An event named by its organizer, a bib typed by a runner: text the app does not choose.
    expect(translate('ja', 'announcements.overview.bibRange', { from: '{to}', to: '12000' })).toBe(
      'ゼッケン {to}〜12000',
    );
    expect(translate('en', 'invitations.home.welcome', { event: "Run $& Fun $' $$" })).toContain(
      "Run $& Fun $' $$",
    );
  });

  it('formats fractions and large numbers per locale', () => {
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
    expect(formatNumber('ja', 1234567)).toBe('1,234,567');
  });
});
