// Applies the committed PostgreSQL migrations under an advisory lock: processes that start together migrate once.
import pg from 'pg'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { fromRoot } from '../../src/lib/project-root.ts'

/** The committed drizzle-kit migrations for PostgreSQL (db/pg/migrations), from source or dist. */
export const pgMigrationsFolder = () => fromRoot('db', 'pg', 'migrations')

/** The session-level advisory lock every migrating process takes; released on unlock or when the connection ends. */
export const MIGRATION_LOCK_SQL = "select pg_advisory_lock(hashtextextended('talent-orders:migrate', 0))"
export const MIGRATION_UNLOCK_SQL = "select pg_advisory_unlock(hashtextextended('talent-orders:migrate', 0))"

export type MigrationResult = {
  /** Migrations this call applied (0 when another process had applied them all). */
  applied: number
  /** Migrations recorded in the database afterwards. */
  total: number
  /** Time spent waiting for the lock, in milliseconds. */
  waitedMs: number
}

async function countApplied (client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present")
  if (!exists.rows[0]?.present) return 0
  const { rows } = await client.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations')
  return Number(rows[0]?.n ?? 0)
}

/**
 * Migrates the database `connection` names (a URL, or a pool to borrow one connection from). Waits for any other
 * process migrating the same database, then applies what is still missing, in one transaction.
 */
export async function migratePostgres (connection: string | pg.Pool, options: { migrationsFolder?: string } = {}): Promise<MigrationResult> {
  const own = typeof connection === 'string'
  const client: pg.Client | pg.PoolClient = own ? new pg.Client({ connectionString: connection }) : await connection.connect()
  let broken: Error | undefined
  try {
    if (own) await client.connect()
    const began = Date.now()
    await client.query(MIGRATION_LOCK_SQL)
    const waitedMs = Date.now() - began
    try {
      const before = await countApplied(client)
      await migrate(drizzle({ client }), { migrationsFolder: options.migrationsFolder ?? pgMigrationsFolder() })
      const total = await countApplied(client)
      return { applied: total - before, total, waitedMs }
    } finally {
      // A failed unlock means a broken connection: the lock ends with it (and a pooled one is discarded below).
      await client.query(MIGRATION_UNLOCK_SQL).catch((error: Error) => { broken = error })
    }
  } finally {
    if (own) await client.end().catch(() => {})
    else (client as pg.PoolClient).release(broken)
  }
}
