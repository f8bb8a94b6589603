// The database: migrations from empty, the pragmas the service relies on, and restarts on the same file.
import t from 'tap'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { is } from 'drizzle-orm'
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core'
import * as schema from '../../db/schema/index.ts'
import { openDatabase, runMigrations, migrationsFolder } from '../../db/client.ts'
import { buildTestApp, registerOrg, login, PASSWORD } from '../helper.ts'

const tempPath = (name: string) => join(mkdtempSync(join(tmpdir(), 'talent-orders-db-')), 'nested', 'dir', name)
const pragma = (sqlite: { pragma: (s: string, o: { simple: true }) => unknown }, name: string) => sqlite.pragma(name, { simple: true })

t.test('migrations apply from empty to a new file, matching every table and column of the schema', async (t) => {
  const path = tempPath('fresh.db')
  const { db, sqlite } = openDatabase(path)
  t.teardown(() => sqlite.close())
  t.equal((sqlite.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n, 0, 'starts empty')
  runMigrations(db)
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
  runMigrations(db)
  t.equal((sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n, applied, 'migrating again changes nothing')
})

t.test('a file database runs in WAL mode with foreign keys and a busy timeout', async (t) => {
  const app = await buildTestApp(t, { DATABASE_PATH: tempPath('pragmas.db'), BUSY_TIMEOUT_MS: '2500' })
  t.equal(pragma(app.sqlite, 'journal_mode'), 'wal')
  t.equal(pragma(app.sqlite, 'foreign_keys'), 1)
  t.equal(pragma(app.sqlite, 'busy_timeout'), 2500)
  t.throws(() => app.sqlite.prepare("insert into memberships (id, organization_id, alliance_id, status, created_at) values ('m1', 'no-such-org', 'no-such-alliance', 'pending', '2027-01-01T00:00:00.000Z')").run(),
    /FOREIGN KEY constraint failed/, 'foreign keys are enforced')
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
})

t.test('a restart on the same file keeps the data and seeds nothing twice', async (t) => {
  const path = tempPath('restart.db')
  const env = { DATABASE_PATH: path, DEMO_DATA: 'true' }
  const count = (app: { sqlite: { prepare: (s: string) => { get: () => unknown } } }, table: string) => (app.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n

  const first = await buildTestApp(t, env)
  const seeded = { users: count(first, 'users'), organizations: count(first, 'organizations'), memberships: count(first, 'memberships'), alliances: count(first, 'alliances'), skills: count(first, 'skills') }
  t.ok(seeded.organizations > 0, 'demo data on the fresh file')
  const added = await registerOrg(first, 'college', { name: '重启后仍在的学院', email: 'restart@test.talent-orders.cn' })
  const admin = await login(first, 'root@test.talent-orders.cn', 'root-Password-for-tests-1')
  t.equal((await first.inject({ method: 'POST', url: '/v1/alliances', headers: { authorization: `Bearer ${admin.token}` }, payload: { code: 'marine', name: 'Marine', nameZh: '船舶海工' } })).statusCode, 201)
  await first.close()

  const second = await buildTestApp(t, env)
  t.equal(count(second, 'users'), seeded.users + 1, 'no demo user or admin created twice')
  t.equal(count(second, 'organizations'), seeded.organizations + 1)
  t.equal(count(second, 'memberships'), seeded.memberships)
  t.equal(count(second, 'alliances'), seeded.alliances + 1, 'the founding alliances are not duplicated')
  t.equal(count(second, 'skills'), seeded.skills, 'the vocabulary is not duplicated')
  const session = await login(second, 'restart@test.talent-orders.cn', PASSWORD)
  const profile = await second.inject({ method: 'GET', url: `/v1/organizations/${added.organizationId}`, headers: { authorization: `Bearer ${session.token}` } })
  t.equal(profile.json().name, '重启后仍在的学院', 'read back after the restart')
  const oldToken = await second.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${added.token}` } })
  t.equal(oldToken.statusCode, 200, 'sessions survive a restart (same JWT_SECRET)')
  const refreshed = await second.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: added.refreshToken } })
  t.equal(refreshed.statusCode, 200, 'refresh tokens live in the database')
})

t.test('a database with users but DEMO_DATA=false gets no demo data later on', async (t) => {
  const path = tempPath('no-demo.db')
  const first = await buildTestApp(t, { DATABASE_PATH: path, DEMO_DATA: 'false' })
  await registerOrg(first, 'enterprise')
  await first.close()
  const second = await buildTestApp(t, { DATABASE_PATH: path, DEMO_DATA: 'true' })
  t.equal((second.sqlite.prepare('select count(*) as n from organizations').get() as { n: number }).n, 1, 'demo data only on a fresh database')
})
