import { inspect } from 'node:util';
import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger } from 'pino';
import { currentRequestId } from '~/utils/request-context.server';

/**
 * Structured logs on pino: one JSON object per line with `level`, `time`, `message`, the
 * request id while a request is being handled, and every address masked (SPEC P1: emails in
 * logs are masked). See docs/decisions/085-json-logs-on-pino.md.
 */

// A run of characters that may form an address's local part, then "@" (or the full-width "＠"
// a Japanese keyboard types, or "%40" as in a URL), then a host name. Unicode letters count,
// so internationalized addresses are caught too. The look-behind makes a match start only
// where such a run starts: without it, a long run with no "@" (a token, a base64 blob) would
// be rescanned from each of its characters (quadratic time).
const LOCAL_CHAR = String.raw`[\p{L}\p{M}\p{N}._%+\-]`;
const HOST_CHAR = String.raw`[\p{L}\p{M}\p{N}\-]`;
const ADDRESS_PATTERN = new RegExp(
  `(?<!${LOCAL_CHAR})(${LOCAL_CHAR})${LOCAL_CHAR}*(?:@|＠|%40)(${HOST_CHAR})${HOST_CHAR}*((?:\\.${HOST_CHAR}+)*)`,
  'gu',
);

/**
 * `runner@example.com` → `r***@e***.com`, wherever it stands in the text (the same form as
 * `maskEmail` shows staff). The replacement contains no quote or backslash, so masking a
 * serialized JSON line leaves it valid JSON.
 */
export function maskEmailsInText(text: string): string {
  return text.replace(
    ADDRESS_PATTERN,
    (_match, localFirst: string, hostFirst: string, labels: string) => {
      const tld = labels.slice(labels.lastIndexOf('.') + 1);
      return `${localFirst}***@${hostFirst}***${/^\p{L}{2,}$/u.test(tld) ? `.${tld}` : ''}`;
    },
  );
}

type DescribedError = {
  name: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: DescribedError;
  errors?: DescribedError[];
};

/**
 * What a log line keeps of an error: its name, message and stack (one string, its newlines
 * escaped by JSON), a code, and its causes. Other properties stay out: a database error
 * carries the query's parameters, which are personal data beyond addresses.
 */
export function describeError(error: unknown, depth = 0): DescribedError {
  if (!(error instanceof Error)) {
    return {
      name: typeof error,
      message:
        typeof error === 'string'
          ? error
          : inspect(error, { depth: 2, breakLength: Infinity }).slice(0, 2000),
    };
  }
  const described: DescribedError = {
    name: error.name,
    message: error.message,
    stack: error.stack,
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') described.code = code;
  if (depth < 3 && error.cause !== undefined)
    described.cause = describeError(error.cause, depth + 1);
  if (depth < 3 && error instanceof AggregateError)
    described.errors = error.errors.slice(0, 10).map((inner) => describeError(inner, depth + 1));
  return described;
}

const LEVELS: readonly LevelWithSilent[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

function configuredLevel(): LevelWithSilent {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  return LEVELS.find((level) => level === wanted) ?? 'info';
}

export function createLogger(
  options: { level?: LevelWithSilent; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? configuredLevel(),
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // `logger.error('…', { error })` with any thrown value.
      serializers: { error: describeError },
      // Caller fields win over the mixin's, so handleError can name the request explicitly.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // Masking the finished line covers every field at any depth — the message, nested
      // objects, error messages and stacks — with no list of keys to keep up to date.
      hooks: { streamWrite: maskEmailsInText },
    },
    // Synchronous: the line about an uncaught exception is written before the process exits.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

type Fields = Record<string, unknown>;

// Created on first use, so that LOG_LEVEL set by a test's setup file is honoured.
let instance: Logger | undefined;
function write(level: Level, message: string, fields?: Fields) {
  instance ??= createLogger();
  instance[level](fields ?? {}, message);
}

export const logger = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
