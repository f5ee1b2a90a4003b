/**
 * Tells an unreachable database (PostgreSQL restarting, failing over, the network between us
 * dropping) apart from every other error. Such an error is not a bug: the page answers 503
 * and asks to retry, the process keeps running, and postgres.js reconnects on the next query
 * (docs/decisions/074-database-outage.md). Errors are told by their shape, not their origin,
 * so a socket error from another service counts too; it is just as transient.
 */

/** Socket errors of a connection that was refused, reset or never got through. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  // A DNS name that cannot be resolved *for now* (a failover moving the name); ENOTFOUND is a
  // wrong name, a configuration error, and stays a 500.
  'EAI_AGAIN',
]);

/** postgres.js's own codes for a connection that closed, ended or never opened in time. */
const DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs sent by a server that is going away or not yet back: class 08 (connection
 * exception), and the operator interventions of a restart: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now ("the database system is starting up").
 */
const SQLSTATE_CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
const SQLSTATE_SHUTDOWN = new Set(['57P01', '57P02', '57P03']);

/** node-postgres (pg-boss's driver) reports a lost connection by message alone. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
];

export interface UnavailableCause {
  code?: string;
  message: string;
}

/**
 * The connectivity error in `error` or anything it wraps (drizzle's DrizzleQueryError keeps
 * the driver's error in `cause`; a connection to several addresses fails as an
 * AggregateError), or undefined when the database did answer. Walks plain objects too: pg-boss
 * emits copies of its errors.
 */
export function databaseUnavailableCause(error: unknown): UnavailableCause | undefined {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 20) {
    const current = pending.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string' && isUnavailableCode(code)) return { code, message: text };
    if (DRIVER_MESSAGES.some((pattern) => pattern.test(text))) return { message: text };
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return undefined;
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  return databaseUnavailableCause(error) !== undefined;
}

function isUnavailableCode(code: string) {
  return (
    NETWORK_CODES.has(code) ||
    DRIVER_CODES.has(code) ||
    SQLSTATE_CONNECTION_EXCEPTION.test(code) ||
    SQLSTATE_SHUTDOWN.has(code)
  );
}
