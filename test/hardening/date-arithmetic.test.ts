// Dates the schema accepts stay holdable after arithmetic: a bid whose training would end past 9999-12-31 is a 422, never a 500 at approval.
import t from 'tap'
import { api, buildTestApp, marketFixture } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import { evaluatingOrder, openOrder, proposeMatch, submitBid, bidBody } from '../helpers/market.ts'

/** An order whose training window is the last month the calendar holds. */
const LAST_WINDOW = { trainingStart: '9999-12-01', trainingEnd: '9999-12-31' }

t.test('a bid whose training ends after 9999-12-31 is refused on submit and on revise', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  // The start is inside the order's training window (a rule of its own); the end is what overflows.
  const order = await openOrder(app, enterprise, LAST_WINDOW)
  const late = await api(app, college.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/bids`, payload: bidBody({ startDate: '9999-12-31', durationWeeks: 260 }) })
  const body = expectProblem(t, late, 422, 'rule_violation')
  t.match(JSON.stringify(body['errors']), /durationWeeks/)
  const bid = await submitBid(app, college, order['id'], { startDate: '9999-12-01', durationWeeks: 1 })
  const revised = await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${String(bid['id'])}`, payload: { durationWeeks: 260 } })
  expectProblem(t, revised, 422, 'rule_violation')
  const read = await api(app, college.token, { method: 'GET', url: `/v1/bids/${String(bid['id'])}` })
  t.equal(read.json().durationWeeks, 1, 'the refused revision changed nothing')
})

t.test('a training that ends on 9999-12-31 is approved and gets its cohort', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const { order, bids } = await evaluatingOrder(app, enterprise, [college], LAST_WINDOW, { startDate: '9999-12-24', durationWeeks: 1 })
  const match = await proposeMatch(app, enterprise, order['id'], bids[0]!['id'], 5)
  t.equal(match.statusCode, 201, match.body)
  const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${String(match.json().id)}/approve`, payload: {} })
  t.equal(approved.statusCode, 200, approved.body)
  const cohorts = await api(app, college.token, { method: 'GET', url: '/v1/cohorts' })
  t.ok(cohorts.json().items.some((c: { orderId: string }) => c.orderId === order['id']), 'the cohort exists')
})
