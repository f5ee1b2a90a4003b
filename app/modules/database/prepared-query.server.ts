import type { Db } from '~db/client';
import { db } from './database.server';

/**
 * A query every page view runs, built once and then only executed with its parameters
 * (`sql.placeholder`). drizzle's query builder turns the builder into SQL text and a result
 * mapping on every call: 0.4–0.6 ms of CPU per query in bench:web, several times what sending it
 * and reading its rows costs; a prepared query skips that (decision 111).
 *
 * Built for the database session it was made with, never shared across sessions: the
 * postgres.js pool is replaced after a driver crash (db/client.ts), and each test file opens a
 * database of its own. A query is built again for whichever session is current.
 *
 * `build` must only *build* (select … .prepare(name)); it runs on first use, not at import.
 */
export function preparedQuery<Query>(build: (db: Db) => Query): () => Query {
  const builtFor = new WeakMap<object, Query>();
  return () => {
    const session = (db as unknown as { session: object }).session;
    let query = builtFor.get(session);
    if (!query) {
      query = build(db);
      builtFor.set(session, query);
    }
    return query;
  };
}
