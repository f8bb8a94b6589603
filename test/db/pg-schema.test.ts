// The migrated PostgreSQL database matches db/pg/schema, and its column types give rows the SQLite shape.
import t, { type Test } from 'tap'
import { is, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from '../../db/pg/schema/index.ts'
import { createTestDatabase, migratedTemplate, clusterUrl } from '../support/postgres-database.ts'

const tables = Object.values(schema).filter((v) => is(v, PgTable)).map((v) => getTableConfig(v as PgTable))

async function open (t: Test) {
  const database = await createTestDatabase(t, { template: await migratedTemplate(await clusterUrl()) })
  const pool = new pg.Pool({ connectionString: database.url, max: 2 })
  pool.on('error', () => {}) // idle connections end when the database is dropped WITH (FORCE)
  t.teardown(() => pool.end())
  return { pool, db: drizzle({ client: pool, schema }) }
}

t.test('the migrations create every table, column and index of db/pg/schema (run db:pg-generate after a change)', async (t) => {
  const { pool } = await open(t)
  for (const table of tables) {
    const columns = await pool.query<{ name: string }>('select column_name as name from information_schema.columns where table_schema = $1 and table_name = $2', ['public', table.name])
    t.same(columns.rows.map((c) => c.name).sort(), table.columns.map((c) => c.name).sort(), `${table.name}: columns`)
    const indexes = await pool.query<{ name: string }>('select indexname as name from pg_indexes where schemaname = $1 and tablename = $2', ['public', table.name])
    const names = new Set(indexes.rows.map((i) => i.name))
    for (const index of table.indexes) t.ok(names.has(index.config.name ?? ''), `${table.name}: index ${index.config.name}`)
  }
})

t.test('rows read back in the SQLite shape: RFC 3339 instants, dates, JSON, 63-bit skill masks', async (t) => {
  const { db } = await open(t)
  const at = '2027-01-10T08:00:00.123Z'
  await db.insert(schema.alliances).values({ id: 'a1', code: 'weld', name: 'Welding', nameZh: '焊接', createdAt: at })
  await db.insert(schema.organizations).values({ id: 'o1', kind: 'college', name: '学院', specialties: ['welding', '焊工'], createdAt: at, updatedAt: '2027-01-10T16:00:00+08:00' })
  t.match(await db.query.alliances.findFirst(), { id: 'a1', createdAt: at })
  t.match(await db.query.organizations.findFirst(), { specialties: ['welding', '焊工'], updatedAt: at.replace('.123', '.000') }, 'offsets normalised to Z')
  await db.insert(schema.orderMatchFacts).values({
    orderId: 'x1', allianceId: 'a1', enterpriseId: 'o1', status: 'open', bidDeadline: at, deadlineDay: 2461781.5, headcount: 3,
    trainingStart: '2027-03-01', trainingEnd: '2027-06-30', keyCount: 1, keys: '\u001fwelding\u001f', skillBits: 1n << 62n
  })
  const facts = await db.query.orderMatchFacts.findFirst()
  t.equal(facts?.skillBits, 1n << 62n, 'bit 62 kept exactly')
  t.equal(facts?.trainingStart, '2027-03-01')
  t.equal(facts?.bidDeadline, at)
})

t.test('search terms: every query term must be in the order\'s array, answered through the GIN index', async (t) => {
  const { db, pool } = await open(t)
  const at = '2027-01-10T08:00:00.000Z'
  await db.insert(schema.alliances).values({ id: 'a1', code: 'weld', name: 'Welding', nameZh: '焊接', createdAt: at })
  await db.insert(schema.organizations).values({ id: 'e1', kind: 'enterprise', name: '企业', createdAt: at, updatedAt: at })
  await db.insert(schema.users).values({ id: 'u1', email: 'e@x.cn', emailNormalized: 'e@x.cn', passwordHash: 'h', name: 'E', role: 'enterprise', organizationId: 'e1', createdAt: at })
  const order = (id: string, title: string, searchTerms: string[]) => ({
    id, allianceId: 'a1', organizationId: 'e1', createdBy: 'u1', status: 'open' as const, title, occupation: 'welder', skills: [], headcount: 1,
    location: '上海', trainingStart: '2027-03-01', trainingEnd: '2027-06-30', bidDeadline: at, createdAt: at, updatedAt: at, searchTerms
  })
  await db.insert(schema.orders).values([
    order('o1', '焊工培训', ['焊', '工', '培', '训', '焊工', '工培', '培训', 'welder']),
    order('o2', '电工', ['电', '工', '电工', 'welder'])
  ])
  const find = async (terms: string[]) => (await db.select({ id: schema.orders.id }).from(schema.orders)
    .where(sql`${schema.orders.searchTerms} @> ${sql.param(terms)}::text[]`).orderBy(schema.orders.id)).map((r) => r.id)
  t.same(await find(['焊工']), ['o1'], 'a two-character Chinese query')
  t.same(await find(['工']), ['o1', 'o2'], 'a single character')
  t.same(await find(['welder', '电工']), ['o2'], 'all terms must match')
  const client = await pool.connect()
  t.teardown(() => client.release())
  await client.query('set enable_seqscan = off')
  const plan = (await client.query<{ 'QUERY PLAN': string }>("explain select id from orders where search_terms @> array['焊工']")).rows.map((r) => r['QUERY PLAN']).join('\n')
  t.match(plan, /orders_search_terms_idx/, 'the GIN index can answer it')
})
