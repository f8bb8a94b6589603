// Where the bench's API processes keep their data: the generated SQLite file, or a copy of it on a throw-away PostgreSQL cluster.
import Database from 'better-sqlite3'
import { totalmem } from 'node:os'
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

export type BenchDatabaseOptions = {
  poolSize: number
  log: (line: string) => void
  reuse: boolean
  keep: boolean
}

/** The orders the SQLite file holds now (a kept copy must hold as many). */
function fileOrders (path: string): number {
  const file = new Database(path, { readonly: true, fileMustExist: true })
  try { return (file.prepare('select count(*) as n from orders').get() as { n: number }).n } finally { file.close() }
}

let cluster: Promise<ThrowawayPostgres> | undefined

/** A running cluster's superuser URL (`npm run db:pg-cluster`): the bench uses it instead of starting one, so its copies can outlive a run. */
export const BENCH_CLUSTER_ENV = 'BENCH_POSTGRES_URL'

/**
 * The settings a production server of this machine would get (the usual starting points): a quarter of the
 * memory for shared buffers (at most 4 GB), half of it as the cache the planner may count on, random reads
 * priced as on an SSD. `npm run db:pg-cluster -- -c …` takes the same for a cluster the bench reuses.
 */
export const benchSettings = (): string[] => [
  `shared_buffers=${Math.min(4096, Math.floor(totalmem() / 4 / 2 ** 20))}MB`,
  `effective_cache_size=${Math.floor(totalmem() / 2 / 2 ** 20)}MB`,
  'random_page_cost=1.1'
]

/** The cluster of this run: the one BENCH_POSTGRES_URL names, or a throw-away one started on first use. */
async function clusterUrl (): Promise<string> {
  const given = process.env[BENCH_CLUSTER_ENV]
  if (given) return given
  cluster ??= startThrowawayPostgres({ settings: benchSettings() })
  return (await cluster).url
}

/** The orders a bench database holds, or undefined when it does not exist (or its copy never committed). */
async function copiedOrders (url: string, name: string): Promise<number | undefined> {
  const exists = await admin(url, async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1)
  if (!exists) return undefined
  return await admin(databaseUrl(url, name), async (client) => {
    const table = await client.query("select to_regclass('public.orders') as t")
    if (table.rows[0]?.t === null) return undefined
    return Number((await client.query<{ n: string }>('select count(*) as n from orders')).rows[0]?.n)
  })
}

async function admin<T> (url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try { return await fn(client) } finally { await client.end() }
}

/**
 * SQLite: the file itself. PostgreSQL: one cluster for the whole run (started on first use; fsync off, like the
 * test clusters), a database per size filled from the generated file by db:copy (then ANALYZEd), dropped afterwards.
 * On the cluster BENCH_POSTGRES_URL names, `reuse` keeps a database copied by an earlier run when it holds the
 * file's orders, and `keep` leaves it there.
 */
export async function benchDatabase (engine: BenchEngine, sqlitePath: string, orders: number, options: BenchDatabaseOptions): Promise<BenchDatabase> {
  if (engine === 'sqlite') return { engine, env: { DATABASE_PATH: sqlitePath }, drop: async () => {} }
  const url = await clusterUrl()
  const name = `bench_${orders}`
  const env = (target: string) => ({ DATABASE_URL: target, DATABASE_POOL_SIZE: String(options.poolSize) })
  const drop = () => admin(url, async (client) => { await client.query(`drop database if exists ${name} with (force)`) })
  const keptCopy = process.env[BENCH_CLUSTER_ENV] !== undefined && options.reuse ? await copiedOrders(url, name) : undefined
  if (keptCopy !== undefined && keptCopy === fileOrders(sqlitePath)) {
    options.log(`reusing PostgreSQL database ${name} (${keptCopy} orders, copied by an earlier run)`)
    return { engine, env: env(databaseUrl(url, name)), drop: options.keep ? async () => {} : drop }
  }
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
  const kept = options.keep && process.env[BENCH_CLUSTER_ENV] !== undefined
  return { engine, env: env(target), databaseMb: bytes / 1e6, copySeconds: copy.seconds, drop: kept ? async () => {} : drop }
}

/** Stops the run's cluster, if one was started (its directory is deleted). */
export async function stopBenchCluster (): Promise<void> {
  if (cluster) await (await cluster).stop()
  cluster = undefined
}
