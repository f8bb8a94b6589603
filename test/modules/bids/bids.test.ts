// Sealed bids over HTTP: submit, read, revise, withdraw; sealing from every role; races on the one-live-bid rule.
import t from 'tap'
import { buildTestApp, marketFixture, registerOrg, joinAlliance, api, loginAdmin } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { bidBody, createDraft, openOrder, orderAction, submitBid } from '../../helpers/market.ts'

t.test('a college submits a bid; totals are derived and the stored bid reads back', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  const res = await api(app, college.token, { method: 'POST', url: `/v1/orders/${order['id']}/bids`, payload: bidBody() })
  t.equal(res.statusCode, 201, res.body)
  const bid = res.json()
  t.match(bid, { orderId: order['id'], college: { id: college.organizationId }, status: 'submitted', cohortSize: 5, totalHours: 400, totalPrice: 37500, revision: 1 })
  t.equal(bid.curriculum[1].certificate, '数控车工四级')
  t.same((await api(app, college.token, { method: 'GET', url: `/v1/bids/${bid.id}` })).json(), bid)
  const mine = await api(app, college.token, { method: 'GET', url: '/v1/bids' })
  t.same(mine.json().items.map((b: { id: string }) => b.id), [bid.id])
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}` })).json().bidCount, 1)
})

t.test('submitting: 401, 400, 403 for non-colleges, 404 for outsiders and drafts, 422 over headcount, 409 duplicate', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const outsider = await registerOrg(app, 'college')
  const order = await openOrder(app, enterprise)
  const url = `/v1/orders/${order['id']}/bids`
  t.equal((await api(app, null, { method: 'POST', url, payload: bidBody() })).statusCode, 401)
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ curriculum: [] }) }), 400)
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ curriculum: [{ title: 'x', hours: 1, kind: 'lecture' }] }) }), 400)
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ revision: 3 }) }), 400)
  assertProblem(t, await api(app, enterprise.token, { method: 'POST', url, payload: bidBody() }), 403)
  assertProblem(t, await api(app, coordinator.token, { method: 'POST', url, payload: bidBody() }), 403)
  assertProblem(t, await api(app, outsider.token, { method: 'POST', url, payload: bidBody() }), 404)
  const draft = await createDraft(app, enterprise)
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `/v1/orders/${draft['id']}/bids`, payload: bidBody() }), 404)
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ cohortSize: 11 }) }), 422, 'rule_violation')
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ cohortSize: 5000 }) }), 422, 'rule_violation')
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody({ cohortSize: 0 }) }), 400)
  await submitBid(app, college, order['id'])
  assertProblem(t, await api(app, college.token, { method: 'POST', url, payload: bidBody() }), 409, 'duplicate_bid')
  t.equal((await api(app, college.token, { method: 'GET', url })).json().items.length, 1, 'only one bid stored')
})

t.test('while open, bids are sealed to the owner, coordinators and admins, and hidden from other colleges', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const rival = await registerOrg(app, 'college', { name: '宁波第二技师学院' })
  await joinAlliance(app, rival, coordinator, 'equipment')
  const admin = await loginAdmin(app)
  const order = await openOrder(app, enterprise)
  const bid = await submitBid(app, college, order['id'])
  await submitBid(app, rival, order['id'], { pricePerTrainee: 6000 })
  for (const [who, session] of [['owner', enterprise], ['coordinator', coordinator], ['admin', admin]] as const) {
    assertProblem(t, await api(app, session.token, { method: 'GET', url: `/v1/orders/${order['id']}/bids` }), 409, 'bids_sealed', `${who} list`)
    assertProblem(t, await api(app, session.token, { method: 'GET', url: `/v1/bids?orderId=${order['id']}` }), 409, 'bids_sealed', `${who} query`)
    assertProblem(t, await api(app, session.token, { method: 'GET', url: `/v1/bids/${bid['id']}` }), 409, 'bids_sealed', `${who} read`)
    t.equal((await api(app, session.token, { method: 'GET', url: `/v1/orders/${order['id']}` })).json().bidCount, 2, `${who} sees bidCount`)
  }
  assertProblem(t, await api(app, rival.token, { method: 'GET', url: `/v1/bids/${bid['id']}` }), 404, 'not_found', 'another college')
  const rivalView = await api(app, rival.token, { method: 'GET', url: `/v1/orders/${order['id']}/bids` })
  t.equal(rivalView.json().items.length, 1)
  t.not(rivalView.json().items[0].id, bid['id'])
  t.notOk('bidCount' in (await api(app, rival.token, { method: 'GET', url: `/v1/orders/${order['id']}` })).json(), 'colleges never see the count')
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  const submitted = events.filter((e: { type: string }) => e.type === 'bid.submitted')
  t.equal(submitted.length, 2)
  for (const e of submitted) t.match(e, { subject: { type: 'bid', id: null }, actor: { userId: null, organizationId: null }, data: {} })
  t.same(submitted[0].data, {})
  assertProblem(t, await api(app, college.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` }), 403, 'forbidden', 'a member sees the order, not its timeline')
  assertProblem(t, await api(app, enterprise.token, { method: 'GET', url: '/v1/bids' }), 403)

  await orderAction(app, enterprise, order['id'], 'close-bidding')
  for (const session of [enterprise, coordinator, admin]) {
    const list = await api(app, session.token, { method: 'GET', url: `/v1/orders/${order['id']}/bids` })
    t.equal(list.statusCode, 200)
    t.equal(list.json().items.length, 2)
    t.equal((await api(app, session.token, { method: 'GET', url: `/v1/bids/${bid['id']}` })).json().pricePerTrainee, 7500)
  }
  const opened = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  t.match(opened.find((e: { type: string }) => e.type === 'bid.submitted'), { actor: { organizationId: college.organizationId, role: 'college' }, data: { cohortSize: 5 } })
  assertProblem(t, await api(app, rival.token, { method: 'GET', url: `/v1/bids/${bid['id']}` }), 404, 'not_found', 'still hidden from rivals')
})

