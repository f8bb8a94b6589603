// Writers on one order run one after the other (SQLite: one writer; PostgreSQL: the order row locked for the write).
import t from 'tap'
import { api, buildTestApp, marketFixture } from '../../helper.ts'
import { openOrder, orderAction, submitBid } from '../../helpers/market.ts'
import { loadOrderForWrite } from '../../../src/modules/orders/index.ts'
import { storeBiddingClosed } from '../../../src/modules/orders/deadline.ts'
import type { Actor } from '../../../src/lib/actor.ts'

t.test('concurrent close-bidding requests on one order: one closes it, the others see it closed', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  // One bid meets the default minBids: closing leads to evaluating.
  await submitBid(app, college, order['id'])
  const results = await Promise.all([1, 2, 3].map(() => orderAction(app, enterprise, order['id'], 'close-bidding')))
  t.same(results.map((r) => r.statusCode).sort(), [200, 409, 409])
  t.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'order_not_open'), 'refused as no longer open')
  const events = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}/events` })).json().items
  t.equal(events.filter((e: { type: string }) => e.type === 'order.bidding_closed').length, 1, 'closed once')
})

t.test('a write that loaded the order holds it: a second writer reads it only after the first commits', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const order = await openOrder(app, enterprise)
  await submitBid(app, college, order['id'])
  const id = String(order['id'])
  const actor: Actor = { userId: enterprise.userId, sessionId: 'test', role: 'enterprise', organizationId: enterprise.organizationId, organizationKind: 'enterprise' }
  let loaded: () => void = () => {}
  const firstLoaded = new Promise<void>((resolve) => { loaded = resolve })
  const first = app.data.write(async (tx) => {
    const loadedOrder = await loadOrderForWrite(tx, id, actor, app.clock())
    loaded()
    // Long enough for the second writer to reach its read, were it not held back.
    await new Promise((resolve) => setTimeout(resolve, 300))
    await storeBiddingClosed(tx, loadedOrder, actor, app.clock())
  })
  await firstLoaded
  const second = app.data.write(async (tx) => (await loadOrderForWrite(tx, id, actor, app.clock())).storedStatus)
  await first
  t.equal(await second, 'evaluating', 'the second writer saw the first one\'s change')
})
