// The SQLite data layer: migrations from empty, pragmas, restarts, and the write/read contract every repository relies on.
import t from 'tap'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { is } from 'drizzle-orm'
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core'
import * as schema from '../../db/schema/index.ts'
import { migrateSqlite, migrationsFolder, openSqliteConnection, openSqliteDataLayer, type SqliteDataLayer } from '../../db/sqlite/data-layer.ts'
import { CommitThenRefuse, writeTransaction } from '../../db/transaction.ts'
import { HttpProblem } from '../../src/lib/problems.ts'
import { buildTestApp, registerOrg, login, sqliteOf, PASSWORD, type TestApp } from '../helper.ts'
import { sharedDatabaseEnv } from '../helpers/hardening.ts'

type Tap = { teardown: (fn: () => unknown) => void }

const tempPath = (name: string) => join(mkdtempSync(join(tmpdir(), 'talent-orders-db-')), 'nested', 'dir', name)

/** A data layer on a new file (or in memory), closed with the test. */
function openLayer (t: Tap, path = tempPath('layer.db')): SqliteDataLayer {
  const data = openSqliteDataLayer(path, { busyTimeoutMs: 1000 })
  t.teardown(() => data.close())
  return data
}

const counter = async (data: SqliteDataLayer, key: string) =>
  (await data.get<{ count: number }>('select count from rate_limits where key = @key', { key }))?.count

