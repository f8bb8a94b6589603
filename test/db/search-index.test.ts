// Start-up rebuild of the search index: a file database with unstemmed postings from before versions is re-indexed once.
import t from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { api, buildTestApp, marketFixture, sqliteOf, TEST_ENGINE } from '../helper.ts'
import { openOrder } from '../helpers/market.ts'
import { rebuildSearchIndex, storedIndexVersion } from '../../src/modules/orders/search-index.ts'
import { SEARCH_INDEX_VERSION } from '../../src/modules/orders/search-terms.ts'

const termsOf = (sqlite: BetterSqlite3.Database, id: unknown) => (sqlite.prepare('select term from order_terms where order_id = ? order by term').all(id) as { term: string }[]).map((r) => r.term)

t.test('old unstemmed postings are rebuilt at start-up in one step, once', { skip: TEST_ENGINE !== 'sqlite' && 'order_terms and its version are SQLite only' }, async (t) => {
  const env = { DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'talent-orders-search-')), 'old.db') }
  const first = await buildTestApp(t, env)
  t.equal(await storedIndexVersion(first.data), SEARCH_INDEX_VERSION, 'a fresh database records the current version')
  const { enterprise, college } = await marketFixture(first)
  const order = await openOrder(first, enterprise, { title: 'Welders for the body shop', occupation: '焊工', description: '', skills: ['laboratory-analysis'] })
  // The database as the first index left it: whole lower-cased words, no version row.
  const sqlite = sqliteOf(first)
  sqlite.prepare('delete from order_terms where order_id = ? and term glob \'[a-z]*\'').run(order['id'])
  for (const word of ['welders', 'for', 'the', 'body', 'shop']) sqlite.prepare('insert into order_terms (term, order_id, alliance_id) select ?, id, alliance_id from orders where id = ?').run(word, order['id'])
  sqlite.prepare('delete from search_index_versions').run()
  const search = async (app: typeof first, q: string) => ((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}` })).json() as { items: { id: string }[] }).items.map((o) => o.id)
  t.same(await search(first, 'welder'), [], 'unstemmed postings do not meet stemmed queries')
  await first.close()

  const second = await buildTestApp(t, env)
  t.equal(await storedIndexVersion(second.data), SEARCH_INDEX_VERSION, 'the version is recorded')
  t.same(termsOf(sqliteOf(second), order['id']), ['bodi', 'for', 'shop', 'the', 'welder', '工', '焊', '焊工'], 'postings rebuilt from the order text, stemmed (body: bodi)')
  t.same(await search(second, 'welder'), [order['id']])
  t.same(await search(second, '焊工'), [order['id']], 'Chinese postings as before')
  t.equal(await rebuildSearchIndex(second.data), undefined, 'idempotent: nothing to do once current')
  t.same(termsOf(sqliteOf(second), order['id']).length, 8)
})
