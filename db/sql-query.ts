// Runs a drizzle `sql` template on an executor and returns object rows (the portable way to run a raw template).
import type { SQLWrapper } from 'drizzle-orm'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import type { Executor } from './executor.ts'

const dialect = new SQLiteAsyncDialect()

/** The rows of a raw `sql` template (placeholders rendered as `?`, rewritten for PostgreSQL by the executor). */
export function sqlRows<Row = Record<string, unknown>> (ex: Executor, query: SQLWrapper): Promise<Row[]> {
  const { sql, params } = dialect.sqlToQuery(query.getSQL())
  return ex.all<Row>(sql, params)
}

/** The first row of a raw `sql` template, if any. */
export async function sqlRow<Row = Record<string, unknown>> (ex: Executor, query: SQLWrapper): Promise<Row | undefined> {
  return (await sqlRows<Row>(ex, query))[0]
}
