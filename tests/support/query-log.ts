/**
 * Records the SQL text of every statement the app's drizzle `db` runs while it is on, to
 * count queries per page view. drizzle hands each statement to its session's logger before
 * sending it (both drivers, lucia's adapter included), so the logger is swapped for one that
 * remembers. Statements inside a transaction use the transaction's session and are not seen.
 */
import { db } from '~/modules/database/database.server';

interface QueryLogger {
  logQuery(query: string, params: unknown[]): void;
}

export function recordQueries() {
  const session = (db as unknown as { session: { logger: QueryLogger } }).session;
  const original = session.logger;
  const queries: string[] = [];
  session.logger = {
    logQuery(query, params) {
      queries.push(query);
      original.logQuery(query, params);
    },
  };
  return {
    queries,
    stop() {
      session.logger = original;
    },
  };
}
