// The bid deadline: an open order past it reads evaluating everywhere, refuses bids, and is stored so by writes and the sweep.
import t from 'tap'
import { buildTestApp, marketFixture, api } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { bidBody, openOrder, orderAction, submitBid } from '../../helpers/market.ts'
import { sweepExpiredOrders } from '../../../src/modules/orders/deadline.ts'

const AFTER_DEADLINE = '2027-02-01T00:00:00.000Z'

t.test('past the deadline the order reads evaluating in reads, lists and filters without any job having run', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  await submitBid(app, college, order['id'])
  app.testClock.set(AFTER_DEADLINE)
  t.equal((await api(app, college.token, { method: 'GET', url: `/v1/orders/${order['id']}` })).json().status, 'evaluating')
  t.same((await api(app, college.token, { method: 'GET', url: '/v1/orders?status=open' })).json().items, [])
  t.equal((await api(app, college.token, { method: 'GET', url: '/v1/orders?status=evaluating' })).json().items[0].id, order['id'])
  const bids = await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/bids` })
  t.equal(bids.statusCode, 200, 'bids are unsealed once the deadline passed')
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  t.match(events.find((e: { type: string }) => e.type === 'bid.submitted'), { actor: { organizationId: college.organizationId } })
})

t.test('a bid, revision or withdrawal after the deadline is a 409 deadline_passed, and the closing is stored', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  const bid = await submitBid(app, college, order['id'])
  app.testClock.set(AFTER_DEADLINE)
  assertProblem(t, await api(app, college.token, { method: 'PATCH', url: `/v1/bids/${bid['id']}`, payload: { cohortSize: 2 } }), 409, 'deadline_passed')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `/v1/bids/${bid['id']}/withdraw` }), 409, 'deadline_passed')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `/v1/orders/${order['id']}/bids`, payload: bidBody() }), 409, 'deadline_passed')
  assertProblem(t, await orderAction(app, enterprise, order['id'], 'close-bidding'), 409, 'deadline_passed')
  assertProblem(t, await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${order['id']}`, payload: { description: 'x' } }), 409)
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  const closings = events.filter((e: { type: string }) => e.type === 'order.bidding_closed')
  t.equal(closings.length, 1, 'closed once, by the first write after the deadline')
  t.match(closings[0], { actor: { userId: null, organizationId: null, role: 'system' }, data: { by: 'deadline' } })
  t.equal(await sweepExpiredOrders(app.data, app.clock()), 0, 'nothing left for the sweep')
  t.equal((await api(app, college.token, { method: 'GET', url: `/v1/bids/${bid['id']}` })).json().revision, 1, 'the revision was not stored')
})

t.test('the sweep stores evaluating for every expired open order and records the event', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const early = await openOrder(app, enterprise, { bidDeadline: '2027-01-20T00:00:00Z' })
  const late = await openOrder(app, enterprise, { bidDeadline: '2027-02-20T00:00:00Z' })
  await submitBid(app, college, early['id'])
  app.testClock.set('2027-01-25T00:00:00Z')
  t.equal(await sweepExpiredOrders(app.data, app.clock()), 1)
  t.equal(await sweepExpiredOrders(app.data, app.clock()), 0, 'idempotent')
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${early['id']}/events` })).json().items
  t.same(events.map((e: { type: string }) => e.type), ['order.created', 'order.published', 'bid.submitted', 'order.bidding_closed'])
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${late['id']}` })).json().status, 'open')
  const proposedAfter = await orderAction(app, enterprise, early['id'], 'finalize')
  assertProblem(t, proposedAfter, 409, 'no_approved_match')
})

t.test('the periodic sweep runs when DEADLINE_SWEEP_INTERVAL is set and stops on close', async (t) => {
  const app = await buildTestApp(t, { DEADLINE_SWEEP_INTERVAL: '1' })
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise, { bidDeadline: '2027-01-20T00:00:00Z' })
  await submitBid(app, college, order['id'])
  app.testClock.set('2027-01-25T00:00:00Z')
  let stored: string | undefined
  for (let polls = 0; polls < 50 && stored !== 'evaluating'; polls++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    stored = (await app.data.get<{ status: string }>('select status from orders where id = ?', [order['id']]))?.status
  }
  t.equal(stored, 'evaluating')
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  t.equal(events.filter((e: { type: string }) => e.type === 'order.bidding_closed').length, 1, 'closed once however often the sweep ran')
})
