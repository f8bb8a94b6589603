// Webhook endpoints: register, list, read, delete; the secret shown once; other owners get 404; body validation; the cap.
import t from 'tap'
import { api, buildTestApp, createCoordinator, registerOrg } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { createWebhook } from '../../helpers/webhooks.ts'

const URL = 'https://hooks.example.invalid/talent-orders'

t.test('an organization registers, lists, reads and deletes its endpoints', async (t) => {
  const app = await buildTestApp(t)
  const enterprise = await registerOrg(app, 'enterprise')
  const created = await api(app, enterprise.token, {
    method: 'POST',
    url: '/v1/webhooks',
    payload: { url: URL, events: ['order.published', 'match.approved'], description: '招聘系统' }
  })
  t.equal(created.statusCode, 201, created.body)
  const body = created.json()
  t.match(body, { id: String, url: URL, events: ['match.approved', 'order.published'], description: '招聘系统', createdAt: '2027-01-10T08:00:00.000Z' })
  t.equal(created.headers['location'], `/v1/webhooks/${body.id}`)
  t.match(body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
  t.equal(Buffer.from(body.secret.slice('whsec_'.length), 'base64').length, 32, 'the secret is 32 random bytes')

  const list = await api(app, enterprise.token, { method: 'GET', url: '/v1/webhooks' })
  t.equal(list.statusCode, 200)
  t.same(list.json(), { items: [{ id: body.id, url: URL, events: ['match.approved', 'order.published'], description: '招聘系统', createdAt: body.createdAt }], nextCursor: null })
  const one = await api(app, enterprise.token, { method: 'GET', url: `/v1/webhooks/${body.id}` })
  t.equal(one.statusCode, 200)
  t.notOk('secret' in one.json(), 'the secret is never read back')
  t.notOk(list.body.includes(body.secret), 'nor listed')

  const deliveries = await api(app, enterprise.token, { method: 'GET', url: `/v1/webhooks/${body.id}/deliveries` })
  t.same(deliveries.json(), { items: [], nextCursor: null })

  const deleted = await api(app, enterprise.token, { method: 'DELETE', url: `/v1/webhooks/${body.id}` })
  t.equal(deleted.statusCode, 204)
  assertProblem(t, await api(app, enterprise.token, { method: 'GET', url: `/v1/webhooks/${body.id}` }), 404, 'not_found')
  assertProblem(t, await api(app, enterprise.token, { method: 'DELETE', url: `/v1/webhooks/${body.id}` }), 404, 'not_found')
})

t.test('description defaults to empty; `*` subscribes to everything and stands alone', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college')
  const res = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url: URL, events: ['*', 'bid.submitted'] } })
  t.equal(res.statusCode, 201, res.body)
  t.match(res.json(), { description: '', events: ['*'] })
})

t.test("another owner's endpoint is a 404 everywhere; a coordinator's endpoints are its own", async (t) => {
  const app = await buildTestApp(t)
  const owner = await registerOrg(app, 'enterprise')
  const colleague = await registerOrg(app, 'enterprise')
  const coordinator = await createCoordinator(app, ['equipment'])
  const webhook = await createWebhook(app, owner, URL)
  for (const other of [colleague, coordinator]) {
    assertProblem(t, await api(app, other.token, { method: 'GET', url: `/v1/webhooks/${webhook.id}` }), 404, 'not_found')
    assertProblem(t, await api(app, other.token, { method: 'GET', url: `/v1/webhooks/${webhook.id}/deliveries` }), 404, 'not_found')
    assertProblem(t, await api(app, other.token, { method: 'DELETE', url: `/v1/webhooks/${webhook.id}` }), 404, 'not_found')
    t.same((await api(app, other.token, { method: 'GET', url: '/v1/webhooks' })).json().items, [], 'lists only its own')
  }
  const own = await createWebhook(app, coordinator, URL, ['membership.requested'])
  t.same((await api(app, coordinator.token, { method: 'GET', url: '/v1/webhooks' })).json().items.map((w: { id: string }) => w.id), [own.id])
  t.equal((await api(app, owner.token, { method: 'GET', url: `/v1/webhooks/${webhook.id}` })).statusCode, 200, 'still there for its owner')
})

t.test('invalid bodies are 400', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college')
  const bad = [
    { events: ['*'] },
    { url: URL },
    { url: URL, events: [] },
    { url: URL, events: ['order.exploded'] },
    { url: URL, events: ['order.published', 'order.published'] },
    { url: URL, events: ['*'], description: 'x'.repeat(10_001) },
    { url: `https://example.invalid/${'x'.repeat(2048)}`, events: ['*'] },
    { url: 'ftp://example.invalid/', events: ['*'] },
    { url: URL, events: ['*'], secret: 'whsec_mine' }
  ]
  for (const payload of bad) {
    assertProblem(t, await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload }), 400, 'validation_failed', JSON.stringify(payload).slice(0, 80))
  }
  const many = Array.from({ length: 51 }, () => 'order.published')
  assertProblem(t, await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url: URL, events: many } }), 400)
})

t.test('at most 20 endpoints per owner, then 422 webhook_limit_reached', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '0' })
  const college = await registerOrg(app, 'college')
  for (let i = 0; i < 20; i++) await createWebhook(app, college, `${URL}/${i}`)
  const over = await api(app, college.token, { method: 'POST', url: '/v1/webhooks', payload: { url: URL, events: ['*'] } })
  assertProblem(t, over, 422, 'webhook_limit_reached')
  const page = await api(app, college.token, { method: 'GET', url: '/v1/webhooks?limit=15' })
  t.equal(page.json().items.length, 15)
  const rest = await api(app, college.token, { method: 'GET', url: `/v1/webhooks?limit=15&cursor=${page.json().nextCursor}` })
  t.equal(rest.json().items.length, 5)
  t.equal(rest.json().nextCursor, null)
})
