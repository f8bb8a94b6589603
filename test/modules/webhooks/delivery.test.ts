// Webhook delivery end to end: a real change through the API, the worker's pass, a signed POST to a local receiver, the log.
import t from 'tap'
import { api, buildTestApp, createCoordinator, marketFixture, registerOrg } from '../../helper.ts'
import { openOrder, submitBid } from '../../helpers/market.ts'
import { createWebhook, deliveriesOf, requestMembership, startReceiver, verified } from '../../helpers/webhooks.ts'

const PRIVATE = { WEBHOOK_ALLOW_PRIVATE: 'true' }

t.test('a membership request is delivered, signed, to the college and to the coordinator', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t)
  const college = await registerOrg(app, 'college')
  const coordinator = await createCoordinator(app, ['equipment'])
  const mine = await createWebhook(app, college, receiver.url, ['membership.requested'])
  const theirs = await createWebhook(app, coordinator, `${receiver.url}?coordinator`, ['*'])
  const unrelated = await createWebhook(app, college, receiver.url, ['order.published'])

  await requestMembership(app, college)
  const [pending] = await deliveriesOf(app, college, mine.id)
  t.match(pending, { status: 'pending', attempts: 0, lastStatusCode: null, type: 'membership.requested', nextAttemptAt: app.testClock.now().toISOString() })
  t.same(await deliveriesOf(app, college, unrelated.id), [], 'an endpoint not subscribed to the type gets nothing')
  t.equal(receiver.received.length, 0, 'nothing is sent before the worker runs')

  t.equal(await app.webhookWorker.runOnce(), 2, 'both due deliveries attempted')
  t.equal(await app.webhookWorker.runOnce(), 0, 'nothing left')
  t.equal(receiver.received.length, 2)
  const forCollege = receiver.received.find((r) => r.path === '/hook')!
  const forCoordinator = receiver.received.find((r) => r.path === '/hook?coordinator')!
  const eventId = pending!.eventId
  for (const message of [verified(mine.secret, forCollege), verified(theirs.secret, forCoordinator)]) {
    t.same(message, { id: eventId, type: 'membership.requested', occurredAt: '2027-01-10T08:00:00.000Z', orderId: null, data: {} })
  }
  t.throws(() => verified(theirs.secret, forCollege), 'each endpoint signs with its own secret')
  t.equal(forCollege.headers['webhook-id'], eventId, 'webhook-id is the event id')
  t.equal(forCollege.headers['content-type'], 'application/json')
  t.match(forCollege.headers['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}=$/)
  t.ok(Math.abs(Number(forCollege.headers['webhook-timestamp']) - Date.now() / 1000) < 30, 'the timestamp is the attempt time, in Unix seconds')

  const [delivered] = await deliveriesOf(app, college, mine.id)
  t.same(delivered, { id: pending!.id, eventId, type: 'membership.requested', status: 'delivered', attempts: 1, lastStatusCode: 200, nextAttemptAt: null })
  t.match(await deliveriesOf(app, coordinator, theirs.id), [{ status: 'delivered', attempts: 1, lastStatusCode: 200 }])
})

t.test('the body carries the recipient’s view: a sealed bid tells the owner only that a bid came', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t)
  const { enterprise, college } = await marketFixture(app)
  const ownerHook = await createWebhook(app, enterprise, receiver.url, ['bid.submitted'])
  const order = await openOrder(app, enterprise)
  await submitBid(app, college, order['id'])
  t.equal(await app.webhookWorker.runOnce(), 1)
  const message = verified(ownerHook.secret, receiver.received[0]!)
  t.match(message, { type: 'bid.submitted', orderId: order['id'], data: {} })
  t.same(message['data'], {}, 'no price, no bidder')
})

t.test('failures are retried with backoff under the same webhook-id, then delivered', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t)
  receiver.answers.push(500, 302)
  const college = await registerOrg(app, 'college')
  const webhook = await createWebhook(app, college, receiver.url)
  await requestMembership(app, college)
  const first = app.testClock.now().getTime()

  t.equal(await app.webhookWorker.runOnce(), 1)
  let [delivery] = await deliveriesOf(app, college, webhook.id)
  t.match(delivery, { status: 'pending', attempts: 1, lastStatusCode: 500 })
  const retry1 = Date.parse(delivery!.nextAttemptAt!) - first
  t.ok(retry1 >= 7_500 && retry1 <= 10_000, `first retry ${retry1} ms after the first attempt (within 30 s)`)

  app.testClock.advance(retry1 - 1)
  t.equal(await app.webhookWorker.runOnce(), 0, 'not due before its time')
  app.testClock.advance(1)
  t.equal(await app.webhookWorker.runOnce(), 1)
  ;[delivery] = await deliveriesOf(app, college, webhook.id)
  t.match(delivery, { status: 'pending', attempts: 2, lastStatusCode: 302 }, 'a redirect is not followed: a failed attempt')
  const retry2 = Date.parse(delivery!.nextAttemptAt!) - first
  t.ok(retry2 - retry1 >= 45_000 && retry2 <= 120_000, `second retry ${retry2} ms after the first attempt (within 2 minutes)`)

  app.testClock.set(delivery!.nextAttemptAt!)
  t.equal(await app.webhookWorker.runOnce(), 1)
  ;[delivery] = await deliveriesOf(app, college, webhook.id)
  t.match(delivery, { status: 'delivered', attempts: 3, lastStatusCode: 200, nextAttemptAt: null })
  t.equal(receiver.received.length, 3)
  const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']))
  t.same([...ids], [delivery!.eventId], 'one webhook-id on every attempt')
  const bodies = new Set(receiver.received.map((r) => r.body))
  t.equal(bodies.size, 1, 'the same body on every attempt')
  for (const request of receiver.received) t.ok(verified(webhook.secret, request), 'each attempt is signed')
})

