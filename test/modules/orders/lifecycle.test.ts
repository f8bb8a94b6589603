// Order lifecycle over HTTP: create, edit, publish, close bidding, finalize and cancel, allowed and refused.
import t from 'tap'
import { buildTestApp, marketFixture, registerOrg, joinAlliance, api, loginAdmin, createCoordinator } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { createDraft, openOrder, orderAction, orderBody, submitBid } from '../../helpers/market.ts'

t.test('an enterprise member creates a draft; the stored order reads back with derived figures', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise } = await marketFixture(app)
  const res = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody() })
  t.equal(res.statusCode, 201, res.body)
  const order = res.json()
  t.match(order, {
    allianceCode: 'equipment', organization: { id: enterprise.organizationId }, status: 'draft', title: '数控车床操作工定向培养 CNC lathe operators',
    skills: ['数控', 'cnc-machining'], headcount: 10, hiringCommitment: { positions: 8, monthlySalaryMin: 6000, monthlySalaryMax: 9000 },
    budgetPerTrainee: 8000, cancelReason: null, publishedAt: null, bidCount: 0, seatsProposed: 0, seatsApproved: 0
  })
  const read = await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order.id}` })
  t.same(read.json(), order)
})

t.test('creating: 401 without token, 400 on unknown fields, 403 for colleges and non-members, 422 on incoherent dates', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const outsider = await registerOrg(app, 'enterprise')
  t.equal((await api(app, null, { method: 'POST', url: '/v1/orders', payload: orderBody() })).statusCode, 401)
  assertProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ status: 'open' }) }), 400, 'validation_failed')
  assertProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ headcount: 0 }) }), 400)
  assertProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ skills: [] }) }), 400)
  assertProblem(t, await api(app, college.token, { method: 'POST', url: '/v1/orders', payload: orderBody() }), 403)
  assertProblem(t, await api(app, outsider.token, { method: 'POST', url: '/v1/orders', payload: orderBody() }), 403)
  const endBeforeStart = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ trainingEnd: '2027-02-15' }) })
  t.match(assertProblem(t, endBeforeStart, 422, 'rule_violation'), { errors: [{ path: '/trainingEnd' }] })
  const deadlineAfterStart = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ bidDeadline: '2027-03-02T00:00:00Z' }) })
  t.match(assertProblem(t, deadlineAfterStart, 422), { errors: [{ path: '/bidDeadline' }] })
  const tooManyPositions = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ hiringCommitment: { positions: 11 } }) })
  t.match(assertProblem(t, tooManyPositions, 422), { errors: [{ path: '/hiringCommitment/positions' }] })
  const salary = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ hiringCommitment: { positions: 2, monthlySalaryMin: 9000, monthlySalaryMax: 6000 } }) })
  assertProblem(t, salary, 422)
  assertProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ allianceCode: 'nowhere' }) }), 422)
  const list = await api(app, enterprise.token, { method: 'GET', url: '/v1/orders?mine=true' })
  t.equal(list.json().items.length, 0, 'nothing was stored by the refused requests')
})

t.test('editing: a draft in full, an open order its description, a later deadline and amendments that keep the rules', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const draft = await createDraft(app, enterprise)
  const patched = await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${draft['id']}`, payload: { headcount: 20, hiringCommitment: null, budgetPerTrainee: null, title: '焊工培训 Welders' } })
  t.equal(patched.statusCode, 200, patched.body)
  t.match(patched.json(), { headcount: 20, hiringCommitment: null, budgetPerTrainee: null, title: '焊工培训 Welders' })
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${draft['id']}`, payload: {} }), 400)
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${draft['id']}`, payload: { trainingEnd: '2027-01-01' } }), 422)
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url: `/v1/orders/${draft['id']}`, payload: { title: 'x' } }), 404, 'not_found', 'a draft is invisible to others')
  t.equal((await api(app, null, { method: 'PATCH', url: `/v1/orders/${draft['id']}`, payload: { title: 'x' } })).statusCode, 401)

  const open = await openOrder(app, enterprise)
  const url = `/v1/orders/${open['id']}`
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url, payload: { description: 'x' } }), 403, 'forbidden', 'a member sees it but may not edit')
  assertProblem(t, await api(app, coordinator.token, { method: 'PATCH', url, payload: { description: 'x' } }), 403)
  // An amendment (amendments.test.ts) still keeps the order's rules: 8 hiring positions do not fit 3 trainees.
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url, payload: { headcount: 3 } }), 422, 'rule_violation')
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url, payload: { allianceCode: 'aluminum' } }), 400, 'validation_failed', 'the alliance never changes')
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url, payload: { bidDeadline: '2027-01-20T00:00:00Z' } }), 422, 'rule_violation', 'an earlier deadline')
  const later = await api(app, enterprise.token, { method: 'PATCH', url, payload: { description: '新的说明 updated', bidDeadline: '2027-02-10T00:00:00Z' } })
  t.equal(later.statusCode, 200, later.body)
  t.match(later.json(), { description: '新的说明 updated', bidDeadline: '2027-02-10T00:00:00.000Z', status: 'open' })
})