t.test('revise and withdraw: revision + 1 with an event, only by the college, only while open', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const rival = await registerOrg(app, 'college')
  await joinAlliance(app, rival, coordinator, 'equipment')
  const order = await openOrder(app, enterprise)
  const bid = await submitBid(app, college, order['id'])
  const url = `/v1/bids/${bid['id']}`
  const revised = await api(app, college.token, { method: 'PATCH', url, payload: { cohortSize: 8, pricePerTrainee: 7000 } })
  t.equal(revised.statusCode, 200, revised.body)
  t.match(revised.json(), { revision: 2, cohortSize: 8, totalPrice: 56000, totalHours: 400 })
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url, payload: { cohortSize: 12 } }), 422)
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url, payload: {} }), 400)
  assertProblem(t, await api(app, rival.token, { method: 'PATCH', url, payload: { cohortSize: 2 } }), 404)
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url, payload: { cohortSize: 2 } }), 403)
  t.equal((await api(app, null, { method: 'PATCH', url, payload: { cohortSize: 2 } })).statusCode, 401)
  assertProblem(t, await api(app, rival.token, { method: 'POST', url: `${url}/withdraw` }), 404)
  const withdrawn = await api(app, college.token, { method: 'POST', url: `${url}/withdraw` })
  t.equal(withdrawn.json().status, 'withdrawn')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `${url}/withdraw` }), 409, 'bid_not_live')
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url, payload: { cohortSize: 3 } }), 409)
  const again = await submitBid(app, college, order['id'], { cohortSize: 4 })
  t.equal(again['revision'], 1, 'a new bid after withdrawing')
  await orderAction(app, enterprise, order['id'], 'close-bidding')
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${again['id']}`, payload: { cohortSize: 3 } }), 409, 'order_not_open')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `/v1/bids/${again['id']}/withdraw` }), 409)
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events?limit=100` })).json().items
  t.match(events.find((e: { type: string }) => e.type === 'bid.revised'), { data: { revision: 2, fields: ['cohortSize', 'pricePerTrainee'], changes: { cohortSize: 8, pricePerTrainee: 7000 } } })
  t.ok(events.some((e: { type: string }) => e.type === 'bid.withdrawn'))
})

t.test('many parallel bids from one college: exactly one is created', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  const results = await Promise.all(Array.from({ length: 12 }, () =>
    api(app, college.token, { method: 'POST', url: `/v1/orders/${order['id']}/bids`, payload: bidBody() })))
  t.equal(results.filter((r) => r.statusCode === 201).length, 1)
  t.equal(results.filter((r) => r.statusCode === 409).length, 11)
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/bids' })).json().items.length, 1)
})
