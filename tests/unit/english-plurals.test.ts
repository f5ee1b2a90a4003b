import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '~/i18n/messages';
import { translate } from '~/i18n/translate';

// "{count} members", "{count} people", "Added {count} codes." — a count before a plural noun.
const COUNTED_PLURAL = /\{count\} (members|people|emails|codes|coupon codes)\b/;

describe('English counts agree with their number', () => {
  const counted = (Object.keys(messages) as MessageKey[]).filter(
    (key) => !key.endsWith('One') && COUNTED_PLURAL.test(messages[key].en),
  );

  it('finds the counted messages it checks', () => {
    expect(counted).toContain('announcements.preview.send');
  });

  it.each(counted)('%s reads in the singular for one, the plural otherwise', (key) => {
    const one = translate('en', key, { count: 1, query: 'x', title: 't', channel: 'c' });
    expect(one).not.toMatch(/\b1 (members|people|emails|codes|coupon codes)\b/);
    expect(translate('en', key, { count: '1' })).not.toMatch(/\b1 (members|people|emails|codes)\b/);
    expect(translate('en', key, { count: 2 })).toMatch(
      /\b2 (members|people|emails|codes|coupon codes)\b/,
    );
  });

  it('chooses the twin for the send button the issue names', () => {
    expect(translate('en', 'announcements.preview.send', { count: 1 })).toBe('Send to 1 member');
    expect(translate('en', 'announcements.preview.send', { count: 3 })).toBe('Send to 3 members');
    expect(translate('ja', 'announcements.preview.send', { count: 1 })).toBe('1人に送信する');
  });
});
