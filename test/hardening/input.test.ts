// Input and failure handling: closed bodies, no coercion, limits, 413, SQLITE_BUSY → 503, opaque 5xx, security headers.
import t from 'tap'
import Fastify from 'fastify'
import { buildTestApp, registerOrg, loginAdmin, api, testEnv, testDatabaseEnv, TestClock } from '../helper.ts'
import { expectProblem, buildInventoriedApp } from '../helpers/hardening.ts'
import { app as appPlugin } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { serverOptions, BODY_LIMIT } from '../../src/server-options.ts'

const registration = (extra: Record<string, unknown> = {}, organization: Record<string, unknown> = {}) => ({
  email: `input.${Math.random().toString(36).slice(2)}@test.talent-orders.cn`,
  password: 'correct-Horse-battery-9',
  name: '王五',
  organization: { kind: 'college', name: '宁波职业技术学院', ...organization },
  ...extra
})

t.test('unknown fields are refused, at any depth, and nothing is created', async (t) => {
  const app = await buildTestApp(t)
  const top = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration({ role: 'admin' }) })
  const body = expectProblem(t, top, 400, 'validation_failed')
  t.match(body['errors'], [{ path: '/role', message: 'unknown field' }])
  const nested = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration({}, { verified: true }) })
  expectProblem(t, nested, 400, 'validation_failed')
  const user = await registerOrg(app, 'enterprise')
  const patch = await api(app, user.token, { method: 'PATCH', url: `/v1/organizations/${user.organizationId}`, payload: { kind: 'college' } })
  expectProblem(t, patch, 400, 'validation_failed')
  t.same(await app.data.get("select count(*) as n from users where name = '王五'"), { n: 0 })
})

t.test('bodies are not coerced; query strings are', async (t) => {
  const app = await buildTestApp(t)
  for (const [field, value] of [['annualCapacity', '100'], ['annualCapacity', true], ['annualCapacity', null], ['name', 42], ['specialties', 'welding']] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration({}, { [field]: value }) })
    expectProblem(t, res, 400, 'validation_failed')
  }
  const user = await registerOrg(app, 'college')
  t.equal((await api(app, user.token, { method: 'GET', url: '/v1/organizations?limit=5' })).statusCode, 200, '"5" in a query string is the number 5')
})

t.test('malformed JSON, prototype poisoning, other media types and oversized bodies are refused as problems', async (t) => {
  const app = await buildTestApp(t)
  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/v1/auth/login', payload, headers: { 'content-type': contentType } })
  expectProblem(t, await post('{"email": "a@b.c", '), 400, 'validation_failed')
  expectProblem(t, await post('{"email":"a@b.cn","password":"x","__proto__":{"admin":true}}'), 400)
  expectProblem(t, await post('email=a@b.cn', 'application/x-www-form-urlencoded'), 415)
  const big = JSON.stringify({ email: 'a@b.cn', password: 'x'.repeat(BODY_LIMIT) })
  const tooLarge = await post(big)
  expectProblem(t, tooLarge, 413, 'payload_too_large')
  t.equal(BODY_LIMIT, 1024 * 1024)
})

t.test('every list caps `limit` at 100 (or lower) and refuses more with 400', async (t) => {
  const { app, routes } = await buildInventoriedApp(t)
  const admin = await loginAdmin(app)
  const lists = routes.filter((r) => r.method === 'GET' && (r.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties?.['limit'])
  t.ok(lists.length >= 2, `${lists.length} routes take a limit`)
  for (const route of lists) {
    const limit = (route.schema?.querystring as { properties: Record<string, { maximum?: number }> }).properties['limit']
    t.ok(limit?.maximum !== undefined && limit.maximum <= 100, `${route.url}: limit maximum ${limit?.maximum}`)
    const url = route.url.replace(/:(\w+)/g, 'x0000000-0000-7000-8000-000000000000') + '?limit=101'
    const res = await api(app, admin.token, { method: 'GET', url })
    expectProblem(t, res, 400, 'validation_failed')
  }
})

t.test('5xx answers carry no message, stack, SQL or path', async (t) => {
  const config = loadConfig(testEnv(await testDatabaseEnv(t)))
  const fastify = Fastify(serverOptions(config))
  await fastify.register(appPlugin, { config, clock: new TestClock().now })
  fastify.get('/test-only/throws', async () => { throw new Error('secret detail at /work/main/src/x.ts: select password_hash from users') })
  fastify.get('/test-only/sql', async () => fastify.data.get('select password_hash from no_such_table'))
  fastify.get('/test-only/bad-gateway', async () => { throw Object.assign(new Error('upstream said /etc/passwd'), { statusCode: 502 }) })
  fastify.get('/test-only/rejects-value', async () => { throw 'a bare string from deep inside' }) // eslint-disable-line no-throw-literal
  await fastify.ready()
  t.teardown(() => fastify.close())
  for (const url of ['/test-only/throws', '/test-only/sql', '/test-only/bad-gateway', '/test-only/rejects-value']) {
    const res = await fastify.inject({ method: 'GET', url })
    t.ok(res.statusCode >= 500, `${url}: ${res.statusCode}`)
    t.match(String(res.headers['content-type']), /^application\/problem\+json/)
    t.notMatch(res.body, /secret|select|password|no_such_table|\/work|\/etc|upstream|bare string|at .*\.ts|stack/i, `${url}: nothing internal`)
    t.match(res.json(), { status: res.statusCode, code: String, detail: String })
  }
})

t.test('security headers from helmet on answers and errors; no x-powered-by; timeouts set', async (t) => {
  const app = await buildTestApp(t)
  for (const res of [await app.inject({ method: 'GET', url: '/health' }), await app.inject({ method: 'GET', url: '/v1/me' }), await app.inject({ method: 'GET', url: '/nowhere' })]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.match(String(res.headers['strict-transport-security']), /max-age=\d+/)
    t.ok(res.headers['content-security-policy'])
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
    t.ok(res.headers['referrer-policy'])
    t.ok(res.headers['cross-origin-opener-policy'])
    t.equal(res.headers['x-powered-by'], undefined)
  }
  const options = serverOptions(loadConfig(testEnv()))
  t.ok(options.requestTimeout && options.requestTimeout > 0, 'request timeout')
  t.ok(options.connectionTimeout && options.connectionTimeout > 0, 'connection timeout')
  t.equal(options.bodyLimit, BODY_LIMIT)
})
