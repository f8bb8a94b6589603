// SQLite only: the FTS5 index keyed by each order's search key (sorts like its UUIDv7 id), the upgrade from rowid keys, key collisions.
import t from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api, buildTestApp, marketFixture, sqliteOf, type TestApp } from '../helper.ts'
import { openOrder } from '../helpers/market.ts'
import { newId } from '../../src/lib/ids.ts'
import { openSqliteConnection } from '../../db/sqlite/data-layer.ts'
import { orderSearchKey, searchKeyOrBelow } from '../../db/sqlite/search-key.ts'
import { insertOrder } from '../../src/modules/orders/store.ts'
import { rebuildSearchIndex } from '../../src/modules/orders/search-index.ts'

const fileEnv = () => ({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'talent-orders-search-key-')), 'market.db') })

t.test('keys sort opposite to the ids, and a bound is never above the key of an id sorting under it', async (t) => {
  const ids = Array.from({ length: 20_000 }, () => newId(Date.now() - Math.floor(Math.random() * 1e10))).sort()
  const keys = ids.map(orderSearchKey)
  t.ok(keys.every((key, i) => i === 0 || key < keys[i - 1]!), 'strictly decreasing over sorted ids from one process')
  t.ok(keys.every((key) => key < 0n && key > -(2n ** 63n)), 'every key fits SQLite\'s signed 64-bit rowid')
  const v4 = '01890a5d-ac96-4d5e-9b3a-1f0c2e3d4a5b'
  const below = '01890a5d-ac96-7fff-bfff-ffffffffffff'
  t.ok(searchKeyOrBelow(v4) <= orderSearchKey('01890a5d-ac96-7fff-bfff-ffffffffffff'), 'another UUID version: its millisecond\'s lowest key')
  t.equal(searchKeyOrBelow(below), orderSearchKey(below), 'a UUIDv7 bound is its own key')
  t.equal(searchKeyOrBelow('not an id'), -(2n ** 63n - 1n), 'any other text: the lowest key')
  t.throws(() => orderSearchKey(v4), /not a UUIDv7/, 'an order id must be a UUIDv7')
})

