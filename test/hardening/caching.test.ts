// Cache-Control: no-store on every answer that holds a token or personal data: the whole API, errors included, and any request with credentials.
import t, { type Test } from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, api, loginAdmin, PASSWORD, uniqueEmail } from '../helper.ts'
import { buildInventoriedApp } from '../helpers/hardening.ts'
import { deliveryFixture, enrol, insertOrderWithCohorts, traineeBatch } from '../helpers/delivery.ts'

const noStore = (t: Pick<Test, 'equal'>, res: LightMyRequestResponse, what: string) => t.equal(res.headers['cache-control'], 'no-store', `${what} (${res.statusCode})`)

t.test('token answers and personal data are no-store: register, login, refresh, /me, rosters, and their errors', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('cache')
  const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD, name: '缓存', organization: { kind: 'enterprise', name: '缓存企业' } } })
  noStore(t, registered, 'register')
  const loggedIn = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })
  noStore(t, loggedIn, 'login')
  const refreshed = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: loggedIn.json().refreshToken } })
  noStore(t, refreshed, 'refresh')
  noStore(t, await api(app, refreshed.json().accessToken, { method: 'GET', url: '/v1/me' }), '/v1/me')

  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  await enrol(app, f.college.token, cohortId!, traineeBatch(2))
  const roster = await api(app, f.enterprise.token, { method: 'GET', url: `/v1/cohorts/${cohortId}/trainees` })
  t.equal(roster.statusCode, 200)
  noStore(t, roster, 'a roster')

  noStore(t, await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'wrong-password-1' } }), 'a failed login')
  noStore(t, await app.inject({ method: 'GET', url: '/v1/me' }), 'a 401')
  noStore(t, await app.inject({ method: 'POST', url: '/v1/auth/register', payload: {} }), 'a 400')
  noStore(t, await app.inject({ method: 'GET', url: '/v1/alliances' }), 'a public list')
  noStore(t, await api(app, f.admin.token, { method: 'GET', url: '/v1/no-such-route' }), 'a 404 to a request with a token')
})

t.test('every GET route answers no-store to an authenticated caller, whatever its status', async (t) => {
  const { app, routes } = await buildInventoriedApp(t)
  const admin = await loginAdmin(app)
  const gets = routes.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/'))
  t.ok(gets.length >= 15, `${gets.length} GET routes`)
  for (const route of gets) {
    const url = route.url.replace(/:[A-Za-z]+/g, 'equipment')
    noStore(t, await api(app, admin.token, { method: 'GET', url }), `GET ${route.url}`)
  }
})

t.test('only the API documentation may be cached, and not when credentials were sent', async (t) => {
  const app = await buildTestApp(t)
  const docs = await app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(docs.statusCode, 200)
  t.not(docs.headers['cache-control'], 'no-store', 'the public OpenAPI document is cacheable')
  const admin = await loginAdmin(app)
  noStore(t, await api(app, admin.token, { method: 'GET', url: '/docs/json' }), 'docs fetched with a token')
  noStore(t, await app.inject({ method: 'GET', url: '/health' }), '/health')
})
