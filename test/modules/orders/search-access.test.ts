// Term search with the visibility rule inside the query: the same results as the rule applied to every order holding the terms.
import t from 'tap'
import { buildTestApp, api, loginAdmin, createCoordinator, registerOrg, joinAlliance, type Session } from '../../helper.ts'
import { createDraft, evaluatingOrder, openOrder, orderAction } from '../../helpers/market.ts'
import { visibleRule, viewerOf } from '../../../src/modules/orders/repository.ts'
import { indexTerms, queryTerms } from '../../../src/modules/orders/search-terms.ts'
import { rebuildSearchIndex } from '../../../src/modules/orders/search-index.ts'
import type { TestApp } from '../../helper.ts'
import type { Role } from '../../../src/lib/actor.ts'

type Page = { items: { id: string }[], nextCursor: string | null }

/** Every page of a search, walked by cursor. */
async function searchAll (app: TestApp, session: Session, query: string, limit: number): Promise<string[]> {
  const found: string[] = []
  let cursor: string | null = null
  do {
    const url: string = `/v1/orders?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const res = await api(app, session.token, { method: 'GET', url })
    if (res.statusCode !== 200) throw new Error(`search failed: ${res.statusCode} ${res.body}`)
    const page = res.json() as Page
    found.push(...page.items.map((o) => o.id))
    cursor = page.nextCursor
  } while (cursor !== null)
  return found
}

/** Every visible order whose terms (indexTerms of its text, computed here) hold all the query's terms, by the visibility rule. */
async function oracle (app: TestApp, session: Session, role: Role, q: string, status?: string): Promise<string[]> {
  const terms = queryTerms(q)
  const actor = { userId: session.userId, sessionId: 'oracle', role, organizationId: session.organizationId, organizationKind: null }
  const params: Record<string, unknown> = { ...viewerOf(actor, app.clock()) }
  const effective = "case when o.status = 'open' and o.bid_deadline <= @now then 'evaluating' else o.status end"
  if (status) params['status'] = status
  const text = `select o.id, o.title, o.occupation, o.description from orders o where ${visibleRule(app.data.engine)} ${status ? `and ${effective} = @status` : ''} order by o.id desc`
  const rows = await app.data.all<{ id: string, title: string, occupation: string, description: string }>(text, params)
  return rows.filter((row) => {
    const held = new Set(indexTerms(row.title, row.occupation, row.description))
    return terms.every((term) => held.has(term))
  }).map((r) => r.id)
}

t.test('term search: members of several alliances, coordinators, admins, owners and bidders of cancelled orders see exactly what the visibility rule allows', async (t) => {
  const app = await buildTestApp(t)
  const equipment = await createCoordinator(app, ['equipment'])
  const aluminum = await createCoordinator(app, ['aluminum'])
  const admin = await loginAdmin(app)
  const maker = await registerOrg(app, 'enterprise', { name: '华东焊接装备有限公司' })
  const bothColleges = await registerOrg(app, 'college', { name: '双联盟职业技术学院' })
  const equipmentCollege = await registerOrg(app, 'college', { name: '装备职业学院' })
  const bidder = await registerOrg(app, 'college', { name: '投标技师学院' })
  const outsider = await registerOrg(app, 'college', { name: '局外学院' })
  for (const code of ['equipment', 'aluminum']) {
    const coordinator = code === 'equipment' ? equipment : aluminum
    await joinAlliance(app, maker, coordinator, code)
    await joinAlliance(app, bothColleges, coordinator, code)
  }
  await joinAlliance(app, equipmentCollege, equipment, 'equipment')
  await joinAlliance(app, bidder, aluminum, 'aluminum')
  const created: Record<string, string> = {}
  for (const code of ['equipment', 'aluminum']) {
    created[`${code}-open`] = String((await openOrder(app, maker, { allianceCode: code, title: `${code} 焊工培训 welder` }))['id'])
    created[`${code}-draft`] = String((await createDraft(app, maker, { allianceCode: code, title: `${code} 焊工草稿 welder` }))['id'])
    const { order } = await evaluatingOrder(app, maker, code === 'aluminum' ? [bidder] : [equipmentCollege], { allianceCode: code, title: `${code} 焊工取消 welder` })
    await orderAction(app, maker, order['id'], 'cancel', { reason: '计划调整' })
    created[`${code}-cancelled`] = String(order['id'])
    created[`${code}-evaluating`] = String((await evaluatingOrder(app, maker, [], { allianceCode: code, title: `${code} 数控焊工 CNC welder` })).order['id'])
  }
  const callers: Array<[string, Session, Role, string[]]> = [
    ['owner', maker, 'enterprise', Object.values(created)],
    ['admin', admin, 'admin', Object.values(created)],
    ['member of both alliances', bothColleges, 'college', ['equipment-open', 'equipment-evaluating', 'aluminum-open', 'aluminum-evaluating'].map((k) => created[k]!)],
    ['member of one alliance that bid on its cancelled order', equipmentCollege, 'college', ['equipment-open', 'equipment-evaluating', 'equipment-cancelled'].map((k) => created[k]!)],
    ['bidder on a cancelled order', bidder, 'college', ['aluminum-open', 'aluminum-evaluating', 'aluminum-cancelled'].map((k) => created[k]!)],
    ['coordinator of one alliance', aluminum, 'coordinator', ['aluminum-open', 'aluminum-cancelled', 'aluminum-evaluating'].map((k) => created[k]!)],
    ['college of no alliance', outsider, 'college', []]
  ]
  for (const [who, session, role, expected] of callers) {
    for (const q of ['焊工', 'welder', '焊工 welder', '数控焊工']) {
      const want = await oracle(app, session, role, q)
      const got = await searchAll(app, session, `q=${encodeURIComponent(q)}`, 2)
      t.same(got, want, `${who}: ${q} as the rule applied to every matching order`)
      t.same(got, [...got].sort().reverse(), `${who}: ${q} newest first`)
    }
    t.same(new Set(await searchAll(app, session, `q=${encodeURIComponent('焊工')}`, 100)), new Set(expected), `${who} sees exactly its orders`)
    for (const status of ['open', 'cancelled', 'draft', 'evaluating']) {
      t.same(await searchAll(app, session, `q=welder&status=${status}`, 1), await oracle(app, session, role, 'welder', status), `${who}: status=${status}`)
    }
    t.same(await searchAll(app, session, `q=${encodeURIComponent('焊工')}&alliance=aluminum`, 3),
      (await oracle(app, session, role, '焊工')).filter((id) => Object.entries(created).some(([k, v]) => v === id && k.startsWith('aluminum'))), `${who}: alliance filter`)
  }
  for (const [who, session, role] of callers) {
    t.same(await searchAll(app, session, 'status=cancelled', 1), await oracle(app, session, role, '', 'cancelled'), `${who}: list of cancelled orders`)
    t.same(await searchAll(app, session, 'alliance=aluminum', 2), (await oracle(app, session, role, '')).filter((id) => Object.entries(created).some(([k, v]) => v === id && k.startsWith('aluminum'))), `${who}: list of one alliance`)
    const visible = new Set(await oracle(app, session, role, ''))
    for (const id of Object.values(created)) {
      const res = await api(app, session.token, { method: 'GET', url: `/v1/orders/${id}` })
      t.equal(res.statusCode, visible.has(id) ? 200 : 404, `${who}: point read follows the rule`)
    }
  }
  t.same(await searchAll(app, maker, `q=${encodeURIComponent('焊工')}&mine=true`, 2), await oracle(app, maker, 'enterprise', '焊工'), 'mine with a term')
  t.same(await searchAll(app, bothColleges, `q=${encodeURIComponent('铝合金')}`, 5), [], 'a term nobody indexed')
})

t.test('a college that bid on a cancelled order and left the alliance still finds it (its bidder token), also after a rebuild', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['aluminum'])
  const maker = await registerOrg(app, 'enterprise', { name: '铝业加工有限公司' })
  const bidder = await registerOrg(app, 'college', { name: '离盟技师学院' })
  const other = await registerOrg(app, 'college', { name: '旁观学院' })
  for (const org of [maker, bidder, other]) await joinAlliance(app, org, coordinator, 'aluminum')
  const { order } = await evaluatingOrder(app, maker, [bidder], { allianceCode: 'aluminum', title: '铝合金挤压工 extrusion' })
  const { order: unbid } = await evaluatingOrder(app, maker, [other], { allianceCode: 'aluminum', title: '铝合金挤压工 extrusion line' })
  for (const cancelled of [order, unbid]) await orderAction(app, maker, cancelled['id'], 'cancel', { reason: '计划调整' })
  await openOrder(app, maker, { allianceCode: 'aluminum', title: '铝合金挤压工 open' })
  // Its membership ends (no route yet; rejected by hand): only the cancelled order it bid on stays visible.
  await app.data.run("update memberships set status = 'rejected' where organization_id = @org", { org: bidder.organizationId })
  const expected = [String(order['id'])]
  for (const q of ['挤压', 'extrusion', '铝合金 挤压']) {
    t.same(await searchAll(app, bidder, `q=${encodeURIComponent(q)}`, 1), expected, `${q}: its cancelled order, nothing else`)
    t.same(await oracle(app, bidder, 'college', q), expected, `${q}: as the rule says`)
  }
  await rebuildSearchIndex(app.data, { force: true })
  t.same(await searchAll(app, bidder, `q=${encodeURIComponent('挤压')}`, 1), expected, 'the rebuild gives its token again')
})
