// Location on every 201: each creating operation in the document is driven, and its Location reads back what it created.
import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { api, buildTestApp, joinAlliance, loginAdmin, marketFixture, PASSWORD, registerOrg, uniqueEmail, type Session } from '../helper.ts'
import { operationsOf, type OpenApi } from '../hardening/openapi-tools.ts'
import { orderBody } from '../helpers/market.ts'

t.test('every creating operation answers 201 with a Location that reads back the new resource', async (t) => {
  // A standstill after approvals, so another bidder may file a complaint.
  const app = await buildTestApp(t, { STANDSTILL_SECONDS: '3600' })
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApi
  const creating = operationsOf(doc).filter((o) => o.operation.responses['201']).map((o) => o.name)
  const covered = new Set<string>()

  /** Sends a create, checks its Location, reads it back with the same caller, and returns the body. */
  const create = async (operation: string, session: Session | null, url: string, payload?: unknown, idempotencyKey?: string) => {
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}
    const res: LightMyRequestResponse = await api(app, session?.token ?? null, { method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
    t.equal(res.statusCode, 201, `${operation}: 201 ${res.body.slice(0, 200)}`)
    const location = res.headers['location']
    t.type(location, 'string', `${operation}: Location`)
    t.match(location, /^\/v1\//, `${operation}: a path under /v1`)
    const token = session?.token ?? (res.json() as { accessToken?: string }).accessToken ?? null
    const read = await api(app, token, { method: 'GET', url: String(location) })
    t.equal(read.statusCode, 200, `${operation}: GET ${String(location)} → 200`)
    covered.add(operation)
    return { body: res.json() as Record<string, unknown>, read: read.json() as Record<string, unknown>, location: String(location) }
  }

  const registered = await create('POST /v1/auth/register', null, '/v1/auth/register', {
    email: uniqueEmail('hr'), password: PASSWORD, name: '张敏', organization: { kind: 'enterprise', name: '宁波北仑变速箱有限公司' }
  })
  t.equal((registered.read['user'] as { id: string }).id, (registered.body['user'] as { id: string }).id, 'register: /v1/me is the new user')

  const admin = await loginAdmin(app)
  const alliance = await create('POST /v1/alliances', admin, '/v1/alliances', { code: 'new-energy', name: 'New energy vehicles', nameZh: '新能源汽车' })
  t.equal(alliance.read['code'], 'new-energy')
  const user = await create('POST /v1/users', admin, '/v1/users', { email: uniqueEmail('coordinator'), password: PASSWORD, name: '陈协调', role: 'coordinator', alliances: ['new-energy'] })
  t.same(user.read, user.body, 'the created user reads back the same')
  const skill = await create('POST /v1/skills', admin, '/v1/skills', { tag: 'laser-welding', nameEn: 'Laser welding', nameZh: '激光焊接', aliases: ['激光焊'] })
  t.equal(skill.location, '/v1/skills/laser-welding')

  const { enterprise, college, coordinator } = await marketFixture(app)
  const membership = await create('POST /v1/alliances/{code}/memberships', college, '/v1/alliances/new-energy/memberships')
  t.equal(membership.read['id'], membership.body['id'])

  const order = await create('POST /v1/orders', enterprise, '/v1/orders', orderBody())
  t.equal(order.location, `/v1/orders/${String(order.body['id'])}`)
  const bidOrder = (await api(app, enterprise.token, { method: 'POST', url: '/v1/orders', payload: orderBody() })).json() as { id: string }
  await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${bidOrder.id}/publish` })
  const bid = await create('POST /v1/orders/{id}/bids', college, `/v1/orders/${bidOrder.id}/bids`, {
    cohortSize: 5, startDate: '2027-03-01', durationWeeks: 16, pricePerTrainee: 7500, curriculum: [{ title: '数控车床实操', hours: 200, kind: 'practice' }]
  })
  t.equal(bid.read['id'], bid.body['id'])
  const question = await create('POST /v1/orders/{id}/questions', college, `/v1/orders/${bidOrder.id}/questions`, { text: '结业考核由谁组织？' })
  t.equal(question.location, `/v1/orders/${bidOrder.id}/questions`)
  const rival = await registerOrg(app, 'college', { name: '宁波甬江职业技术学院' })
  await joinAlliance(app, rival, coordinator, 'equipment')
  await api(app, rival.token, { method: 'POST', url: `/v1/orders/${bidOrder.id}/bids`, payload: { cohortSize: 5, startDate: '2027-03-01', durationWeeks: 16, pricePerTrainee: 7000, curriculum: [{ title: '数控车床实操', hours: 200, kind: 'practice' }] } })
  await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${bidOrder.id}/close-bidding` })
  const match = await create('POST /v1/orders/{id}/matches', enterprise, `/v1/orders/${bidOrder.id}/matches`, { bidId: bid.body['id'], seats: 3 })
  t.equal(match.read['id'], match.body['id'])
  await api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${String(match.body['id'])}/approve` })
  const cohorts = (await api(app, college.token, { method: 'GET', url: `/v1/cohorts?orderId=${bidOrder.id}` })).json() as { items: Array<{ id: string }> }
  const cohortId = cohorts.items[0]!.id
  const trainees = await create('POST /v1/cohorts/{id}/trainees', college, `/v1/cohorts/${cohortId}/trainees`, { trainees: [{ name: '王小明', studentNo: '2027NB0101' }] }, 'enrol-1')
  t.equal(trainees.location, `/v1/cohorts/${cohortId}/trainees`)
  const complaint = await create('POST /v1/matches/{id}/complaints', rival, `/v1/matches/${String(match.body['id'])}/complaints`, { reason: '中标学院实训设备不足。' })
  t.equal(complaint.location, `/v1/complaints/${String(complaint.body['id'])}`)
  const webhook = await create('POST /v1/webhooks', college, '/v1/webhooks', { url: 'https://hooks.example.invalid/talent-orders', events: ['*'] })
  t.equal(webhook.location, `/v1/webhooks/${String(webhook.body['id'])}`)
  t.notOk('secret' in webhook.read, 'the secret is not read back')
  const invitation = await create('POST /v1/organizations/{id}/invitations', enterprise, `/v1/organizations/${enterprise.organizationId}/invitations`, { email: uniqueEmail('invitee'), orgRole: 'member' })
  t.equal(invitation.location, `/v1/invitations/${String(invitation.body['id'])}`)

  const replay = await api(app, college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, headers: { 'idempotency-key': 'enrol-1' }, payload: { trainees: [{ name: '王小明', studentNo: '2027NB0101' }] } })
  t.equal(replay.headers['idempotent-replayed'], 'true', 'an idempotent replay')
  t.equal(replay.headers['location'], trainees.location, 'the replay carries the same Location')

  t.same([...covered].sort(), creating.sort(), 'every creating operation in the document was driven here')
})
