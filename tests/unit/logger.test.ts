import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, describeError, maskEmailsInText } from '~/utils/logger.server';
import { currentRequestId, requestIdFor, runWithRequestId } from '~/utils/request-context.server';

/** A logger writing into an array, as the app's writes to stdout. */
function capture() {
  const written: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: { write: (line: string) => void written.push(line) },
  });
  return { logger, lines: () => written.join('').split('\n').filter(Boolean) };
}

const ADDRESS = 'hanako.runner@example.com';

describe('maskEmailsInText', () => {
  it('keeps the first letters and the top-level domain of every address in the text', () => {
    expect(maskEmailsInText(`to ${ADDRESS}, cc taro@mail.example.co.jp.`)).toBe(
      'to h***@e***.com, cc t***@m***.jp.',
    );
  });

  it('masks the forms an address takes in URLs, on Japanese keyboards and in other scripts', () => {
    expect(maskEmailsInText('/dev/mailbox.json?to=hanako%40example.com')).toBe(
      '/dev/mailbox.json?to=h***@e***.com',
    );
    expect(maskEmailsInText('ｈａｎａｋｏ＠example.com')).toBe('ｈ***@e***.com');
    expect(maskEmailsInText('ランナー@例え.jp and x@localhost')).toBe(
      'ラ***@例***.jp and x***@l***',
    );
  });

  it('leaves package paths in a stack alone', () => {
    const frame = '    at file:///app/node_modules/@remix-run/node/dist/index.js:1:2';
    expect(maskEmailsInText(frame)).toBe(frame);
  });

  it('takes linear time on a long run of address characters with no "@"', () => {
    // Small enough that a quadratic pattern still ends (in seconds) and fails here, not hangs.
    const started = performance.now();
    maskEmailsInText(`${'a'.repeat(40_000)} ${'b.'.repeat(20_000)}x@y.io`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('the logger', () => {
  afterEach(() => {
    delete process.env.LOG_LEVEL;
  });

  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = capture();
    logger.info({ count: 3 }, 'delivery.outcome');
    logger.warn({}, 'webhook.rejected');
    expect(lines()).toHaveLength(2);
    const [first, second] = lines().map((line) => JSON.parse(line));
    expect(first).toMatchObject({ level: 'info', message: 'delivery.outcome', count: 3 });
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(second).toMatchObject({ level: 'warn', message: 'webhook.rejected' });
  });

  it('masks addresses in the message and in nested fields at any depth', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        to: ADDRESS,
        batch: { recipients: [{ email: 'taro@example.org' }], note: `for ${ADDRESS}` },
      },
      `sent to ${ADDRESS}`,
    );
    const [raw] = lines();
    expect(raw).not.toContain('hanako.runner');
    expect(raw).not.toContain('taro@');
    expect(JSON.parse(raw)).toMatchObject({
      message: 'sent to h***@e***.com',
      to: 'h***@e***.com',
      batch: { recipients: [{ email: 't***@e***.org' }], note: 'for h***@e***.com' },
    });
  });

  it('logs an error as its name, message and stack (one string), with causes, masked', () => {
    const { logger, lines } = capture();
    const error = new TypeError(`no member ${ADDRESS}`, {
      cause: new Error('lookup failed for "taro@example.org"'),
    });
    Object.assign(error, { code: 'E_LOOKUP', parameters: ['secret bib 4821'] });
    logger.error({ error }, 'request.error');
    expect(lines()).toHaveLength(1);
    const [raw] = lines();
    expect(raw).not.toContain('hanako.runner');
    expect(raw).not.toContain('taro@');
    // Other properties of an error (a database error's query parameters) stay out.
    expect(raw).not.toContain('4821');
    const { error: logged } = JSON.parse(raw);
    expect(logged).toMatchObject({
      name: 'TypeError',
      message: 'no member h***@e***.com',
      code: 'E_LOOKUP',
      cause: { name: 'Error', message: 'lookup failed for "t***@e***.org"' },
    });
    expect(typeof logged.stack).toBe('string');
    expect(logged.stack.startsWith('TypeError: no member h***@e***.com\n    at ')).toBe(true);
    expect(logged.cause.stack).toContain('t***@e***.org');
  });

  it('describes values thrown that are not errors', () => {
    expect(describeError(`plain ${ADDRESS}`)).toEqual({
      name: 'string',
      message: `plain ${ADDRESS}`,
    });
    expect(describeError({ reason: 'x' })).toEqual({ name: 'object', message: "{ reason: 'x' }" });
  });

  it('names the request the line was written for, and none outside a request', () => {
    const { logger, lines } = capture();
    runWithRequestId('3b7c1b2e-0d7e-4c43-9a59-6d0d3f0e0a11', () => {
      expect(currentRequestId()).toBe('3b7c1b2e-0d7e-4c43-9a59-6d0d3f0e0a11');
      logger.info({}, 'inside');
    });
    logger.info({}, 'outside');
    const [inside, outside] = lines().map((line) => JSON.parse(line));
    expect(inside.requestId).toBe('3b7c1b2e-0d7e-4c43-9a59-6d0d3f0e0a11');
    expect(outside).not.toHaveProperty('requestId');
  });

  it('writes nothing with LOG_LEVEL=silent', () => {
    process.env.LOG_LEVEL = 'silent';
    const written: string[] = [];
    const logger = createLogger({ destination: { write: (s) => void written.push(s) } });
    logger.error({ error: new Error('x') }, 'request.error');
    expect(written).toEqual([]);
  });
});

describe('requestIdFor', () => {
  const uuid = /^[0-9a-f-]{36}$/;

  it('keeps a well-formed id from a trusted proxy', () => {
    for (const id of ['3b7c1b2e-0d7e-4c43-9a59-6d0d3f0e0a11', '9f86d081884c7d659a2feaa0c55ad015']) {
      expect(requestIdFor(id, { trustProxy: true })).toBe(id);
    }
  });

  it('replaces an id from a client, or one that could forge a log field', () => {
    expect(requestIdFor('9f86d081884c7d659a2feaa0c55ad015', { trustProxy: false })).toMatch(uuid);
    for (const bad of [
      'short',
      'x'.repeat(65),
      `a${ADDRESS}`,
      'abc12345\n{"level":"info"}',
      'a b c d e f g',
      '',
    ]) {
      expect(requestIdFor(bad, { trustProxy: true })).toMatch(uuid);
    }
    expect(requestIdFor(undefined, { trustProxy: true })).toMatch(uuid);
  });

  it('generates a different id for each request', () => {
    const ids = new Set(
      Array.from({ length: 100 }, () => requestIdFor(undefined, { trustProxy: false })),
    );
    expect(ids.size).toBe(100);
  });
});
