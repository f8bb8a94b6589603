// Search by skill alias: 电焊 or welder finds orders tagged with the welding skill, merged newest first with text matches, paged as before.
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg } from '../../helper.ts'
import { openOrder } from '../../helpers/market.ts'

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
