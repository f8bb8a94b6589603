// The PostgreSQL migrator: processes that start together migrate once (advisory lock), and every one of them returns.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import { migratePostgres, pgMigrationsFolder, MIGRATION_LOCK_SQL, MIGRATION_UNLOCK_SQL } from '../../db/pg/migrate.ts'
import { createTestDatabase } from '../support/postgres-database.ts'

const journalEntries = () =>
  (JSON.parse(readFileSync(join(pgMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length

async function scalar (url: string, text: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(text)
    return Number(rows[0]?.n)
  } finally {
    await client.end()
  }
}

t.test('two migrators started together on an empty database: one applies everything, the other waits and applies nothing', async (t) => {
  const db = await createTestDatabase(t)
  const pool = new pg.Pool({ connectionString: db.url, max: 2 })
  t.teardown(() => pool.end())
  const results = await Promise.all([migratePostgres(db.url), migratePostgres(pool)])
  const entries = journalEntries()
  t.same(results.map((r) => r.applied).sort((a, b) => a - b), [0, entries], 'applied once in all')
  t.same(results.map((r) => r.total), [entries, entries], 'both see every migration afterwards')
  t.equal(await scalar(db.url, 'select count(*) as n from drizzle.__drizzle_migrations'), entries, 'each migration recorded once')
  t.equal(await scalar(db.url, "select count(*) as n from pg_extension where extname in ('pg_trgm', 'btree_gin')"), 2, 'extensions created')
  t.equal(await scalar(db.url, "select count(*) as n from pg_locks where locktype = 'advisory'"), 0, 'no advisory lock left held')
  t.equal(pool.totalCount, pool.idleCount, 'the pooled connection is back in the pool')

  const again = await migratePostgres(db.url)
  t.match(again, { applied: 0, total: entries }, 'migrating again changes nothing')
})

t.test('a migrator waits while another process holds the migration lock, then migrates', async (t) => {
  const db = await createTestDatabase(t)
  const holder = new pg.Client({ connectionString: db.url })
  await holder.connect()
  t.teardown(() => holder.end())
  await holder.query(MIGRATION_LOCK_SQL)

  let settled = false
  const waiting = migratePostgres(db.url).finally(() => { settled = true })
  const waiters = "select count(*) as n from pg_locks where locktype = 'advisory' and not granted"
  const deadline = Date.now() + 30_000
  while (await scalar(db.url, waiters) === 0 && Date.now() < deadline) await sleep(20)
  t.equal(await scalar(db.url, waiters), 1, 'the migrator queues for the lock')
  t.notOk(settled, 'and has not returned')
  t.equal(await scalar(db.url, "select count(*) as n from pg_namespace where nspname = 'drizzle'"), 0, 'nothing migrated while the lock is held')
  await holder.query(MIGRATION_UNLOCK_SQL)
  const result = await waiting
  t.match(result, { applied: journalEntries(), total: journalEntries() }, 'migrates once the lock is free')
})
