// The SQLite data layer: one write connection (BEGIN IMMEDIATE, one transaction at a time), reads on their own connection.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy'
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { DataLayer, Executor, Orm, SqlParams } from '../executor.ts'
import { fromRoot } from '../../src/lib/project-root.ts'
import { bindArgs, statementFor } from './statements.ts'
import { WriteQueue } from './write-queue.ts'
import { registerSearchKey } from './search-key.ts'

export type SqliteOptions = { busyTimeoutMs?: number, readonly?: boolean }

/** The committed drizzle-kit migrations for SQLite (db/migrations), from source or dist. */
export const migrationsFolder = () => fromRoot('db', 'migrations')

/** A connection with the pragmas the service relies on. */
export function openSqliteConnection (path: string, options: SqliteOptions = {}): BetterSqlite3.Database {
  if (path !== ':memory:' && !path.startsWith('file:') && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const connection = new BetterSqlite3(path, { readonly: options.readonly ?? false })
  connection.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  if (path !== ':memory:' && !options.readonly) connection.pragma('journal_mode = WAL')
  // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9);
  // on power loss the last transactions before the final checkpoint may roll back.
  connection.pragma('synchronous = NORMAL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('cache_size = -65536')
  connection.pragma('temp_store = MEMORY')
  registerSearchKey(connection)
  return connection
}

/** Applies the committed migrations on the connection (SQLite has one writer: no lock is needed). */
export function migrateSqlite (connection: BetterSqlite3.Database): void {
  migrate(drizzleSync(connection), { migrationsFolder: migrationsFolder() })
}

/** Statements on one connection, or on whichever `route` picks (the data layer's own executor). */
class SqliteExecutor implements Executor {
  readonly engine = 'sqlite' as const
  readonly orm: Orm

  constructor (private readonly pick: (text: string) => Promise<BetterSqlite3.Database> | BetterSqlite3.Database) {
    this.orm = drizzleProxy(async (text, params, method) => await this.on(text, (connection) => {
      const statement = statementFor(connection, text, true)
      if (method === 'run' || !statement.reader) {
        const info = statement.run(...bindArgs(params))
        return { rows: [], changes: info.changes }
      }
      if (method === 'get') return { rows: statement.get(...bindArgs(params)) as unknown[] }
      return { rows: statement.all(...bindArgs(params)) }
    }))
  }

  /**
   * Runs `use` on the picked connection. One picked at once is used at once: awaiting it would leave a gap in
   * which a write transaction could begin on the connection the pick found idle (reads go to the idle writer).
   */
  private on<T> (text: string, use: (connection: BetterSqlite3.Database) => T): T | Promise<T> {
    const picked = this.pick(text)
    return picked instanceof Promise ? picked.then(use) : use(picked)
  }

  async all<Row> (text: string, params?: SqlParams): Promise<Row[]> {
    return await this.on(text, (connection) => statementFor(connection, text).all(...bindArgs(params)) as Row[])
  }

  async get<Row> (text: string, params?: SqlParams): Promise<Row | undefined> {
    return await this.on(text, (connection) => statementFor(connection, text).get(...bindArgs(params)) as Row | undefined)
  }

  async run (text: string, params?: SqlParams): Promise<{ changes: number }> {
    return await this.on(text, (connection) => ({ changes: statementFor(connection, text).run(...bindArgs(params)).changes }))
  }
}

export type SqliteDataLayer = DataLayer & {
  readonly engine: 'sqlite'
  /** The write connection, for SQLite-only work (online backup, checkpoints, tests of the file itself). */
  readonly connection: BetterSqlite3.Database
  /** Write transactions waiting for their turn. */
  readonly queued: number
}

/**
 * Opens the database at `path` and applies the migrations. A file gets a second, read-only connection
 * for reads outside transactions (WAL gives it the last committed state); `:memory:` has one connection,
 * so its reads wait for the running write transaction to end.
 */
export function openSqliteDataLayer (path: string, options: SqliteOptions = {}): SqliteDataLayer {
  const writer = openSqliteConnection(path, options)
  if (!options.readonly) migrateSqlite(writer)
  const separateReader = path !== ':memory:' && !path.startsWith('file::memory:')
  const reader = separateReader ? openSqliteConnection(path, { ...options, readonly: true }) : writer
  const snapshots = separateReader ? openSqliteConnection(path, { ...options, readonly: true }) : writer
  const queue = new WriteQueue()
  const snapshotQueue = separateReader ? new WriteQueue() : queue
  const tx = new SqliteExecutor(() => writer)

  /** Outside a transaction: a read sees the last commit (on the reader or the idle writer), a write takes a turn on the writer. */
  const outside = new SqliteExecutor((text) => {
    if (queue.holding) throw new Error('a statement ran outside the open transaction: inside a write, use its transaction executor')
    // A read while no write transaction is open runs on the writer, whose page cache is warm: both see the last
    // commit, but the reader's cache is dropped whenever another connection has written since its last read.
    if (separateReader && statementFor(reader, text).readonly) return writer.inTransaction ? reader : writer
    return queue.turn(async () => writer)
  })
  const snapshotExecutor = new SqliteExecutor(() => snapshots)

  return {
    engine: 'sqlite',
    connection: writer,
    get queued () { return queue.waiting },
    orm: outside.orm,
    all: (text, params) => outside.all(text, params),
    get: (text, params) => outside.get(text, params),
    run: (text, params) => outside.run(text, params),
    write: (fn) => queue.turn(async () => {
      writer.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(tx)
        writer.exec('COMMIT')
        return result
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK')
        throw error
      }
    }),
    snapshot: (fn) => snapshotQueue.turn(async () => {
      snapshots.exec('BEGIN')
      try {
        return await fn(snapshotExecutor)
      } finally {
        if (snapshots.inTransaction) snapshots.exec('COMMIT')
      }
    }),
    ping: async () => { reader.prepare('select 1').get() },
    close: async () => {
      await queue.turn(async () => {})
      for (const connection of new Set([snapshots, reader])) if (connection !== writer && connection.open) connection.close()
      if (writer.open) {
        if (!writer.memory && !writer.readonly) writer.pragma('wal_checkpoint(TRUNCATE)')
        writer.close()
      }
    }
  }
}
