// A search's work is bounded whatever its query: q length, terms counted, terms used, SQL size, postings read per page.
import t from 'tap'
import { buildTestApp, marketFixture, api, sqliteOf, TEST_ENGINE } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { queryTerms, selectTerms, spreadTerms, MAX_CANDIDATE_TERMS, MAX_QUERY_TERMS } from '../../../src/modules/orders/search-terms.ts'
import { SCAN_WINDOW } from '../../../src/modules/orders/search-window.ts'

/** 64 distinct Han characters (a query of them has 63 bigrams). */
const HAN = Array.from({ length: 64 }, (_, i) => String.fromCodePoint(0x4E00 + i * 37)).join('')

t.test('selectTerms counts at most 16 terms and keeps the 6 rarest', async (t) => {
  const terms = queryTerms(HAN)
  t.equal(terms.length, 63)
  const counted: string[] = []
  const rarity = new Map(terms.map((term, i) => [term, (i * 7919) % 101]))
  const chosen = selectTerms(terms, (term) => { counted.push(term); return rarity.get(term)! })
  t.equal(counted.length, MAX_CANDIDATE_TERMS, 'postings counted for 16 terms only')
  t.equal(chosen.length, MAX_QUERY_TERMS)
  const rarest = [...counted].sort((a, b) => rarity.get(a)! - rarity.get(b)!).slice(0, MAX_QUERY_TERMS)
  t.same(chosen, rarest, 'the most selective of the counted terms, rarest first')
  t.same(spreadTerms(terms, MAX_CANDIDATE_TERMS).slice(0, 1), [terms[0]], 'the spread starts at the first term')
  t.same(spreadTerms(terms, MAX_CANDIDATE_TERMS).at(-1), terms.at(-1), 'and ends at the last')
  t.same(selectTerms(['焊工'], () => { throw new Error('not counted') }), ['焊工'], 'a single term is not counted')
  t.same(selectTerms(['a', 'b', 'c'], (term) => ({ a: 5, b: 1, c: 3 })[term]!), ['b', 'c', 'a'], 'short queries keep every term')
})

t.test('a 64-character Chinese query: few statements, few term parameters, and the order still found', { skip: TEST_ENGINE !== 'sqlite' && 'counts and writes on the SQLite connection (order_terms)' }, async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { description: `长查询：${HAN}` })
  await openOrder(app, enterprise, { description: HAN.slice(0, 20) })
  // Count what the search prepares and runs on the connection.
  const sqlite = sqliteOf(app)
  const prepare = sqlite.prepare.bind(sqlite)
  const texts: string[] = []
  let runs = 0
  t.teardown(() => { sqlite.prepare = prepare })
  sqlite.prepare = ((text: string) => {
    texts.push(text)
    const statement = prepare(text)
    for (const method of ['get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown
      Object.assign(statement, { [method]: (...args: unknown[]) => { runs++; return original(...args) } })
    }
    return statement
  }) as typeof sqlite.prepare
  const res = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(HAN)}` })
  t.equal(res.statusCode, 200)
  t.same(res.json().items.map((o: { id: string }) => o.id), [order['id']], 'only the order holding the whole query')
  const list = texts.find((text) => text.includes('order by') && text.includes('@t0'))
  t.ok(list, 'the list statement was prepared')
  t.ok(new Set(list!.match(/@t\d+/g)).size <= MAX_QUERY_TERMS, `at most ${MAX_QUERY_TERMS} term parameters`)
  t.ok(list!.length < 8_000, `list SQL of ${list!.length} characters`)
  t.ok(runs <= MAX_CANDIDATE_TERMS + 10, `${runs} statement runs`)
  const tooLong = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(HAN + '焊')}` })
  t.equal(tooLong.statusCode, 400, 'q is at most 64 characters')
})

t.test('common terms that are rare together: each page reads one scan window, and paging goes on below it', { skip: TEST_ENGINE !== 'sqlite' && 'counts and writes on the SQLite connection (order_terms)' }, async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { title: '汽车焊工培训' })
  // Newer postings of each term alone (orders that hold one term, not both), more than a window of them.
  const sqlite = sqliteOf(app)
  const allianceId = (sqlite.prepare("select id from alliances where code = 'equipment'").get() as { id: string }).id
  const fakeId = (n: number) => `ffffffff-ffff-7fff-8fff-${n.toString(16).padStart(12, '0')}`
  sqlite.pragma('foreign_keys = OFF')
  const insert = sqlite.prepare('insert into order_terms (term, order_id, alliance_id) values (?, ?, ?)')
  sqlite.transaction(() => {
    for (let n = 0; n < SCAN_WINDOW + 500; n++) {
      insert.run('焊工', fakeId(2 * n), allianceId)
      insert.run('培训', fakeId(2 * n + 1), allianceId)
    }
  })()
  sqlite.pragma('foreign_keys = ON')
  const search = (cursor?: string) => api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('焊工 培训')}${cursor ? `&cursor=${cursor}` : ''}` })
  const first = await search()
  t.equal(first.statusCode, 200)
  t.same(first.json().items, [], 'the first window holds no order with both terms')
  t.type(first.json().nextCursor, 'string', 'but the list goes on')
  const second = await search(first.json().nextCursor)
  t.same(second.json().items.map((o: { id: string }) => o.id), [order['id']], 'found below the first window')
  t.equal(second.json().nextCursor, null, 'and the list ends there')
})
