import { afterEach, describe, expect, it } from 'vitest';
import { env, parseEnv } from '~/env.server';
import { suppressionHash } from '~/modules/invitations/suppression.server';
import { hmac } from '~/modules/security/tokens.server';

const original = { session: env.SESSION_SECRET, records: env.RECORDS_HASH_KEY };
afterEach(() => {
  env.SESSION_SECRET = original.session;
  env.RECORDS_HASH_KEY = original.records;
});

describe('keyed hashes of long-lived records', () => {
  it('keep matching a suppressed address after SESSION_SECRET is rotated', () => {
    env.RECORDS_HASH_KEY = 'r'.repeat(40);
    env.SESSION_SECRET = 'a'.repeat(40);
    const before = { suppression: suppressionHash('Runner@Example.com'), code: hmac('x', 'y') };
    env.SESSION_SECRET = 'b'.repeat(40);
    expect(suppressionHash('runner@example.com')).toBe(before.suppression);
    // Short-lived secrets (sign-in codes, media tokens) do follow the rotation.
    expect(hmac('x', 'y')).not.toBe(before.code);
  });

  it('fall back to SESSION_SECRET when no RECORDS_HASH_KEY is set, so existing records match', () => {
    const parsed = parseEnv({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(40) });
    expect(parsed.RECORDS_HASH_KEY).toBe('s'.repeat(40));
    expect(parseEnv({ NODE_ENV: 'test', RECORDS_HASH_KEY: 'k'.repeat(40) }).RECORDS_HASH_KEY).toBe(
      'k'.repeat(40),
    );
  });
});
