/**
 * Production refuses settings that would lose mail or weaken security, naming the variable
 * (decision 084); development and tests keep their zero-configuration defaults.
 */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

/** Everything production needs, valid. */
const production = {
  NODE_ENV: 'production',
  APP_URL: 'https://startline.example.org',
  SESSION_SECRET: 's'.repeat(32),
  RECORDS_HASH_KEY: 'r'.repeat(32),
  RESEND_API_KEY: 're_live_key',
};

/** The variables the parser names, one per refused setting. */
function refusedVariables(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid environment configuration:/);
    return [...message.matchAll(/^ {2}(\w+): /gm)].map((match) => match[1]);
  }
  return [];
}

describe('the production configuration', () => {
  it('starts with real mail, an https address and long secrets', () => {
    const env = parseEnv(production);
    expect(env).toMatchObject({ NODE_ENV: 'production', MAIL_CAPTURE: false });
    expect(env.APP_URL).toBe('https://startline.example.org');
  });

  it('refuses to run without RESEND_API_KEY: every email, sign-in codes included, would be lost', () => {
    expect(refusedVariables({ ...production, RESEND_API_KEY: undefined })).toEqual([
      'RESEND_API_KEY',
    ]);
    // An empty value is no value.
    expect(refusedVariables({ ...production, RESEND_API_KEY: '' })).toEqual(['RESEND_API_KEY']);
  });

  it('keeps mail in the database only when MAIL_CAPTURE=true says so, and never next to a key', () => {
    expect(
      refusedVariables({ ...production, RESEND_API_KEY: undefined, MAIL_CAPTURE: 'true' }),
    ).toEqual([]);
    expect(
      refusedVariables({ ...production, RESEND_API_KEY: undefined, MAIL_CAPTURE: 'false' }),
    ).toEqual(['RESEND_API_KEY']);
    expect(refusedVariables({ ...production, MAIL_CAPTURE: 'true' })).toEqual(['MAIL_CAPTURE']);
    expect(refusedVariables({ ...production, MAIL_CAPTURE: 'yes' })).toEqual(['MAIL_CAPTURE']);
  });

  it('refuses an APP_URL that is missing or not https', () => {
    expect(refusedVariables({ ...production, APP_URL: undefined })).toEqual(['APP_URL']);
    expect(refusedVariables({ ...production, APP_URL: 'http://startline.example.org' })).toEqual([
      'APP_URL',
    ]);
    expect(refusedVariables({ ...production, APP_URL: 'http://localhost:3000' })).toEqual([
      'APP_URL',
    ]);
    expect(refusedVariables({ ...production, APP_URL: 'not a url' })).toEqual(['APP_URL']);
  });

  it('refuses a SESSION_SECRET that is missing, short, or the published development value', () => {
    expect(refusedVariables({ ...production, SESSION_SECRET: undefined })).toEqual([
      'SESSION_SECRET',
    ]);
    expect(refusedVariables({ ...production, SESSION_SECRET: 's'.repeat(31) })).toEqual([
      'SESSION_SECRET',
    ]);
    expect(
      refusedVariables({
        ...production,
        SESSION_SECRET: 'startline-development-secret-not-for-production-use',
      }),
    ).toEqual(['SESSION_SECRET']);
  });

  it('refuses a RECORDS_HASH_KEY that is missing or short, rather than falling back silently', () => {
    expect(refusedVariables({ ...production, RECORDS_HASH_KEY: undefined })).toEqual([
      'RECORDS_HASH_KEY',
    ]);
    expect(refusedVariables({ ...production, RECORDS_HASH_KEY: 'r'.repeat(31) })).toEqual([
      'RECORDS_HASH_KEY',
    ]);
  });

  it('never seeds the demo: SEED_DEMO=true is refused, false is fine', () => {
    expect(refusedVariables({ ...production, SEED_DEMO: 'true' })).toEqual(['SEED_DEMO']);
    expect(refusedVariables({ ...production, SEED_DEMO: 'false' })).toEqual([]);
  });

  it('names every refused setting at once', () => {
    expect(refusedVariables({ NODE_ENV: 'production' }).sort()).toEqual(
      ['APP_URL', 'RECORDS_HASH_KEY', 'RESEND_API_KEY', 'SESSION_SECRET'].sort(),
    );
  });
});

describe('development and tests', () => {
  it('still start with no configuration at all (embedded database, captured mail, demo)', () => {
    for (const NODE_ENV of ['development', 'test', undefined]) {
      const env = parseEnv({ NODE_ENV });
      expect(env.APP_URL).toBe('http://localhost:3000');
      expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
      expect(env.RESEND_API_KEY).toBeUndefined();
    }
    expect(refusedVariables({ NODE_ENV: 'development', SEED_DEMO: 'true' })).toEqual([]);
  });

  it('still refuse MAIL_CAPTURE=true next to a key: the key would quietly win', () => {
    expect(
      refusedVariables({ NODE_ENV: 'development', RESEND_API_KEY: 're_x', MAIL_CAPTURE: 'true' }),
    ).toEqual(['MAIL_CAPTURE']);
  });
});
