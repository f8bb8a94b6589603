// Start-up rebuild of the search index: a database whose terms were built by other rules (no version recorded) is re-indexed once, on either engine.
import t from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api, buildTestApp, marketFixture, testDatabaseEnv, TEST_ENGINE } from '../helper.ts'
import { openOrder } from '../helpers/market.ts'
import { rebuildSearchIndex, storedIndexVersion } from '../../src/modules/orders/search-index.ts'
import { allianceTerm, SEARCH_INDEX_VERSION } from '../../src/modules/orders/search-terms.ts'

/** Overwrites an order's stored terms, as an index built by other term rules would hold them. */
const STALE_TERMS = {
  sqlite: 'insert or replace into order_search (rowid, terms, order_id) values (order_search_key(@id), @terms, @id)',
  postgres: 'update orders set search_terms = cast(@terms as text[]) where id = @id'
} as const

t.test('terms built by other rules are rebuilt at start-up in one step, once', async (t) => {
  // One database opened twice: a file on SQLite, the same database on PostgreSQL.
  const env = TEST_ENGINE === 'sqlite' ? { DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'talent-orders-search-')), 'old.db') } : await testDatabaseEnv(t)
  const first = await buildTestApp(t, env)
  t.equal(await storedIndexVersion(first.data), SEARCH_INDEX_VERSION, 'a fresh database records the current version')
  const { enterprise, college } = await marketFixture(first)
  const order = await openOrder(first, enterprise, { title: 'Welders for the body shop', occupation: '焊工', description: '', skills: ['laboratory-analysis'] })
  // The database as the first index left it: whole lower-cased words, no version row.
  // (Held under the order's alliance, as a college's search reads them.)
  const { allianceId } = (await first.data.get<{ allianceId: string }>('select alliance_id as "allianceId" from orders where id = @id', { id: order['id'] }))!
  const stale = ['welders', 'for', 'the', 'body', 'shop', 'zzstale', '焊', '工', '焊工'].map((term) => allianceTerm(allianceId, term))
  await first.data.write((tx) => tx.run(STALE_TERMS[tx.engine], { id: order['id'], terms: tx.engine === 'sqlite' ? stale.join(' ') : stale }))
  await first.data.run('delete from search_index_versions')
  const search = async (app: typeof first, q: string) => ((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}` })).json() as { items: { id: string }[] }).items.map((o) => o.id)
  t.same(await search(first, 'welder'), [], 'unstemmed terms do not meet stemmed queries')
  t.same(await search(first, 'zzstale'), [order['id']], 'the stale terms are what the index holds')
  await first.close()

  const second = await buildTestApp(t, env)
  t.equal(await storedIndexVersion(second.data), SEARCH_INDEX_VERSION, 'the version is recorded')
  t.same(await search(second, 'welder'), [order['id']], 'terms rebuilt from the order text, stemmed')
  t.same(await search(second, 'bodies'), [order['id']], 'body and bodies meet (bodi)')
  t.same(await search(second, 'zzstale'), [], 'no stale term is left')
  t.same(await search(second, '焊工'), [order['id']], 'Chinese terms as before')
  t.equal(await rebuildSearchIndex(second.data), undefined, 'idempotent: nothing to do once current')
})
