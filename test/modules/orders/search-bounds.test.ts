// A search's work is bounded whatever its query: q length, one full-text condition however many terms, few statements, exact pages.
import t from 'tap'
import { buildTestApp, marketFixture, api, type TestApp } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { queryTerms, spreadTerms } from '../../../src/modules/orders/search-terms.ts'
import { rebuildSearchIndex } from '../../../src/modules/orders/search-index.ts'

/** 64 distinct Han characters (a query of them has 63 bigrams). */
const HAN = Array.from({ length: 64 }, (_, i) => String.fromCodePoint(0x4E00 + i * 37)).join('')

/** Records the SQL texts the app's data layer runs outside transactions (a search runs all of its statements there). */
function recordStatements (t: { teardown: (fn: () => unknown) => void }, app: TestApp): string[] {
  const texts: string[] = []
  const data = app.data as unknown as Record<'all' | 'get' | 'run', (text: string, params?: unknown) => Promise<unknown>>
  for (const method of ['all', 'get', 'run'] as const) {
    const original = data[method]
    data[method] = (text, params) => { texts.push(text); return original(text, params) }
    t.teardown(() => { data[method] = original })
  }
  return texts
}

t.test('spreadTerms keeps the first and the last term', async (t) => {
  const terms = queryTerms(HAN)
  t.equal(terms.length, 63)
  t.same(spreadTerms(terms, 16).slice(0, 1), [terms[0]], 'the spread starts at the first term')
  t.same(spreadTerms(terms, 16).at(-1), terms.at(-1), 'and ends at the last')
  t.same(spreadTerms(['a', 'b'], 16), ['a', 'b'], 'short lists whole')
})

t.test('a 64-character Chinese query: every term must match, in one condition, with few statements', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { description: `长查询：${HAN}` })
  await openOrder(app, enterprise, { description: HAN.slice(0, 60) })
  const texts = recordStatements(t, app)
  const res = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(HAN)}` })
  t.equal(res.statusCode, 200)
  t.same(res.json().items.map((o: { id: string }) => o.id), [order['id']], 'only the order holding the whole query (the other lacks its last bigrams)')
  const list = texts.filter((text) => text.includes('order by') && text.includes('@terms'))
  t.equal(list.length, 1, 'one list statement')
  t.notMatch(list[0]!, /@t\d/, 'the terms are one parameter, not one condition each')
  t.ok(list[0]!.length < 8_000, `list SQL of ${list[0]!.length} characters`)
  t.ok(texts.length <= 8, `${texts.length} statements`)
  const tooLong = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(HAN + '焊')}` })
  t.equal(tooLong.statusCode, 400, 'q is at most 64 characters')
})

/** Copies of an order (at most 65,535) with ids above every real one, titled by `title(i)`; then the index rebuilt as at start-up. */
async function copies (app: TestApp, template: string, count: number, title: (i: string) => string): Promise<void> {
  // UUIDv7 ids one millisecond apart: like newId's, no two share a search key (db/sqlite/search-key.ts).
  const id = app.data.engine === 'sqlite' ? "printf('ffffffff-%04x-7fff-8fff-000000000000', n.i)" : "'ffffffff-' || lpad(to_hex(n.i), 4, '0') || '-7fff-8fff-000000000000'"
  await app.data.write(async (tx) => {
    await tx.run(`insert into orders (id, alliance_id, organization_id, created_by, status, title, occupation, description, skills, headcount,
        location, training_start, training_end, bid_deadline, published_at, created_at, updated_at)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count})
      select ${id}, o.alliance_id, o.organization_id, o.created_by, o.status, ${title('n.i')}, '技工', '', o.skills, o.headcount,
        o.location, o.training_start, o.training_end, o.bid_deadline, o.published_at, o.created_at, o.updated_at
      from orders o cross join n where o.id = @template`, { template })
    await tx.run('delete from search_index_versions')
  })
  await rebuildSearchIndex(app.data)
}

t.test('common terms that are rare together: the order holding both is found on the first page, and the list ends', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { title: '汽车焊工培训' })
  // Newer orders holding one of the terms each (2,000 of each), none both.
  await copies(app, String(order['id']), 4000, (i) => `case when ${i} % 2 = 0 then '焊工岗位' else '培训计划' end`)
  const search = (q: string, cursor?: string) => api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}&limit=20${cursor ? `&cursor=${cursor}` : ''}` })
  const both = await search('焊工 培训')
  t.equal(both.statusCode, 200)
  t.same(both.json().items.map((o: { id: string }) => o.id), [order['id']], 'the one order with both terms')
  t.equal(both.json().nextCursor, null, 'and the list ends there')
  const first = (await search('焊工')).json() as { items: { id: string }[], nextCursor: string }
  t.equal(first.items.length, 20, 'a common term fills its page')
  t.same(first.items.map((o) => o.id), [...first.items.map((o) => o.id)].sort().reverse(), 'newest first')
  const second = (await search('焊工', first.nextCursor)).json() as { items: { id: string }[] }
  t.ok(second.items.every((o) => o.id < first.items.at(-1)!.id), 'the next page continues below')
})

/** The id `copies` gives copy `i`. */
const copyId = (i: number) => `ffffffff-${i.toString(16).padStart(4, '0')}-7fff-8fff-000000000000`

t.test('terms of every density page exactly: the newest first, every match once, the list ends after the last', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { title: '模板订单' })
  // 6,000 newer orders: one in 2 holds 车工 (dense), one in 40 holds 铣工, one in 150 holds 磨工, one in 1,500 holds 钳工.
  const count = 6000
  await copies(app, String(order['id']), count, (i) => `case when ${i} % 1500 = 0 then '钳工' when ${i} % 150 = 0 then '磨工' when ${i} % 40 = 0 then '铣工' when ${i} % 2 = 0 then '车工' else '学徒' end`)
  const holds: Record<string, (i: number) => boolean> = {
    车工: (i) => i % 2 === 0 && i % 40 !== 0 && i % 150 !== 0,
    铣工: (i) => i % 40 === 0 && i % 150 !== 0,
    磨工: (i) => i % 150 === 0 && i % 1500 !== 0,
    钳工: (i) => i % 1500 === 0
  }
  for (const [q, holdsTerm] of Object.entries(holds)) {
    const expected = Array.from({ length: count }, (_, k) => count - k).filter(holdsTerm).map(copyId)
    const seen: string[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 4; pages++) {
      const url: string = `/v1/orders?q=${encodeURIComponent(q)}&limit=20${cursor === null ? '' : `&cursor=${cursor}`}`
      const page = (await api(app, college.token, { method: 'GET', url })).json() as { items: { id: string }[], nextCursor: string | null }
      seen.push(...page.items.map((o) => o.id))
      cursor = page.nextCursor
      if (cursor === null) break
    }
    const wanted = expected.slice(0, seen.length)
    t.same(seen, wanted, `${q}: the newest ${seen.length} of ${expected.length} matches, in order`)
    t.equal(seen.length, Math.min(expected.length, 80), `${q}: pages hold every match up to four pages`)
    if (expected.length <= 80) t.equal(cursor, null, `${q}: the list ends after its last match`)
  }
})
