// Lists: filters, Chinese and English search over the term index, skills, and keyset pages that hold while rows are added.
import t from 'tap'
import { buildTestApp, marketFixture, api, loginAdmin, createCoordinator, registerOrg, joinAlliance } from '../../helper.ts'
import { createDraft, openOrder } from '../../helpers/market.ts'

const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((o) => o.id)

t.test('q matches Chinese two-character terms and English words over title, occupation and description; every term must match', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const welder = await openOrder(app, enterprise, { title: '汽车零部件焊工培训', occupation: '焊工', description: 'MIG and TIG welding for gearbox brackets', skills: ['焊接'] })
  const cnc = await openOrder(app, enterprise, { title: '数控车床操作工', occupation: '数控车工', description: '加工中心与车床 CNC turning', skills: ['数控'] })
  const chem = await openOrder(app, enterprise, { title: 'Lab analysts', occupation: 'Chemical laboratory analyst', description: '化工分析 实验室', skills: ['laboratory-analysis'] })
  const search = (q: string) => api(app, college.token, { method: 'GET', url: `/v1/orders?q=${encodeURIComponent(q)}` })
  t.same(ids(await search('焊工')), [welder['id']])
  t.same(ids(await search('车床')), [cnc['id']])
  t.same(ids(await search('数控车床')), [cnc['id']], 'a four-character query needs all its bigrams')
  t.same(ids(await search('welding')), [welder['id']])
  t.same(ids(await search('WELDING gearbox')), [welder['id']], 'case-insensitive; all words')
  t.same(ids(await search('welding 数控')), [], 'every term must match')
  t.same(ids(await search('化工')), [chem['id']], 'description is searched')
  t.same(ids(await search('analyst')), [chem['id']], 'occupation is searched')
  t.same(ids(await search('焊')), [welder['id']], 'a single character')
  t.same(ids(await search('!!')), [])
  await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${chem['id']}`, payload: { description: '焊接实验室' } })
  t.same(ids(await search('化工')), [], 'the index follows edits')
  t.same(ids(await search('焊接')), [chem['id'], welder['id']], 'the text, and (焊接 being an alias of welding) the orders tagged with that skill')
  t.same(ids(await api(app, college.token, { method: 'GET', url: '/v1/orders?skill=焊接' })), [welder['id']])
  t.same(ids(await api(app, college.token, { method: 'GET', url: `/v1/orders?skill=${encodeURIComponent('Laboratory Analysis')}&q=lab` })), [chem['id']])
  t.equal((await api(app, college.token, { method: 'GET', url: `/v1/orders?q=${'x'.repeat(65)}` })).statusCode, 400, 'q is at most 64 characters')
})

t.test('filters: status, alliance, mine; unknown alliance is an empty page', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const aluminum = await createCoordinator(app, ['aluminum'])
  await joinAlliance(app, enterprise, aluminum, 'aluminum')
  const admin = await loginAdmin(app)
  const draft = await createDraft(app, enterprise)
  const open = await openOrder(app, enterprise)
  const alu = await openOrder(app, enterprise, { allianceCode: 'aluminum', title: '铝合金挤压 extrusion' })
  t.same(ids(await api(app, enterprise.token, { method: 'GET', url: '/v1/orders?status=draft' })), [draft['id']])
  t.same(ids(await api(app, enterprise.token, { method: 'GET', url: '/v1/orders?mine=true&alliance=aluminum' })), [alu['id']])
  t.same(ids(await api(app, admin.token, { method: 'GET', url: '/v1/orders?alliance=equipment&status=open' })), [open['id']])
  t.same(ids(await api(app, coordinator.token, { method: 'GET', url: '/v1/orders' })), [open['id']], 'a coordinator sees its alliance only')
  t.same(ids(await api(app, college.token, { method: 'GET', url: '/v1/orders?mine=true' })), [])
  t.same(ids(await api(app, college.token, { method: 'GET', url: '/v1/orders?alliance=nowhere' })), [])
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders?status=closed' })).statusCode, 400)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders?limit=101' })).statusCode, 400)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders?cursor=bm90LWEtY3Vyc29y' })).statusCode, 400)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders?unknown=1' })).statusCode, 400)
})

t.test('keyset pages neither skip nor repeat while orders are added', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise } = await marketFixture(app)
  const reader = await registerOrg(app, 'college')
  const coordinator = await createCoordinator(app, ['equipment'])
  await joinAlliance(app, reader, coordinator, 'equipment')
  const created: string[] = []
  for (let i = 0; i < 7; i++) created.push((await openOrder(app, enterprise, { title: `焊工 ${i}` }))['id'] as string)
  const seen: string[] = []
  let cursor: string | null = null
  let page = 0
  do {
    const url: string = `/v1/orders?limit=3&q=${encodeURIComponent('焊工')}${cursor ? `&cursor=${cursor}` : ''}`
    const res = await api(app, reader.token, { method: 'GET', url })
    t.equal(res.statusCode, 200)
    seen.push(...ids(res))
    cursor = res.json().nextCursor
    if (page++ === 0) await openOrder(app, enterprise, { title: '焊工 newer' })
  } while (cursor)
  t.same(seen, [...created].reverse(), 'every order that existed at the start, once, newest first')
  t.equal(ids(await api(app, reader.token, { method: 'GET', url: '/v1/orders?limit=100' })).length, 8)
})