/** Ids of the orders a search of `q` lists for the college, newest first. */
const searchIds = async (app: TestApp, token: string, q: string) =>
  ((await api(app, token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}` })).json() as { items: { id: string }[] }).items.map((o) => o.id)

t.test('a file from before the keyed index (rowid keys) is rebuilt on start and searches as before', async (t) => {
  const env = fileEnv()
  const first = await buildTestApp(t, env)
  const { enterprise, college } = await marketFixture(first)
  const older = await openOrder(first, enterprise, { title: '汽车焊工培训' })
  const newer = await openOrder(first, enterprise, { title: '焊工订单班' })
  await first.close()
  // The file as migration 0014 left it: rows keyed by the order's rowid, without the order id; 0015 not applied.
  // (FTS5 leaves a contentless_unindexed table's %_content shadow table behind when the table is dropped; a
  // connection opened after the drop may remove it.)
  const file = openSqliteConnection(env.DATABASE_PATH)
  file.exec('drop table order_search')
  file.close()
  const old = openSqliteConnection(env.DATABASE_PATH)
  old.exec(`drop table order_search_content;
    create virtual table order_search using fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail=none);
    insert into order_search (rowid, terms) select rowid, '焊工 焊 工' from orders;`)
  // Migrations after 0015 undone too (drizzle applies what is newer than the newest recorded): 0016, fair tendering,
  // 0017, notifications, 0018, alliance targets, 0019, enterprise records, and 0020, teams.
  old.exec(`drop table mail_outbox;
    drop table password_resets;
    drop table invitations;
    drop index users_organization_idx;
    alter table users drop column org_role;
    alter table users drop column status;
    alter table users drop column last_login_at;
    create index users_organization_idx on users (organization_id);
    drop table enterprise_records;
    drop table enterprise_record_orders;
    drop index order_match_facts_feed_idx;
    alter table order_match_facts drop column enterprise_id;
    create index order_match_facts_feed_idx on order_match_facts (status, alliance_id, bid_deadline, skill_bits, deadline_day,
      headcount, training_start, training_end, key_count, keys, order_id);
    drop table alliance_targets;
    drop table webhook_deliveries;
    drop table webhook_event_types;
    drop table webhooks;
    drop table notifications;
    drop table complaints;
    drop table questions;
    alter table matches drop column standstill_until;
    alter table orders drop column min_bids;
    alter table orders drop column question_deadline;
    delete from __drizzle_migrations where created_at > (select created_at from __drizzle_migrations order by created_at limit 1 offset 14);`)
  old.close()

  const second = await buildTestApp(t, env)
  const columns = sqliteOf(second).prepare('select name from pragma_table_info(\'order_search\')').all() as { name: string }[]
  t.same(columns.map((c) => c.name), ['terms', 'order_id'], 'migration 0015 recreated the index with the order id')
  t.same(await searchIds(second, college.token, '焊工'), [newer['id'], older['id']], 'every order re-indexed from its text, newest first')
  t.same(await searchIds(second, college.token, '订单班'), [newer['id']], 'terms from the order text, not the old rows')
})

t.test('an order whose search key is taken gets a newer id; a rebuild refuses ids that share a key', async (t) => {
  const app = await buildTestApp(t, fileEnv())
  const { enterprise, college } = await marketFixture(app)
  const template = await openOrder(app, enterprise, { title: '化工操作工' })
  const sqlite = sqliteOf(app)
  const row = sqlite.prepare('select * from orders where id = ?').get(template['id']) as Record<string, unknown>
  const proposed = newId()
  // Another order (another process, a clock stepped back) already holds the proposed id's key.
  sqlite.prepare('insert into order_search (rowid, terms, order_id) values (order_search_key(?), ?, ?)').run(proposed, 'zzother', 'other')
  const stored = await app.data.write((tx) => insertOrder(tx, {
    id: proposed,
    allianceId: String(row['alliance_id']),
    organizationId: String(row['organization_id']),
    createdBy: String(row['created_by']),
    status: 'open',
    title: '化工操作工二期',
    occupation: '化工操作工',
    description: '',
    skills: [],
    headcount: 5,
    location: '宁波',
    trainingStart: String(row['training_start']),
    trainingEnd: String(row['training_end']),
    bidDeadline: String(row['bid_deadline']),
    createdAt: String(row['created_at']),
    updatedAt: String(row['updated_at'])
  }))
  t.not(stored, proposed, 'another id')
  t.ok(stored > proposed, 'a newer one')
  t.same(await searchIds(app, college.token, '二期'), [stored], 'searchable under its own key')
  t.same(await searchIds(app, college.token, 'zzother'), [], 'the other key\'s row is untouched (and names no order the caller sees)')

  // Two more orders whose ids share every bit of the key (they differ in the last random bits only): one index row for both.
  sqlite.exec('create temp table copied as select * from orders where 0')
  const copy = sqlite.prepare('insert into orders select * from temp.copied')
  const shared = newId().slice(0, 24)
  for (const suffix of ['000000000001', '000000000002']) {
    sqlite.exec('delete from temp.copied')
    sqlite.prepare('insert into temp.copied select * from orders where id = ?').run(template['id'])
    sqlite.prepare('update temp.copied set id = ?').run(`${shared}${suffix}`)
    copy.run()
  }
  const rowsBefore = (sqlite.prepare('select count(*) as n from order_search').get() as { n: number }).n
  await t.rejects(rebuildSearchIndex(app.data, { force: true }), /share a search key/, 'the rebuild fails loudly')
  t.equal((sqlite.prepare('select count(*) as n from order_search').get() as { n: number }).n, rowsBefore, 'and is rolled back whole')
  t.same(await searchIds(app, college.token, '二期'), [stored], 'the index as it was')
})