t.test('after the last of 8 attempts, over more than an hour, the delivery is failed', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t, 503)
  const college = await registerOrg(app, 'college')
  const webhook = await createWebhook(app, college, receiver.url)
  await requestMembership(app, college)
  const first = app.testClock.now().getTime()
  const attemptsAt: number[] = []
  for (let i = 0; i < 8; i++) {
    const [due] = await deliveriesOf(app, college, webhook.id)
    app.testClock.set(due!.nextAttemptAt!)
    attemptsAt.push(app.testClock.now().getTime() - first)
    t.equal(await app.webhookWorker.runOnce(), 1, `attempt ${i + 1}`)
  }
  const [failed] = await deliveriesOf(app, college, webhook.id)
  t.same({ ...failed, id: undefined, eventId: undefined }, { id: undefined, eventId: undefined, type: 'membership.requested', status: 'failed', attempts: 8, lastStatusCode: 503, nextAttemptAt: null })
  t.ok(attemptsAt[5]! >= 3_600_000, `the 6th attempt comes ${attemptsAt[5]} ms after the first (at least an hour)`)
  for (let i = 1; i < 8; i++) t.ok(attemptsAt[i]! > attemptsAt[i - 1]!, 'attempts spread out')
  app.testClock.advance(30 * 86_400_000)
  t.equal(await app.webhookWorker.runOnce(), 0, 'a failed delivery is never attempted again')
  t.equal(receiver.received.length, 8)
  const row = await app.data.get<{ lastError: string }>('select last_error as "lastError" from webhook_deliveries where id = @id', { id: failed!.id })
  t.equal(row?.lastError, 'HTTP 503')
})

t.test('no response within the timeout, or no connection, is a failed attempt with no status code', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t, 'hang')
  const college = await registerOrg(app, 'college')
  const hanging = await createWebhook(app, college, receiver.url)
  const closedPort = await createWebhook(app, college, 'http://127.0.0.1:9/nothing-listens')
  await requestMembership(app, college)
  const { WebhookWorker } = await import('../../../src/modules/webhooks/worker.ts')
  const worker = new WebhookWorker({ data: app.data, clock: app.clock, log: app.log, allowPrivate: true, timeoutMs: 300 })
  const started = Date.now()
  t.equal(await worker.runOnce(), 2)
  t.ok(Date.now() - started < 5000, 'the attempt gave up after its timeout')
  t.match(await deliveriesOf(app, college, hanging.id), [{ status: 'pending', attempts: 1, lastStatusCode: null }])
  t.match(await deliveriesOf(app, college, closedPort.id), [{ status: 'pending', attempts: 1, lastStatusCode: null }])
  const errors = await app.data.all<{ lastError: string }>('select last_error as "lastError" from webhook_deliveries order by webhook_id')
  t.match(errors.map((e) => e.lastError).sort(), [/^ECONNREFUSED/, /^no response within 300 ms$/])
})

t.test('a refusal at delivery time: the endpoint stored while private addresses were allowed, sent without', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t)
  const college = await registerOrg(app, 'college')
  const webhook = await createWebhook(app, college, receiver.url)
  await requestMembership(app, college)
  const { WebhookWorker } = await import('../../../src/modules/webhooks/worker.ts')
  const strict = new WebhookWorker({ data: app.data, clock: app.clock, log: app.log, allowPrivate: false })
  t.equal(await strict.runOnce(), 1)
  t.equal(receiver.received.length, 0, 'never connected')
  t.match(await deliveriesOf(app, college, webhook.id), [{ status: 'pending', attempts: 1, lastStatusCode: null }])
  const row = await app.data.get<{ lastError: string }>('select last_error as "lastError" from webhook_deliveries')
  t.match(row?.lastError, /^refused: only https: URLs/)
})

t.test('deleting an endpoint drops its pending deliveries: they are never attempted', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t)
  const college = await registerOrg(app, 'college')
  const webhook = await createWebhook(app, college, receiver.url)
  await requestMembership(app, college)
  t.equal((await api(app, college.token, { method: 'DELETE', url: `/v1/webhooks/${webhook.id}` })).statusCode, 204)
  t.equal(await app.webhookWorker.runOnce(), 0)
  t.equal(receiver.received.length, 0)
  const left = await app.data.get<{ count: number }>('select count(*) as "count" from webhook_deliveries')
  t.equal(Number(left?.count), 0)
})

t.test('an attempt holds a lease: a second worker does not take the same delivery meanwhile', async (t) => {
  const app = await buildTestApp(t, PRIVATE)
  const receiver = await startReceiver(t, 'hang')
  const college = await registerOrg(app, 'college')
  await createWebhook(app, college, receiver.url)
  await requestMembership(app, college)
  const { WebhookWorker } = await import('../../../src/modules/webhooks/worker.ts')
  const slow = new WebhookWorker({ data: app.data, clock: app.clock, log: app.log, allowPrivate: true, timeoutMs: 1000 })
  const running = slow.runOnce()
  await receiver.waitFor(1)
  t.equal(await app.webhookWorker.runOnce(), 0, 'leased by the first worker')
  t.equal(await running, 1)
  app.testClock.advance(60_000)
  receiver.fallback = 200
  t.equal(await app.webhookWorker.runOnce(), 1, 'due again after its backoff')
})
