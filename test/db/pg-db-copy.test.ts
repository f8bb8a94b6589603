// db:copy: a SQLite file with the demo data copied into a fresh PostgreSQL database, its counts and rows, and an app serving the copy.
import t from 'tap'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { openSqliteConnection } from '../../db/sqlite/data-layer.ts'
import { DEMO_ADMIN, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from '../../src/seed/demo.ts'
import { bidderToken, orderSearchTerms, SEARCH_INDEX_VERSION } from '../../src/modules/orders/search-terms.ts'
import { copySqliteToPostgres } from '../../scripts/sqlite-to-postgres.ts'
import { fromRoot } from '../../src/lib/project-root.ts'
import { createTestDatabase } from '../support/postgres-database.ts'
import { login, testEnv } from '../helper.ts'

const run = promisify(execFile)
const BIT_62_AND_1 = 2n ** 62n + 1n

/** A SQLite file with the demo data, as `npm start` outside production leaves it; one order's skill bits past 2^53; one order with bids cancelled. */
async function demoFile (t: { teardown: (fn: () => unknown) => void }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'talent-orders-copy-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'marketplace.db')
  const app = await buildApp({ config: loadConfig(testEnv({ DATABASE_PATH: path, DEMO_DATA: 'true' })) })
  await app.close()
  const sqlite = openSqliteConnection(path)
  sqlite.prepare('update order_match_facts set skill_bits = ? where order_id = (select min(order_id) from order_match_facts)').run(BIT_62_AND_1)
  sqlite.prepare("update orders set status = 'cancelled' where id = (select min(order_id) from bids)").run()
  sqlite.close()
  return path
}

async function withClient<T> (url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' })
  await client.connect()
  try { return await fn(client) } finally { await client.end() }
}

/** What a college sees of the open orders, on an app over the given database. */
async function collegeView (env: Record<string, string>) {
  const app = await buildApp({ config: loadConfig(testEnv(env)) })
  try {
    const college = DEMO_ORGANIZATIONS.find((o) => o.org.kind === 'college')!
    const session = await login(app, college.email, DEMO_PASSWORD)
    const admin = await login(app, DEMO_ADMIN.email, DEMO_PASSWORD)
    const list = await app.inject({ method: 'GET', url: '/v1/orders?limit=50', headers: { authorization: `Bearer ${session.token}` } })
    const first = list.json().items[0] as { id: string }
    const order = await app.inject({ method: 'GET', url: `/v1/orders/${first.id}`, headers: { authorization: `Bearer ${session.token}` } })
    const history = await app.inject({ method: 'GET', url: `/v1/orders/${first.id}/events`, headers: { authorization: `Bearer ${admin.token}` } })
    return { list: list.json(), order: order.json(), history: history.statusCode === 200 ? history.json() : history.statusCode }
  } finally {
    await app.close()
  }
}

t.test('copies every table of a demo SQLite file, keeps values exact, and an app on the copy serves what the SQLite app serves', async (t) => {
  const from = await demoFile(t)
  const target = await createTestDatabase(t)
  const result = await copySqliteToPostgres({ from, to: target.url, batchRows: 7 })
  t.ok(result.committed)
  t.same(result.mismatches, [])
  t.same(result.skipped.filter((s) => ['order_search', 'search_index_versions', '__drizzle_migrations'].includes(s)).sort(), ['__drizzle_migrations', 'order_search', 'search_index_versions'])
  const counts = Object.fromEntries(result.tables.map((r) => [r.table, r.postgres]))
  for (const table of ['alliances', 'organizations', 'users', 'memberships', 'orders', 'order_skills', 'bids', 'matches', 'events', 'order_match_facts', 'skills']) {
    t.ok(counts[table]! > 0, `${table} has rows (${counts[table]})`)
  }
  t.ok(result.tables.findIndex((r) => r.table === 'organizations') < result.tables.findIndex((r) => r.table === 'orders'), 'parents before children')

  const sqlite = openSqliteConnection(from, { readonly: true })
  t.teardown(() => sqlite.close())
  const order = sqlite.prepare('select * from orders order by id limit 1').get() as Record<string, string | number>
  const biddersOf = (orderId: string) =>
    (sqlite.prepare('select distinct organization_id as id from bids where order_id = ?').all(orderId) as Array<{ id: string }>).map((b) => b.id)
  const lastSeq = Number((sqlite.prepare('select max(seq) as n from events').get() as { n: number }).n)
  await withClient(target.url, async (client) => {
    const copied = (await client.query('select id, alliance_id, organization_id, skills, created_at, bid_deadline, training_start, search_terms from orders where id = $1', [order['id']])).rows[0]
    t.same(copied.skills, JSON.parse(String(order['skills'])), 'JSON text became jsonb')
    t.equal((copied.created_at as Date).toISOString(), order['created_at'], 'instants keep their millisecond')
    t.equal((copied.bid_deadline as Date).toISOString(), order['bid_deadline'])
    const versions = (await client.query('select name, version from search_index_versions')).rows
    t.same(versions, [{ name: 'order_search', version: SEARCH_INDEX_VERSION }], 'the terms\' rules recorded: the first start does not rebuild them')
    t.same(copied.search_terms, orderSearchTerms({
      allianceId: String(order['alliance_id']),
      organizationId: String(order['organization_id']),
      title: String(order['title']),
      occupation: String(order['occupation']),
      description: String(order['description']),
      skills: JSON.parse(String(order['skills'])) as string[],
      bidders: order['status'] === 'cancelled' ? biddersOf(String(order['id'])) : []
    }), 'search terms written, with the skill tags and the alliance and owner tokens')
    const cancelled = sqlite.prepare("select id from orders where status = 'cancelled'").get() as { id: string }
    const bidders = biddersOf(cancelled.id)
    t.ok(bidders.length > 0)
    const terms = (await client.query('select search_terms from orders where id = $1', [cancelled.id])).rows[0].search_terms as string[]
    t.ok(bidders.every((id) => terms.includes(bidderToken(id))), 'a cancelled order carries its bidders\' tokens')
    const bits = (await client.query('select skill_bits::text as bits from order_match_facts where skill_bits > 9007199254740992')).rows
    t.same(bits, [{ bits: BIT_62_AND_1.toString() }], 'skill_bits exact past 2^53')
    t.equal(Number((await client.query('select max(seq) as n from events')).rows[0].n), lastSeq, 'events keep their seq')
    t.equal(Number((await client.query("select nextval(pg_get_serial_sequence('events', 'seq')) as n")).rows[0].n), lastSeq + 1, 'the identity continues after the copied seq')
  })

  await t.rejects(copySqliteToPostgres({ from, to: target.url }), { name: 'CopyRefused', message: /already holds rows/ }, 'a target with rows is refused')
  const again = await copySqliteToPostgres({ from, to: target.url, replace: true })
  t.ok(again.committed, '--replace empties it and copies again')
  t.same(again.tables, result.tables)

  const onSqlite = await collegeView({ DATABASE_PATH: from })
  const onPostgres = await collegeView({ DATABASE_URL: target.url, DATABASE_POOL_SIZE: '4' })
  t.ok(onSqlite.list.items.length > 0, 'the college sees orders')
  t.same(onPostgres.list, onSqlite.list, 'the same order list page')
  t.same(onPostgres.order, onSqlite.order, 'the same order')
  t.same(onPostgres.history, onSqlite.history, 'the same order history')
})

t.test('npm run db:copy: prints the counts, exits 0; refuses a filled target with 1, a bad call with 2', async (t) => {
  const from = await demoFile(t)
  const target = await createTestDatabase(t)
  const script = fromRoot('scripts', 'db-copy.ts')
  const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, DATABASE_URL: '' } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: { code: number, stdout: string, stderr: string }) => error)
  const first = await cli(['--from', from, '--to', target.url])
  t.equal(first.code, 0, 'exit 0')
  t.match(first.stdout, /^orders\s+\d+\s+\d+\s+ok$/m)
  t.match(first.stdout, /counts match/)
  t.notMatch(first.stderr, /:[^:@/]+@/, 'no password in the output')
  const refused = await cli(['--from', from, '--to', target.url])
  t.equal(refused.code, 1)
  t.match(refused.stderr, /already holds rows.*--replace/)
  t.equal((await cli(['--from', from])).code, 2)
  t.equal((await cli(['--from', join(from, 'nowhere.db'), '--to', target.url])).code, 1)
})
