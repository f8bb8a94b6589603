// Per-test PostgreSQL databases on one cluster: the run's shared one (TEST_POSTGRES_URL) or one this process starts.
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { migratePostgres, pgMigrationsFolder } from '../../db/pg/migrate.ts'
import { startThrowawayPostgres, SHARED_CLUSTER_ENV, databaseUrl } from './postgres-cluster.ts'

type Tap = { teardown: (fn: () => unknown) => void }

let ownCluster: Promise<string> | undefined

/** The cluster's superuser URL: the shared one when the run has it, else one started for this process (stopped at its end). */
export function clusterUrl (): Promise<string> {
  const shared = process.env[SHARED_CLUSTER_ENV]
  if (shared) return Promise.resolve(shared)
  ownCluster ??= (async () => {
    const [cluster, { default: tap }] = await Promise.all([startThrowawayPostgres(), import('tap')])
    tap.teardown(() => cluster.stop())
    return cluster.url
  })()
  return ownCluster
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

async function withClient<T> (url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A hash of the committed migrations: a cluster kept across runs gets a new template when they change. */
function migrationsFingerprint (): string {
  const folder = pgMigrationsFolder()
  const hash = createHash('sha256')
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(join(folder, file)))
  hash.update(readFileSync(join(folder, 'meta', '_journal.json')))
  return hash.digest('hex').slice(0, 12)
}

/**
 * The name of a migrated template database on the cluster, created once per cluster and set of migrations
 * (an advisory lock on the `postgres` database lets test files of one run race for it safely).
 */
export async function migratedTemplate (url: string): Promise<string> {
  const name = `talent_orders_template_${migrationsFingerprint()}`
  await withClient(url, async (admin) => {
    await admin.query("select pg_advisory_lock(hashtextextended('talent-orders:template', 0))")
    const found = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount === 0) {
      const building = `${name}_building_${randomBytes(4).toString('hex')}`
      await admin.query(`create database ${quote(building)}`)
      await migratePostgres(databaseUrl(url, building))
      await admin.query(`alter database ${quote(building)} rename to ${quote(name)}`)
      await admin.query(`alter database ${quote(name)} with is_template true allow_connections false`)
    }
    await admin.query("select pg_advisory_unlock(hashtextextended('talent-orders:template', 0))")
  })
  return name
}

export type TestDatabase = { url: string, name: string, drop: () => Promise<void> }

let counter = 0

/**
 * A new database for one test or app: empty, or a copy of `template` (e.g. migratedTemplate(url)).
 * Dropped (WITH FORCE: open pools do not block it) when `t` ends.
 */
export async function createTestDatabase (t: Tap, options: { template?: string } = {}): Promise<TestDatabase> {
  const url = await clusterUrl()
  const name = `test_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`
  const template = options.template ? ` template ${quote(options.template)}` : ''
  await withClient(url, (admin) => admin.query(`create database ${quote(name)}${template}`))
  let dropped: Promise<void> | undefined
  const drop = () => {
    dropped ??= withClient(url, async (admin) => { await admin.query(`drop database if exists ${quote(name)} with (force)`) })
    return dropped
  }
  t.teardown(drop)
  return { url: databaseUrl(url, name), name, drop }
}
