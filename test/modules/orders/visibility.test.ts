// Who sees which order, from every role, in point reads and lists alike; derived figures only for the privileged.
import t from 'tap'
import { buildTestApp, marketFixture, registerOrg, joinAlliance, api, loginAdmin, createCoordinator, type Session } from '../../helper.ts'
import { createDraft, openOrder, orderAction, evaluatingOrder, proposeMatch } from '../../helpers/market.ts'

t.test('visibility per DESIGN from each role, identical in GET /orders/{id} and GET /orders', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const admin = await loginAdmin(app)
  const colleague = await registerOrg(app, 'enterprise', { name: '同盟另一家企业' })
  await joinAlliance(app, colleague, coordinator, 'equipment')
  const pending = await registerOrg(app, 'college')
  await api(app, pending.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })
  const otherAllianceCollege = await registerOrg(app, 'college')
  const aluminumCoordinator = await createCoordinator(app, ['aluminum'])
  await joinAlliance(app, otherAllianceCollege, aluminumCoordinator, 'aluminum')
  const bidder = await registerOrg(app, 'college', { name: '投标学院' })
  await joinAlliance(app, bidder, coordinator, 'equipment')

  const draft = await createDraft(app, enterprise, { title: '草稿 draft' })
  const open = await openOrder(app, enterprise, { title: '开放 open' })
  const { order: evaluating } = await evaluatingOrder(app, enterprise, [bidder], { title: '评审 evaluating' })
  // Closed without a bid, under the default minBids (1): seen by whoever saw it while open.
  const { order: unsuccessful } = await evaluatingOrder(app, enterprise, [], { title: '流标 unsuccessful' })
  const { order: cancelled } = await evaluatingOrder(app, enterprise, [bidder], { title: '取消 cancelled' })
  await orderAction(app, enterprise, cancelled['id'], 'cancel', { reason: '取消' })

  const expectations: [string, Session, string[]][] = [
    ['owner', enterprise, [draft['id'], open['id'], evaluating['id'], unsuccessful['id'], cancelled['id']] as string[]],
    ['admin', admin, [draft['id'], open['id'], evaluating['id'], unsuccessful['id'], cancelled['id']] as string[]],
    ['coordinator', coordinator, [open['id'], evaluating['id'], unsuccessful['id'], cancelled['id']] as string[]],
    ['active member enterprise', colleague, [open['id'], evaluating['id'], unsuccessful['id']] as string[]],
    ['active member college', college, [open['id'], evaluating['id'], unsuccessful['id']] as string[]],
    ['college that bid', bidder, [open['id'], evaluating['id'], unsuccessful['id'], cancelled['id']] as string[]],
    ['pending member', pending, []],
    ['member of another alliance', otherAllianceCollege, []],
    ['coordinator of another alliance', aluminumCoordinator, []]
  ]
  const all = [draft, open, evaluating, unsuccessful, cancelled].map((o) => o['id'] as string)
  const statusOf: Record<string, string> = { [draft['id'] as string]: 'draft', [open['id'] as string]: 'open', [evaluating['id'] as string]: 'evaluating', [unsuccessful['id'] as string]: 'unsuccessful', [cancelled['id'] as string]: 'cancelled' }
  for (const [who, session, visible] of expectations) {
    const listed = (await api(app, session.token, { method: 'GET', url: '/v1/orders' })).json().items.map((o: { id: string }) => o.id)
    t.same([...listed].sort(), [...visible].sort(), `${who}: list`)
    for (const status of ['draft', 'open', 'evaluating', 'awarded', 'cancelled', 'unsuccessful']) {
      const filtered = (await api(app, session.token, { method: 'GET', url: `/v1/orders?status=${status}` })).json().items.map((o: { id: string }) => o.id)
      t.same(filtered, visible.filter((id) => statusOf[id] === status), `${who}: status=${status}`)
    }
    for (const id of all) {
      const res = await api(app, session.token, { method: 'GET', url: `/v1/orders/${id}` })
      t.equal(res.statusCode, visible.includes(id) ? 200 : 404, `${who}: read ${id}`)
    }
  }
  t.equal((await api(app, null, { method: 'GET', url: '/v1/orders' })).statusCode, 401)
  t.equal((await api(app, null, { method: 'GET', url: `/v1/orders/${open['id']}` })).statusCode, 401)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders/not a valid id' })).statusCode, 400)

  const figures = (session: Session) => api(app, session.token, { method: 'GET', url: `/v1/orders/${open['id']}` }).then((r) => r.json())
  for (const session of [enterprise, admin, coordinator]) t.match(await figures(session), { bidCount: 0, seatsProposed: 0, seatsApproved: 0 })
  for (const session of [colleague, college]) {
    const body = await figures(session)
    t.notOk('bidCount' in body || 'seatsProposed' in body || 'seatsApproved' in body, 'no figures for members')
  }
})

t.test('the timeline: owner, coordinators and admins read it; others 403 or 404', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const admin = await loginAdmin(app)
  const outsider = await registerOrg(app, 'enterprise')
  const { order, bids } = await evaluatingOrder(app, enterprise, [college])
  await proposeMatch(app, enterprise, order['id'], bids[0]!['id'], 2)
  const url = `/v1/orders/${order['id']}/events`
  for (const session of [enterprise, coordinator, admin]) t.equal((await api(app, session.token, { method: 'GET', url })).statusCode, 200)
  t.equal((await api(app, college.token, { method: 'GET', url })).statusCode, 403)
  t.equal((await api(app, outsider.token, { method: 'GET', url })).statusCode, 404)
  t.equal((await api(app, null, { method: 'GET', url })).statusCode, 401)
  t.equal((await api(app, admin.token, { method: 'GET', url: `${url}?limit=0` })).statusCode, 400)
  const first = (await api(app, enterprise.token, { method: 'GET', url: `${url}?limit=2` })).json()
  t.same(first.items.map((e: { type: string }) => e.type), ['order.created', 'order.published'])
  t.match(first.items[0], { actor: { userId: enterprise.userId, organizationId: enterprise.organizationId, role: 'enterprise' }, data: { headcount: 10 } })
  const rest = (await api(app, enterprise.token, { method: 'GET', url: `${url}?limit=50&cursor=${first.nextCursor}` })).json()
  t.same(rest.items.map((e: { type: string }) => e.type), ['bid.submitted', 'order.bidding_closed', 'match.proposed'])
  t.equal(rest.nextCursor, null)
})
