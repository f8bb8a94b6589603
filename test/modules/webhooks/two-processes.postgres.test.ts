// Two API processes deliver from one PostgreSQL outbox: every message reaches the endpoint exactly once.
import t from 'tap'
import { createCoordinator, registerOrg } from '../../helper.ts'
import { createWebhook, deliveriesOf, requestMembership, startReceiver, verified } from '../../helpers/webhooks.ts'
import { clusterUrl, createTestDatabase, migratedTemplate } from '../../support/postgres-database.ts'
import { remoteApp, startApiProcess } from '../../support/api-process.ts'

const EVENTS = 40

t.test('both processes poll every 50 ms; each of 40 events is delivered once', async (t) => {
  const database = await createTestDatabase(t, { template: await migratedTemplate(await clusterUrl()) })
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50' }
  const receiver = await startReceiver(t)
  const [first, second] = await Promise.all([startApiProcess(t, env), startApiProcess(t, env)])
  const both = [remoteApp(first!.url), remoteApp(second!.url)]

  const coordinator = await createCoordinator(both[0]!, ['equipment'])
  const webhook = await createWebhook(both[1]!, coordinator, receiver.url, ['membership.requested'])
  const colleges = []
  for (let i = 0; i < EVENTS; i++) colleges.push(await registerOrg(both[i % 2]!, 'college', { name: `双进程学院 ${i}` }))
  // Forty colleges ask to join at once, half on each process: forty events, all addressed to the coordinator.
  await Promise.all(colleges.map((college, i) => requestMembership(both[i % 2]!, college)))

  await receiver.waitFor(EVENTS, 60_000)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const counts = new Map<string, number>()
  for (const request of receiver.received) {
    verified(webhook.secret, request)
    const id = String(request.headers['webhook-id'])
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  t.equal(counts.size, EVENTS, 'every event arrived')
  t.same([...counts.values()].filter((n) => n !== 1), [], 'none arrived twice')
  t.equal(receiver.received.length, EVENTS)
  const log = await deliveriesOf(both[0]!, coordinator, webhook.id)
  t.equal(log.length, EVENTS)
  t.ok(log.every((d) => d.status === 'delivered' && d.attempts === 1), 'all delivered on the first attempt')
  t.same(new Set(log.map((d) => d.eventId)), new Set(counts.keys()), 'the log names the delivered events')
})
