import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import {
  databaseUnavailableCause,
  isDatabaseUnavailableError,
} from '~/modules/database/database-availability.server';

// postgres.js builds its server errors from the fields of an ErrorResponse; its types only
// declare Error's constructor.
const PostgresError = postgres.PostgresError as unknown as new (fields: object) => Error;
const serverError = (code: string, message: string) =>
  new PostgresError({ code, message, severity: 'FATAL' });
const codedError = (code: string, message = code) => Object.assign(new Error(message), { code });
const wrappedInQuery = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);

describe('telling an unreachable database from other errors', () => {
  it.each([
    ['a refused connection', codedError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', codedError('ECONNRESET')],
    ['a write to a closed socket', codedError('EPIPE')],
    ['postgres.js: connection closed', codedError('CONNECTION_CLOSED')],
    ['postgres.js: connection ended', codedError('CONNECTION_ENDED')],
    ['postgres.js: connection destroyed', codedError('CONNECTION_DESTROYED')],
    ['postgres.js: connect timeout', codedError('CONNECT_TIMEOUT')],
    ['SQLSTATE 08006 connection_failure', serverError('08006', 'connection failure')],
    ['SQLSTATE 08001 cannot establish a connection', serverError('08001', 'no connection')],
    [
      'SQLSTATE 57P01 admin_shutdown',
      serverError('57P01', 'terminating connection due to administrator command'),
    ],
    ['SQLSTATE 57P02 crash_shutdown', serverError('57P02', 'terminating connection')],
    [
      'SQLSTATE 57P03 cannot_connect_now',
      serverError('57P03', 'the database system is starting up'),
    ],
    ['node-postgres: lost connection', new Error('Connection terminated unexpectedly')],
    ['node-postgres: pool connect timeout', new Error('timeout exceeded when trying to connect')],
  ])('recognises %s, alone and wrapped by drizzle', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
    expect(isDatabaseUnavailableError(wrappedInQuery(error))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('outer', { cause: wrappedInQuery(error) }))).toBe(
      true,
    );
  });

  it('recognises a refusal among the addresses of one connection attempt (AggregateError)', () => {
    const aggregate = new AggregateError([
      codedError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'),
      codedError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(isDatabaseUnavailableError(aggregate)).toBe(true);
  });

  it('recognises the plain copy pg-boss emits for a failed fetch', () => {
    const original = codedError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
    const emitted = { ...original, message: original.message, queue: 'send-email', worker: 'w1' };
    expect(isDatabaseUnavailableError(emitted)).toBe(true);
  });

  it('recognises what a real query against a closed port fails with', async () => {
    const client = postgres('postgres://postgres@127.0.0.1:1/none', {
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
    });
    const error = await drizzle(client)
      .execute(sql`select 1`)
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    await client.end({ timeout: 1 });
    expect(error).toBeDefined();
    expect(databaseUnavailableCause(error)).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('names the connectivity error, not the query that carried it (no parameters in logs)', () => {
    const error = wrappedInQuery(
      codedError('CONNECTION_CLOSED', 'write CONNECTION_CLOSED db:5432'),
    );
    expect(databaseUnavailableCause(error)).toEqual({
      code: 'CONNECTION_CLOSED',
      message: 'write CONNECTION_CLOSED db:5432',
    });
  });

  it.each([
    ['a unique violation', serverError('23505', 'duplicate key value')],
    ['a syntax error', serverError('42601', 'syntax error at or near "selec"')],
    ['a dropped database', serverError('57P04', 'database dropped')],
    ['a wrong host name', codedError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'ECONNREFUSED'],
    ['nothing', undefined],
    ['null', null],
  ])('does not mistake %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
    expect(isDatabaseUnavailableError(wrappedInQuery(error))).toBe(false);
  });

  it('stops on a cause chain that loops back on itself', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as Error & { cause?: unknown }).cause = second;
    expect(isDatabaseUnavailableError(first)).toBe(false);
  });
});
