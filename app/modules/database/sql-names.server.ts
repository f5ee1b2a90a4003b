import { getTableName, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * A column's bare name. Inside drizzle's `sql` template `${table.column}` renders qualified
 * ("table"."column"), which PostgreSQL refuses in an INSERT column list, a SET target and an
 * ON CONFLICT target; this keeps the compile-time reference there too, so a renamed column
 * breaks the build instead of the query.
 */
export function columnName(column: AnyColumn): SQL {
  return sql`${sql.identifier(column.name)}`;
}

/**
 * "table"."column", always. In a one-table select drizzle writes every `${column}` of the
 * selection bare, so a correlated subquery there (`… where c.offer_id = offers.id`) would
 * otherwise compare the subquery's own columns.
 */
export function qualifiedName(column: AnyColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/** An INSERT's column list, bare names: `INSERT INTO ${t} (${columnNames(t.a, t.b)})`. */
export function columnNames(...columns: AnyColumn[]): SQL {
  return sql.join(columns.map(columnName), sql`, `);
}
