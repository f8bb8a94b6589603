// The PostgreSQL data layer: rows in the SQLite shape, rollback, retries on serialization failures, locks across transactions.
import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { eq } from 'drizzle-orm'
import { openPostgresDataLayer, type PostgresDataLayer } from '../../db/pg/data-layer.ts'
import { rateLimits } from '../../db/schema/index.ts'
import { clusterUrl, createTestDatabase, migratedTemplate } from '../support/postgres-database.ts'

type Tap = { teardown: (fn: () => unknown) => void }

async function openLayer (t: Tap): Promise<PostgresDataLayer> {
  const database = await createTestDatabase(t, { template: await migratedTemplate(await clusterUrl()) })
  const data = await openPostgresDataLayer({ url: database.url, poolSize: 4, onPoolError: () => {} })
  t.teardown(() => data.close())
  return data
}

t.test('rows come back in the shape SQLite gives them', async (t) => {
  const data = await openLayer(t)
  const row = await data.get<Record<string, unknown>>(`select cast('2027-01-10T08:00:00.5Z' as timestamptz) as "at",
    cast('2027-03-01' as date) as "day", cast('{"a":[1,"焊工"]}' as jsonb) as "doc", exists(select 1) as "yes",
    count(*) as "n", cast(@big as bigint) as "big"`, { big: 2 ** 40 })
  t.same(row, { at: '2027-01-10T08:00:00.500Z', day: '2027-03-01', doc: '{"a": [1, "焊工"]}', yes: 1, n: 1, big: 2 ** 40 })
})

t.test('the query builder written for the SQLite tables runs on PostgreSQL, upserts included', async (t) => {
  const data = await openLayer(t)
  const upsert = (count: number) => data.orm.insert(rateLimits).values({ key: 'k', count, resetAt: 5 })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count } }).returning({ count: rateLimits.count })
  t.same(await upsert(1), [{ count: 1 }])
  t.same(await upsert(2), [{ count: 2 }])
  t.same(await data.orm.select().from(rateLimits).where(eq(rateLimits.key, 'k')).get(), { key: 'k', count: 2, resetAt: 5 })
})

t.test('a throw inside a write rolls back; CommitThenRefuse-free writes commit', async (t) => {
  const data = await openLayer(t)
  await t.rejects(data.write(async (tx) => {
    await tx.run("insert into rate_limits (key, count, reset_at) values ('doomed', 1, 0)")
    throw new Error('refused halfway')
  }), /refused halfway/)
  t.equal(await data.get("select key from rate_limits where key = 'doomed'"), undefined, 'nothing stored')
  await data.write(async (tx) => { await tx.run("insert into rate_limits (key, count, reset_at) values ('kept', 1, 0)") })
  t.ok(await data.get("select key from rate_limits where key = 'kept'"))
})

t.test('a serialization failure or deadlock runs the transaction again, a bounded number of times', async (t) => {
  const data = await openLayer(t)
  let attempts = 0
  const result = await data.write(async (tx) => {
    attempts++
    await tx.run("insert into rate_limits (key, count, reset_at) values ('retried', 1, 0)")
    if (attempts < 3) throw Object.assign(new Error('could not serialize access'), { code: attempts === 1 ? '40001' : '40P01' })
    return 'done'
  })
  t.equal(result, 'done')
  t.equal(attempts, 3)
  t.same(await data.all("select count from rate_limits where key = 'retried'"), [{ count: 1 }], 'the failed attempts left nothing')
  attempts = 0
  await t.rejects(data.write(async () => { attempts++; throw Object.assign(new Error('again'), { code: '40001' }) }, { retries: 2 }), /again/)
  t.equal(attempts, 3, 'the first try and two retries')
})

t.test('select … for update makes a second writer wait for the first (check-then-write across connections)', async (t) => {
  const data = await openLayer(t)
  await data.run("insert into rate_limits (key, count, reset_at) values ('seats', 0, 0)")
  const increment = () => data.write(async (tx) => {
    const row = await tx.get<{ count: number }>("select count from rate_limits where key = 'seats' for update")
    await sleep(30)
    await tx.run("update rate_limits set count = @count where key = 'seats'", { count: Number(row?.count) + 1 })
  })
  await Promise.all([increment(), increment(), increment()])
  t.same(await data.get("select count from rate_limits where key = 'seats'"), { count: 3 }, 'no lost update')
})
