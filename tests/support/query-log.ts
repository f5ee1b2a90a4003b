/**
 * Records the SQL text of every statement the app's drizzle `db` runs while it is on, to
 * count queries per page view. drizzle hands each statement to its session's logger before
 * sending it (both drivers, lucia's adapter and prepared queries included), so the logger's
 * logQuery is wrapped to remember. Statements inside a transaction use the transaction's session and are not seen.
 */
import { db } from '~/modules/database/database.server';

interface QueryLogger {
  logQuery(query: string, params: unknown[]): void;
}

export function recordQueries() {
  const session = (db as unknown as { session: { logger: QueryLogger } }).session;
  // The logger object itself is patched, not replaced on the session: prepared queries
  // (prepared-query.server.ts) keep the logger they were built with.
  const logger = session.logger;
  const original = Object.getOwnPropertyDescriptor(logger, 'logQuery');
  const logQuery = logger.logQuery.bind(logger);
  const queries: string[] = [];
  /** When each query was sent (performance.now()), in the order of `queries`. */
  const sentAt: number[] = [];
  logger.logQuery = (query, params) => {
    queries.push(query);
    sentAt.push(performance.now());
    logQuery(query, params);
  };
  return {
    queries,
    sentAt,
    stop() {
      if (original) Object.defineProperty(logger, 'logQuery', original);
      else delete (logger as Partial<QueryLogger>).logQuery;
    },
  };
}
