// Opens the SQLite database with the pragmas the service relies on, and applies migrations.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema/index.ts'
import { fromRoot } from '../src/lib/project-root.ts'

export type Database = BetterSQLite3Database<typeof schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type DbOrTx = Database | Transaction

export type DatabaseHandle = {
  sqlite: BetterSqlite3.Database
  db: Database
}

/** The committed drizzle-kit migrations, found from the project root whether run from source or dist. */
export const migrationsFolder = () => fromRoot('db', 'migrations')

export function openDatabase (path: string, options: { busyTimeoutMs?: number, readonly?: boolean } = {}): DatabaseHandle {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new BetterSqlite3(path, { readonly: options.readonly ?? false })
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
  // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9);
  // on power loss the last transactions before the final checkpoint may roll back.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
  return { sqlite, db: drizzle(sqlite, { schema }) }
}

export function runMigrations (db: Database): void {
  migrate(db, { migrationsFolder: migrationsFolder() })
}
