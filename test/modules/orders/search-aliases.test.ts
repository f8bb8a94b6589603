// Search by skill alias: 电焊 or welder finds orders tagged with the welding skill, merged newest first with text matches, paged as before (also at a scan floor).
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg, sqliteOf, TEST_ENGINE } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'
import { mergePages } from '../../../src/modules/orders/search-aliases.ts'
import { SCAN_WINDOW } from '../../../src/modules/orders/search-window.ts'

type Page = { items: Array<{ id: string }>, nextCursor: string | null }

t.test('a query naming a vocabulary skill also finds the orders tagged with it', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const tagged = await openOrder(app, enterprise, { title: '汽车零部件产线技工', occupation: '产线技工', description: 'bracket line', skills: ['welding'] })
  const text = await openOrder(app, enterprise, { title: '电焊工培训', occupation: '技工', description: '', skills: ['cnc-machining'] })
  await openOrder(app, enterprise, { title: '化工分析', occupation: '化验员', description: '', skills: ['laboratory-analysis'] })
  const search = async (q: string, token = college.token, extra = '') =>
    (await api(app, token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}${extra}` })).json() as Page
  const ids = (page: Page) => page.items.map((o) => o.id)

  t.same(ids(await search('电焊')), [text['id'], tagged['id']], 'the text match and the tagged order, newest first')
  t.same(ids(await search('Welder')), [tagged['id']], 'an English alias, any case')
  t.same(ids(await search('welding')), [tagged['id']], 'the canonical tag itself')
  t.same(ids(await search('TIG')), [], 'another skill of the vocabulary finds nothing here')
  t.same(ids(await search('电焊', college.token, '&skill=cnc-machining')), [text['id']], 'with a skill filter, the filter decides')

  const first = await search('电焊', college.token, '&limit=1')
  t.same(ids(first), [text['id']])
  t.type(first.nextCursor, 'string')
  const second = await search('电焊', college.token, `&limit=1&cursor=${first.nextCursor!}`)
  t.same(ids(second), [tagged['id']], 'the next page continues after the merge')
  t.equal(second.nextCursor, null, 'and ends there')

  const outsider = await registerOrg(app, 'college', { name: '联盟外学院' })
  t.same(ids(await search('电焊', outsider.token)), [], 'visibility holds for alias matches')
})

t.test('merged pages keep the row at a scan floor: the next page resumes below it', { skip: TEST_ENGINE !== 'sqlite' && 'counts and writes on the SQLite connection (order_terms)' }, async (t) => {
  const row = (id: string) => ({ id })
  t.same(mergePages({ rows: [row('c'), row('b')], resumeBefore: 'b' }, { rows: [row('d'), row('a')], resumeBefore: undefined }, 5),
    { rows: [row('d'), row('c'), row('b')], resumeBefore: 'b' }, 'b was read by the scan that stopped there; a waits for the next page')
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  // The order is the oldest posting of a full scan window of 焊接 (an alias of welding, so two scans are merged).
  const order = await openOrder(app, enterprise, { title: '焊接技能', occupation: '技工', description: '', skills: ['laboratory-analysis'] })
  const sqlite = sqliteOf(app)
  const allianceId = (sqlite.prepare("select id from alliances where code = 'equipment'").get() as { id: string }).id
  const fakeId = (prefix: string, n: number) => `${prefix}-ffff-7fff-8fff-${n.toString(16).padStart(12, '0')}`
  sqlite.pragma('foreign_keys = OFF')
  const insert = sqlite.prepare('insert into order_terms (term, order_id, alliance_id) values (?, ?, ?)')
  sqlite.transaction(() => {
    for (let n = 0; n < SCAN_WINDOW - 1; n++) insert.run('焊接', fakeId('ffffffff', n), allianceId)
    for (let n = 0; n < 10; n++) insert.run('焊接', fakeId('00000000', n), allianceId)
  })()
  sqlite.pragma('foreign_keys = ON')
  const found: string[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 5; pages++) {
    const page: Page = (await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent('焊接')}${cursor === null ? '' : `&cursor=${cursor}`}` })).json()
    found.push(...page.items.map((o) => o.id))
    cursor = page.nextCursor
    if (cursor === null) break
  }
  t.same(found, [order['id']], 'found once, on the page whose window ends at it')
})
