// The PostgreSQL data layer: a pg pool; each write transaction on one pooled connection, retried on serialization failures.
import pg from 'pg'
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy'
import type { DataLayer, Executor, Orm, SqlParams } from '../executor.ts'
import { pgValues, preparedName, toPgStatement } from './placeholders.ts'
import { rowTypes } from './types.ts'
import { migratePostgres } from './migrate.ts'

export type PostgresOptions = {
  url: string
  poolSize?: number
  /** How long a request may wait for a pooled connection, and the longest statement (milliseconds). */
  timeoutMs?: number
  onPoolError?: (error: Error) => void
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** Serialization failure and deadlock: the transaction may succeed when run again. */
const RETRYABLE = new Set(['40001', '40P01'])

class PostgresExecutor implements Executor {
  readonly engine = 'postgres' as const
  readonly orm: Orm

  constructor (private readonly client: Queryable) {
    // The SQL drizzle builds for the SQLite tables is standard SQL; only the placeholders differ.
    this.orm = drizzleProxy(async (text, params, method) => {
      const statement = toPgStatement(text)
      const result = await client.query({ name: preparedName(statement.text), text: statement.text, values: pgValues(statement, params), rowMode: 'array' })
      if (method === 'get') return { rows: result.rows[0] as unknown[] }
      return { rows: result.rows, changes: result.rowCount ?? 0 }
    })
  }

  async all<Row> (text: string, params?: SqlParams): Promise<Row[]> {
    const statement = toPgStatement(text)
    const result = await this.client.query({ name: preparedName(statement.text), text: statement.text, values: pgValues(statement, params) })
    return result.rows as Row[]
  }

  async get<Row> (text: string, params?: SqlParams): Promise<Row | undefined> {
    return (await this.all<Row>(text, params))[0]
  }

  async run (text: string, params?: SqlParams): Promise<{ changes: number }> {
    const statement = toPgStatement(text)
    const result = await this.client.query({ name: preparedName(statement.text), text: statement.text, values: pgValues(statement, params) })
    return { changes: result.rowCount ?? 0 }
  }
}

export type PostgresDataLayer = DataLayer & { readonly engine: 'postgres', readonly pool: pg.Pool }

/** A pool on `url`: sessions in UTC, statements and connection waits bounded by `timeoutMs`. */
export function createPool (options: PostgresOptions): pg.Pool {
  const timeoutMs = options.timeoutMs ?? 5000
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: timeoutMs * 2,
    options: '-c TimeZone=UTC',
    types: rowTypes
  })
  // An idle connection that breaks (server restart) is dropped by the pool; the next query opens another.
  pool.on('error', (error) => options.onPoolError?.(error))
  return pool
}

async function transaction<T> (pool: pg.Pool, fn: (tx: Executor) => Promise<T>, begin: string): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query(begin)
    try {
      const result = await fn(new PostgresExecutor(client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError })
      throw error
    }
  } finally {
    client.release(broken)
  }
}

/** Opens the pool and applies the migrations (once, when several processes start together). */
export async function openPostgresDataLayer (options: PostgresOptions): Promise<PostgresDataLayer> {
  const pool = createPool(options)
  try {
    await migratePostgres(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  const outside = new PostgresExecutor(pool)
  return {
    engine: 'postgres',
    pool,
    orm: outside.orm,
    all: (text, params) => outside.all(text, params),
    get: (text, params) => outside.get(text, params),
    run: (text, params) => outside.run(text, params),
    write: async (fn, writeOptions) => {
      const retries = writeOptions?.retries ?? 3
      for (let attempt = 0; ; attempt++) {
        try {
          return await transaction(pool, fn, 'BEGIN')
        } catch (error) {
          if (attempt >= retries || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error
        }
      }
    },
    snapshot: (fn) => transaction(pool, fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
    ping: async () => { await pool.query('select 1') },
    close: () => pool.end()
  }
}