t.test('publish, close bidding, finalize and cancel refuse the wrong state and the wrong caller', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const admin = await loginAdmin(app)
  const draft = await createDraft(app, enterprise)
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'close-bidding'), 409)
  assertProblem(t, await orderAction(app, admin, draft['id'], 'publish'), 403, 'forbidden', 'admins see drafts but do not publish')
  assertProblem(t, await orderAction(app, college, draft['id'], 'publish'), 404)
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'publish', { extra: 1 }), 400)
  t.equal((await orderAction(app, enterprise, draft['id'], 'publish')).json().status, 'open')
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'publish'), 409, 'order_not_draft')
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'finalize'), 409)
  assertProblem(t, await orderAction(app, college, draft['id'], 'close-bidding'), 403)
  // A bid by another college meets the default minBids (1): closing leads to evaluating, not unsuccessful.
  const bidder = await registerOrg(app, 'college')
  await joinAlliance(app, bidder, coordinator, 'equipment')
  await submitBid(app, bidder, draft['id'])
  const closed = await orderAction(app, enterprise, draft['id'], 'close-bidding')
  t.equal(closed.json().status, 'evaluating')
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'finalize'), 409, 'no_approved_match')
  assertProblem(t, await orderAction(app, college, draft['id'], 'cancel', { reason: '不需要了' }), 403)
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'cancel', {}), 400, 'validation_failed', 'reason required')
  const cancelled = await orderAction(app, coordinator, draft['id'], 'cancel', { reason: '预算取消 budget withdrawn' })
  t.equal(cancelled.statusCode, 200, cancelled.body)
  t.match(cancelled.json(), { status: 'cancelled', cancelReason: '预算取消 budget withdrawn' })
  assertProblem(t, await orderAction(app, enterprise, draft['id'], 'cancel', { reason: 'again' }), 409)
  assertProblem(t, await orderAction(app, college, draft['id'], 'cancel', { reason: 'x' }), 404, 'not_found', 'a college that did not bid no longer sees it')
})

t.test('publishing with a passed deadline is a 409 deadline_passed, as every passed deadline', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise } = await marketFixture(app)
  const draft = await createDraft(app, enterprise, { bidDeadline: '2027-01-05T00:00:00Z' })
  const refused = assertProblem(t, await orderAction(app, enterprise, draft['id'], 'publish'), 409, 'deadline_passed')
  t.same(refused['errors'], [{ path: '/bidDeadline', message: 'must be in the future' }])
  const admin = await loginAdmin(app)
  t.equal((await api(app, admin.token, { method: 'GET', url: `/v1/orders/${draft['id']}` })).json().status, 'draft')
  const other = await createCoordinator(app, ['aluminum'])
  assertProblem(t, await orderAction(app, other, draft['id'], 'cancel', { reason: 'x' }), 404)
})