t.test('migrations apply from empty to a new file, matching every table and column of the schema', async (t) => {
  const path = tempPath('fresh.db')
  const sqlite = openSqliteConnection(path)
  t.teardown(() => sqlite.close())
  t.equal((sqlite.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n, 0, 'starts empty')
  migrateSqlite(sqlite)
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  const applied = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
  t.equal(applied, journal.entries.length, 'every committed migration applied once')
  const tables = Object.values(schema).filter((value) => is(value, SQLiteTable)) as SQLiteTable[]
  t.ok(tables.length >= 8)
  for (const table of tables) {
    const config = getTableConfig(table)
    const columns = (sqlite.prepare('select name from pragma_table_info(?)').all(config.name) as { name: string }[]).map((c) => c.name)
    t.same(columns.sort(), config.columns.map((c) => c.name).sort(), `table ${config.name} matches db/schema (run db:generate after a schema change)`)
  }
  migrateSqlite(sqlite)
  t.equal((sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n, applied, 'migrating again changes nothing')
})

t.test('a file database runs in WAL mode with foreign keys and a busy timeout', async (t) => {
  const app = await buildTestApp(t, { DATABASE_PATH: tempPath('pragmas.db'), BUSY_TIMEOUT_MS: '2500' })
  const sqlite = sqliteOf(app)
  t.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(sqlite.pragma('foreign_keys', { simple: true }), 1)
  t.equal(sqlite.pragma('busy_timeout', { simple: true }), 2500)
  t.throws(() => sqlite.prepare("insert into memberships (id, organization_id, alliance_id, status, created_at) values ('m1', 'no-such-org', 'no-such-alliance', 'pending', '2027-01-01T00:00:00.000Z')").run(),
    /FOREIGN KEY constraint failed/, 'foreign keys are enforced')
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
})

const count = async (app: TestApp, table: string) =>
  Number((await app.data.get<{ n: number }>(`select count(*) as n from ${table}`))?.n)

t.test('a restart on the same database keeps the data and seeds nothing twice', async (t) => {
  const env = { ...await sharedDatabaseEnv(t, 'restart.db'), DEMO_DATA: 'true' }
  const tables = ['users', 'organizations', 'memberships', 'alliances', 'skills'] as const
  const counts = async (app: TestApp) => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(app, table)] as const)))

  const first = await buildTestApp(t, env)
  const seeded = await counts(first)
  t.ok(Number(seeded['organizations']) > 0, 'demo data on the fresh database')
  const added = await registerOrg(first, 'college', { name: '重启后仍在的学院', email: 'restart@test.talent-orders.cn' })
  const admin = await login(first, 'root@test.talent-orders.cn', 'root-Password-for-tests-1')
  t.equal((await first.inject({ method: 'POST', url: '/v1/alliances', headers: { authorization: `Bearer ${admin.token}` }, payload: { code: 'marine', name: 'Marine', nameZh: '船舶海工' } })).statusCode, 201)
  await first.close()

  const second = await buildTestApp(t, env)
  t.equal(await count(second, 'users'), Number(seeded['users']) + 1, 'no demo user or admin created twice')
  t.equal(await count(second, 'organizations'), Number(seeded['organizations']) + 1)
  t.equal(await count(second, 'memberships'), seeded['memberships'])
  t.equal(await count(second, 'alliances'), Number(seeded['alliances']) + 1, 'the founding alliances are not duplicated')
  t.equal(await count(second, 'skills'), seeded['skills'], 'the vocabulary is not duplicated')
  const session = await login(second, 'restart@test.talent-orders.cn', PASSWORD)
  const profile = await second.inject({ method: 'GET', url: `/v1/organizations/${added.organizationId}`, headers: { authorization: `Bearer ${session.token}` } })
  t.equal(profile.json().name, '重启后仍在的学院', 'read back after the restart')
  const oldToken = await second.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${added.token}` } })
  t.equal(oldToken.statusCode, 200, 'sessions survive a restart (same JWT_SECRET)')
  const refreshed = await second.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: added.refreshToken } })
  t.equal(refreshed.statusCode, 200, 'refresh tokens live in the database')
})

t.test('a database with users but DEMO_DATA=false gets no demo data later on', async (t) => {
  const env = await sharedDatabaseEnv(t, 'no-demo.db')
  const first = await buildTestApp(t, { ...env, DEMO_DATA: 'false' })
  await registerOrg(first, 'enterprise')
  await first.close()
  const second = await buildTestApp(t, { ...env, DEMO_DATA: 'true' })
  t.equal(await count(second, 'organizations'), 1, 'demo data only on a fresh database')
})

t.test('write transactions run one at a time: an await inside one never lets another in', async (t) => {
  for (const path of [':memory:', tempPath('serial.db')]) {
    const data = openLayer(t, path)
    await data.run("insert into rate_limits (key, count, reset_at) values ('serial', 0, 0)")
    const steps: string[] = []
    const increment = (name: string) => data.write(async (tx) => {
      steps.push(`${name} begins`)
      const row = await tx.get<{ count: number }>("select count from rate_limits where key = 'serial'")
      await sleep(20)
      await tx.run("update rate_limits set count = @count where key = 'serial'", { count: Number(row?.count) + 1 })
      steps.push(`${name} ends`)
    })
    await Promise.all([increment('a'), increment('b'), increment('c')])
    t.same(steps, ['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends'], `${path}: in order, never interleaved`)
    t.equal(await counter(data, 'serial'), 3, `${path}: no lost update`)
  }
})

t.test('a throw inside a write rolls everything back and reaches the caller', async (t) => {
  const data = openLayer(t)
  const failure = new Error('refused halfway')
  await t.rejects(data.write(async (tx) => {
    await tx.run("insert into rate_limits (key, count, reset_at) values ('doomed', 1, 0)")
    await tx.run("update rate_limits set count = 2 where key = 'doomed'")
    throw failure
  }), failure)
  t.equal(await counter(data, 'doomed'), undefined, 'nothing of it stored')
  t.equal(await data.write(async (tx) => (await tx.run("insert into rate_limits (key, count, reset_at) values ('after', 1, 0)")).changes), 1, 'the next write runs')
})

t.test('inside a write, a statement on the data layer itself (or a nested write) is refused', async (t) => {
  const data = openLayer(t)
  await t.rejects(data.write(async () => { await data.get('select 1 as one') }), /outside the open transaction/)
  await t.rejects(data.write(async () => { await data.run("insert into rate_limits (key, count, reset_at) values ('stray', 1, 0)") }), /outside the open transaction/)
  await t.rejects(data.write(async () => { await data.write(async () => {}) }), /outside the open transaction/)
  t.equal(await counter(data, 'stray'), undefined, 'the stray statement did not run')
  t.same(await data.get('select 1 as one'), { one: 1 }, 'outside a write the data layer answers')
})

t.test('CommitThenRefuse keeps what the transaction wrote and then throws its problem; a plain problem rolls back', async (t) => {
  const data = openLayer(t)
  const problem = new HttpProblem(409, 'deadline_passed', 'the order closed just now')
  await t.rejects(writeTransaction(data, async (tx) => {
    await tx.run("insert into rate_limits (key, count, reset_at) values ('kept', 1, 0)")
    throw new CommitThenRefuse(problem)
  }), problem)
  t.equal(await counter(data, 'kept'), 1, 'committed before the refusal')
  await t.rejects(writeTransaction(data, async (tx) => {
    await tx.run("insert into rate_limits (key, count, reset_at) values ('dropped', 1, 0)")
    throw problem
  }), problem)
  t.equal(await counter(data, 'dropped'), undefined, 'rolled back')
  t.equal(await writeTransaction(data, async () => 'value'), 'value', 'a result passes through')
})

t.test('on a file, reads outside a write see the last committed state, never a running transaction', async (t) => {
  const data = openLayer(t, tempPath('reads.db'))
  let release = () => {}
  const held = new Promise<void>((resolve) => { release = resolve })
  let inserted = () => {}
  const written = new Promise<void>((resolve) => { inserted = resolve })
  const writing = data.write(async (tx) => {
    await tx.run("insert into rate_limits (key, count, reset_at) values ('visible', 1, 0)")
    inserted()
    await held
  })
  await written
  t.equal(await counter(data, 'visible'), undefined, 'not yet committed: the reader does not see it')
  release()
  await writing
  t.equal(await counter(data, 'visible'), 1, 'committed: the reader sees it')
  t.same(await data.orm.select().from(schema.rateLimits).all(), [{ key: 'visible', count: 1, resetAt: 0 }], 'the query builder reads the same rows')
})
