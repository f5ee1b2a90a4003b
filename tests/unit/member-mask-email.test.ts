import { describe, expect, it } from 'vitest';
import { maskEmail } from '~/modules/membership/mask-email';

describe('maskEmail', () => {
  it('keeps the first letters and the top-level domain only', () => {
    expect(maskEmail('yamada@gmail.com')).toBe('y***@g***.com');
    expect(maskEmail('hanako.sato@mail.example.co.jp')).toBe('h***@m***.jp');
  });

  it('hides the length of both parts', () => {
    expect(maskEmail('a@b.io')).toBe('a***@b***.io');
    expect(maskEmail('abcdefghij@bcdefghijk.io')).toBe('a***@b***.io');
  });

  it('never returns the address or its domain name', () => {
    for (const email of ['runner1@example.com', 'x@localhost', 'ランナー@例え.jp']) {
      const masked = maskEmail(email);
      expect(masked).not.toBe(email);
      expect(masked).not.toContain(email.split('@')[1]);
    }
    expect(maskEmail('x@localhost')).toBe('x***@l***');
    expect(maskEmail('ランナー@例え.jp')).toBe('ラ***@例***.jp');
  });

  it('answers something harmless for input that is not an address', () => {
    expect(maskEmail('')).toBe('***');
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail('trailing@')).toBe('***');
  });
});
