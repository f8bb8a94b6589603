// Minimum bids: closing with fewer submitted bids than minBids makes the order unsuccessful, by the owner, the deadline, any read or write, and the sweep.
import t from 'tap'
import { api, buildTestApp, marketFixture, registerOrg, joinAlliance, type TestApp, type Session } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { bidBody, orderBody, openOrder, orderAction, submitBid, proposeMatch, type Json } from '../../helpers/market.ts'
import { sweepExpiredOrders } from '../../../src/modules/orders/deadline.ts'

const AFTER_DEADLINE = '2027-02-01T00:00:00.000Z'

/** An open order asking for three bids, with two of them in. */
async function twoOfThree (t: Parameters<typeof buildTestApp>[0]) {
  const app = await buildTestApp(t)
  const market = await marketFixture(app)
  const second = await registerOrg(app, 'college', { name: '第二职业技术学院' })
  await joinAlliance(app, second, market.coordinator, 'equipment')
  const order = await openOrder(app, market.enterprise, { minBids: 3 })
  const bids = [await submitBid(app, market.college, order['id']), await submitBid(app, second, order['id'])]
  return { app, ...market, second, order, bids }
}

const read = async (app: TestApp, session: Session, url: string) => (await api(app, session.token, { method: 'GET', url })).json()
const storedStatus = async (app: TestApp, table: 'orders' | 'bids', id: unknown) =>
  (await app.data.get<{ status: string }>(`select status from ${table} where id = @id`, { id }))?.status

t.test('minBids is 1 to 20, default 1, and shows on the order', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise } = await marketFixture(app)
  const created = await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ minBids: 20 }) })
  t.equal(created.json().minBids, 20)
  t.equal((await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody() })).json().minBids, 1)
  for (const minBids of [0, 21, 2.5, '3']) {
    assertProblem(t, await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody({ minBids }) }), 400, 'validation_failed')
  }
})

t.test('the owner closes with too few bids: unsuccessful, its bids not selected, event order.unsuccessful', async (t) => {
  const { app, enterprise, college, coordinator, order, bids } = await twoOfThree(t)
  const closed = await orderAction(app, enterprise, order['id'], 'close-bidding')
  t.equal(closed.statusCode, 200, closed.body)
  t.equal(closed.json().status, 'unsuccessful')
  t.equal((await read(app, college, `/v1/bids/${String(bids[0]!['id'])}`)).status, 'not_selected')
  const events = (await read(app, coordinator, `/v1/orders/${String(order['id'])}/events?limit=100`)).items as Json[]
  t.match(events.find((e) => e['type'] === 'order.unsuccessful'), { data: { by: 'owner', submittedBids: 2, minBids: 3 } })
  t.notOk(events.some((e) => e['type'] === 'order.bidding_closed'), 'unsuccessful instead of evaluating')
  t.equal(events.filter((e) => e['type'] === 'bid.not_selected').length, 2)
  assertProblem(t, await proposeMatch(app, enterprise, order['id'], bids[0]!['id'], 2), 409, 'order_not_evaluating')
  assertProblem(t, await orderAction(app, enterprise, order['id'], 'finalize'), 409)
  assertProblem(t, await orderAction(app, enterprise, order['id'], 'cancel', { reason: '重新招标' }), 409, 'order_not_cancellable', 'terminal')
  t.equal((await read(app, enterprise, `/v1/orders/${String(order['id'])}/bids`)).items.length, 2, 'bids are unsealed: bidding closed')
})

t.test('the deadline with too few bids: every read says unsuccessful before any write, the first write stores it', async (t) => {
  const { app, enterprise, college, second, order, bids } = await twoOfThree(t)
  app.testClock.set(AFTER_DEADLINE)
  t.equal((await read(app, second, `/v1/orders/${String(order['id'])}`)).status, 'unsuccessful', 'a member college still sees it')
  t.same((await read(app, college, '/v1/orders?status=unsuccessful')).items.map((o: Json) => o['id']), [order['id']])
  t.same((await read(app, college, '/v1/orders?status=evaluating')).items, [])
  t.same((await read(app, college, '/v1/orders?status=open')).items, [])
  t.equal((await read(app, college, `/v1/bids/${String(bids[0]!['id'])}`)).status, 'not_selected')
  t.same((await read(app, college, '/v1/bids?status=not_selected')).items.map((b: Json) => b['id']), [bids[0]!['id']])
  t.equal(await storedStatus(app, 'orders', order['id']), 'open', 'nothing stored yet')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: `/v1/orders/${String(order['id'])}/bids`, payload: bidBody() }), 409, 'deadline_passed')
  t.equal(await storedStatus(app, 'orders', order['id']), 'unsuccessful', 'the refused write stored the closing')
  t.equal(await storedStatus(app, 'bids', bids[1]!['id']), 'not_selected')
  const events = (await read(app, enterprise, `/v1/orders/${String(order['id'])}/events?limit=100`)).items as Json[]
  t.match(events.filter((e) => e['type'] === 'order.unsuccessful'), [{ actor: { role: 'system' }, data: { by: 'deadline' } }])
  t.equal(await sweepExpiredOrders(app.data, app.clock()), 0, 'nothing left for the sweep')
})

t.test('the sweep stores unsuccessful and evaluating as the bids decide', async (t) => {
  const { app, enterprise, college, second, order } = await twoOfThree(t)
  const enough = await openOrder(app, enterprise, { minBids: 2, title: '两家投标 two bids' })
  await submitBid(app, college, enough['id'])
  await submitBid(app, second, enough['id'])
  const none = await openOrder(app, enterprise, { title: '无人投标 no bids' })
  app.testClock.set(AFTER_DEADLINE)
  t.equal(await sweepExpiredOrders(app.data, app.clock()), 3)
  t.equal(await storedStatus(app, 'orders', order['id']), 'unsuccessful')
  t.equal(await storedStatus(app, 'orders', enough['id']), 'evaluating')
  t.equal(await storedStatus(app, 'orders', none['id']), 'unsuccessful', 'no bid at all is fewer than the default 1')
})

t.test('bids waiting for confirmation do not count: an amended order whose bids lapse is unsuccessful', async (t) => {
  const { app, enterprise, college, second, coordinator, order, bids } = await twoOfThree(t)
  const third = await registerOrg(app, 'college', { name: '第三学院' })
  await joinAlliance(app, third, coordinator, 'equipment')
  await submitBid(app, third, order['id'])
  t.equal((await api(app, enterprise.token, { method: 'PATCH', url: `/v1/orders/${String(order['id'])}`, payload: { headcount: 12 } })).statusCode, 200)
  t.equal((await api(app, college.token, { method: 'POST', url: `/v1/bids/${String(bids[0]!['id'])}/confirm` })).statusCode, 200)
  t.equal((await api(app, second.token, { method: 'POST', url: `/v1/bids/${String(bids[1]!['id'])}/confirm` })).statusCode, 200)
  const closed = await orderAction(app, enterprise, order['id'], 'close-bidding')
  t.equal(closed.json().status, 'unsuccessful', 'two confirmed of three asked')
  t.equal((await read(app, second, `/v1/bids/${String(bids[1]!['id'])}`)).status, 'not_selected')
})
