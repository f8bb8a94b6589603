// The outbox survives a crash: a change acknowledged, the process killed before any attempt, a restart delivers it.
import t from 'tap'
import { api, registerOrg, TEST_ENGINE } from '../../helper.ts'
import { sharedDatabaseEnv } from '../../helpers/hardening.ts'
import { createWebhook, deliveriesOf, requestMembership, startReceiver, verified } from '../../helpers/webhooks.ts'
import { remoteApp, startApiProcess } from '../../support/api-process.ts'

t.test(`SIGKILL between commit and delivery, then a restart on the same database (${TEST_ENGINE})`, async (t) => {
  const database = await sharedDatabaseEnv(t, 'webhooks-crash.db')
  const env = { ...database, WEBHOOK_ALLOW_PRIVATE: 'true' }
  const receiver = await startReceiver(t)

  const first = await startApiProcess(t, { ...env, WEBHOOK_POLL_MS: '0' })
  const before = remoteApp(first.url)
  const college = await registerOrg(before, 'college')
  const webhook = await createWebhook(before, college, receiver.url, ['membership.requested'])
  const membershipId = await requestMembership(before, college)
  t.ok(membershipId, 'the change was acknowledged')
  t.match(await deliveriesOf(before, college, webhook.id), [{ status: 'pending', attempts: 0 }], 'written with the change, not yet sent')

  const exited = new Promise((resolve) => first.child.once('exit', resolve))
  first.child.kill('SIGKILL')
  await exited
  t.equal(receiver.received.length, 0, 'nothing was sent before the crash')

  const second = await startApiProcess(t, { ...env, WEBHOOK_POLL_MS: '100' })
  await receiver.waitFor(1)
  const message = verified(webhook.secret, receiver.received[0]!)
  t.match(message, { type: 'membership.requested', orderId: null, data: {} })
  const after = remoteApp(second.url)
  let deliveries = await deliveriesOf(after, college, webhook.id)
  for (let i = 0; i < 40 && deliveries[0]?.status !== 'delivered'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    deliveries = await deliveriesOf(after, college, webhook.id)
  }
  t.match(deliveries, [{ status: 'delivered', attempts: 1, lastStatusCode: 200, eventId: message['id'] }])
  t.equal(receiver.received[0]!.headers['webhook-id'], message['id'])
  const events = await api(after, college.token, { method: 'GET', url: `/v1/memberships/${membershipId}` })
  t.equal(events.statusCode, 200, 'the change itself is there after the restart')
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(receiver.received.length, 1, 'delivered once')
})
