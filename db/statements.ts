// Prepared statements cached per connection: hot queries are compiled once, whatever their shape.
import type BetterSqlite3 from 'better-sqlite3'
import type { Database } from './client.ts'

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()

/** The prepared statement for this SQL text on the database's connection (usable inside its transactions). */
export function prepared<Row = unknown> (db: Database, text: string): BetterSqlite3.Statement<[Record<string, unknown>], Row> {
  // drizzle() returns the database with its better-sqlite3 client; the exported type omits it.
  const sqlite = (db as Database & { $client: BetterSqlite3.Database }).$client
  let statements = cache.get(sqlite)
  if (!statements) {
    statements = new Map()
    cache.set(sqlite, statements)
  }
  const statement = statements.get(text) ?? sqlite.prepare(text)
  statements.set(text, statement)
  return statement as BetterSqlite3.Statement<[Record<string, unknown>], Row>
}
