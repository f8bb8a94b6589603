// Where the bench's API processes keep their data: the generated SQLite file, or a copy of it on a throw-away PostgreSQL cluster.
import pg from 'pg'
import { copySqliteToPostgres } from '../../scripts/sqlite-to-postgres.ts'
import { databaseUrl, startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres-cluster.ts'

export type BenchEngine = 'sqlite' | 'postgres'

export type BenchDatabase = {
  engine: BenchEngine
  /** The environment that points an API process at the data. */
  env: Record<string, string>
  /** PostgreSQL: the database's size after the copy (pg_database_size), and how long db:copy took. */
  databaseMb?: number
  copySeconds?: number
  drop: () => Promise<void>
}

let cluster: Promise<ThrowawayPostgres> | undefined

async function admin<T> (url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try { return await fn(client) } finally { await client.end() }
}

/**
 * SQLite: the file itself. PostgreSQL: one cluster for the whole run (started on first use; fsync off, like the
 * test clusters), a database per size filled from the generated file by db:copy (then ANALYZEd), dropped afterwards.
 */
export async function benchDatabase (engine: BenchEngine, sqlitePath: string, orders: number, options: { poolSize: number, log: (line: string) => void }): Promise<BenchDatabase> {
  if (engine === 'sqlite') return { engine, env: { DATABASE_PATH: sqlitePath }, drop: async () => {} }
  cluster ??= startThrowawayPostgres()
  const { url } = await cluster
  const name = `bench_${orders}`
  await admin(url, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.query(`create database ${name}`)
  })
  const target = databaseUrl(url, name)
  options.log(`copying ${sqlitePath} into PostgreSQL database ${name} (db:copy)`)
  const copy = await copySqliteToPostgres({ from: sqlitePath, to: target })
  if (!copy.committed) throw new Error(`db:copy counts differ: ${JSON.stringify(copy.mismatches)}`)
  const bytes = await admin(target, async (client) => Number((await client.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]?.n ?? 0))
  options.log(`copied ${copy.tables.reduce((sum, t) => sum + t.postgres, 0)} rows in ${copy.seconds.toFixed(1)} s; database ${(bytes / 1e6).toFixed(0)} MB`)
  return {
    engine,
    env: { DATABASE_URL: target, DATABASE_POOL_SIZE: String(options.poolSize) },
    databaseMb: bytes / 1e6,
    copySeconds: copy.seconds,
    drop: () => admin(url, async (client) => { await client.query(`drop database if exists ${name} with (force)`) })
  }
}

/** Stops the run's cluster, if one was started (its directory is deleted). */
export async function stopBenchCluster (): Promise<void> {
  if (cluster) await (await cluster).stop()
  cluster = undefined
}
