// The data-access contract every repository and use case sees: an executor (connection or transaction) and the data layer.
import type { SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'

export type Engine = 'sqlite' | 'postgres'

/**
 * drizzle's query builder over the tables of db/schema, async on both engines (the SQL runs on the executor's connection).
 * Built without the relational schema (nothing uses `db.query`): with it, drizzle walks every table's relations on
 * each construction, and an executor is made per transaction.
 */
export type Orm = SqliteRemoteDatabase

/**
 * Parameters of a SQL text: named (`@orderId`, an object) or positional (`?`, an array).
 * Values are strings, numbers, bigints or null; booleans are written as 1 and 0.
 */
export type SqlParams = Record<string, unknown> | unknown[]

/**
 * A connection outside any transaction (each statement commits on its own) or an open transaction.
 * The SQL text is written once for both engines: standard SQL, aliases quoted (`as "orderId"`),
 * booleans compared as 1 and 0; engine-specific SQL is chosen by `engine` inside a repository.
 * Rows come back in one shape on both engines: instants as RFC 3339 strings, JSON as text,
 * booleans as 1 and 0, counts as numbers.
 */
export interface Executor {
  readonly engine: Engine
  readonly orm: Orm
  all<Row = Record<string, unknown>> (text: string, params?: SqlParams): Promise<Row[]>
  get<Row = Record<string, unknown>> (text: string, params?: SqlParams): Promise<Row | undefined>
  run (text: string, params?: SqlParams): Promise<{ changes: number }>
}

export type WriteOptions = {
  /**
   * PostgreSQL: retries of the whole transaction on a serialization failure or deadlock (default 3).
   * SQLite never needs one: write transactions run one at a time.
   */
  retries?: number
}

/** The database: an executor for reads (and single-statement writes), write transactions, health and shutdown. */
export interface DataLayer extends Executor {
  /** One transaction (SQLite: BEGIN IMMEDIATE, one at a time; PostgreSQL: READ COMMITTED on one pooled connection). A throw rolls back. */
  write<T> (fn: (tx: Executor) => Promise<T>, options?: WriteOptions): Promise<T>
  /** Several reads that must see one snapshot (a report's pages and totals). */
  snapshot<T> (fn: (ex: Executor) => Promise<T>): Promise<T>
  /** Answers when the database can be reached and queried; throws otherwise. */
  ping (): Promise<void>
  close (): Promise<void>
}
