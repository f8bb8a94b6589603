// Near matches: a CJK query of 3+ characters also finds orders holding it with one inner character left out, below the exact ones.
import t from 'tap'
import { api, buildTestApp, createCoordinator, joinAlliance, marketFixture, registerOrg, type Session } from '../../helper.ts'
import { openOrder, orderBody } from '../../helpers/market.ts'
import { MAX_QUERY_TERMS } from '../../../src/modules/orders/search-terms.ts'
import { encodeSearchCursor, MAX_NEAR_VARIANTS, nearVariants, SEARCH_CURSOR, searchPositionOf } from '../../../src/modules/orders/search-near.ts'

type Page = { items: Array<{ id: string }>, nextCursor: string | null }
const other = { occupation: '技工', description: '', skills: ['laboratory-analysis'] }

t.test('near variants: one inner character of a CJK run of three or more left out, bounded', async (t) => {
  t.same(nearVariants('焊接工'), [['焊工']], '焊接工 means 焊工 too (not 焊接 or 接工, parts of the query)')
  t.same(nearVariants('数控车床'), [['数车', '车床'], ['数控', '控床']])
  t.same(nearVariants('焊接工 TIG'), [['焊工', 'tig']], 'the rest of the query stays required')
  t.same(nearVariants('焊工'), [], 'two characters: exact only')
  t.same(nearVariants('welder'), [])
  t.same(nearVariants('焊焊焊'), [], 'a variant with the exact terms is no variant')
  const seven = '一二三四五六七'
  t.equal(nearVariants(seven).length, MAX_NEAR_VARIANTS, `at most ${MAX_NEAR_VARIANTS} variants`)
  t.ok(nearVariants(seven).every((terms) => terms.length <= MAX_QUERY_TERMS))
  t.same(nearVariants(seven + '八'), [], `a query of more than ${MAX_QUERY_TERMS} terms has none`)
  for (const position of [{ tier: 'near' as const, beforeId: undefined }, { tier: 'near' as const, beforeId: '01234567-89ab-7def-8123-456789abcdef' }, { tier: 'exact' as const, beforeId: '01234567-89ab-7def-8123-456789abcdef' }]) {
    const text = Buffer.from(encodeSearchCursor(position), 'base64url').toString('utf8')
    t.ok(SEARCH_CURSOR.test(text))
    t.same(searchPositionOf(text), position, `${position.tier} cursor round trip`)
  }
  t.notOk(SEARCH_CURSOR.test('near:x'))
  t.notOk(SEARCH_CURSOR.test(''))
})

t.test('exact matches first, then near matches, each newest first; pages cross the tier boundary', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const near1 = await openOrder(app, enterprise, { ...other, title: '汽车焊工培训' })
  const exact1 = await openOrder(app, enterprise, { ...other, title: '焊接工技能提升' })
  const near2 = await openOrder(app, enterprise, { ...other, title: '焊工定向班' })
  const exact2 = await openOrder(app, enterprise, { ...other, title: '船舶焊接工' })
  await openOrder(app, enterprise, { ...other, title: '焊接机器人运维' })
  const search = async (q: string, extra = '') => (await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}${extra}` })).json() as Page
  const ids = (page: Page) => page.items.map((o) => o.id)
  t.same(ids(await search('焊接工')), [exact2['id'], exact1['id'], near2['id'], near1['id']], 'a newer near match stays below an older exact one; 焊接 alone is no match')
  t.same(ids(await search('焊工')), [near2['id'], near1['id']], 'a two-character query: exact only (焊接工 holds no 焊工)')

  for (const limit of [1, 2, 3]) {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page = await search('焊接工', `&limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`)
      t.ok(page.items.length <= limit)
      seen.push(...ids(page))
      cursor = page.nextCursor
      pages++
    } while (cursor !== null && pages < 10)
    t.same(seen, [exact2['id'], exact1['id'], near2['id'], near1['id']], `limit ${limit}: every match once, in order, across the boundary`)
    t.equal(pages, Math.ceil(4 / limit), `limit ${limit}: no empty page`)
  }
  const nearTop = encodeSearchCursor({ tier: 'near', beforeId: undefined })
  t.same(ids(await search('焊工', `&cursor=${nearTop}`)), [], 'a near cursor for a query without near variants: nothing more')
  t.equal((await api(app, college.token, { method: 'GET', url: `/v1/orders?cursor=${nearTop}` })).statusCode, 400, 'not a list cursor')
  t.equal((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=x&cursor=${Buffer.from('near:nope').toString('base64url')}` })).statusCode, 400)
})

t.test('an order the exact tier found (by text or by the skill the query names) is not repeated as a near match', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const tagged = await openOrder(app, enterprise, { ...other, title: '氩焊工位', skills: ['tig-welding'] })
  const near = await openOrder(app, enterprise, { ...other, title: '氩焊工位扩建' })
  const split = await openOrder(app, enterprise, { ...other, title: '氩弧 弧焊 工位' })
  const res = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('氩弧焊')}` })
  t.same(res.json().items.map((o: { id: string }) => o.id), [split['id'], tagged['id'], near['id']], 'exact (both bigrams; tagged tig-welding, 氩弧焊 an alias) then near, each once')
})

t.test('near matches follow the visibility rule of exact search', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const aluminum = await createCoordinator(app, ['aluminum'])
  await joinAlliance(app, enterprise, aluminum, 'aluminum')
  const seen = await openOrder(app, enterprise, { ...other, title: '焊工培训' })
  const hidden = await openOrder(app, enterprise, { ...other, allianceCode: 'aluminum', title: '铝焊工培训' })
  const draft = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ ...other, title: '焊工草稿' }) })
  const outsider = await registerOrg(app, 'college')
  const search = async (session: Session) => ((await api(app, session.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('焊接工')}` })).json() as Page).items.map((o) => o.id)
  t.same(await search(college), [seen['id']], 'a near match in an alliance the college is not in is not returned, nor a draft')
  t.same(await search(enterprise), [draft.json().id, hidden['id'], seen['id']], 'the owner sees its own in both alliances')
  t.same(await search(aluminum), [hidden['id']], 'a coordinator its alliance')
  t.same(await search(outsider), [], 'an organization in no alliance nothing')
})

t.test('near search work is bounded: a few statements per variant', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { ...other, title: '一二三五六七' })
  const data = app.data as unknown as Record<'all' | 'get', (text: string, params?: unknown) => Promise<unknown>>
  let runs = 0
  for (const method of ['all', 'get'] as const) {
    const original = data[method]
    data[method] = (text, params) => { runs++; return original(text, params) }
    t.teardown(() => { data[method] = original })
  }
  const res = await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('一二三四五六七')}` })
  t.same(res.json().items.map((o: { id: string }) => o.id), [order['id']], 'found as a near match (四 left out: the variants leave out 二, 四 and 六)')
  // Per search (the exact query and each variant): the caller's alliances, the bounded match count (SQLite), the list.
  t.ok(runs <= 3 * (MAX_NEAR_VARIANTS + 1) + 2, `${runs} statement runs`)
})
