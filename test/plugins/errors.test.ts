// The error plugin: every failure is application/problem+json, bodies are validated strictly, internals never leak.
import t from 'tap'
import { buildTestApp, api, loginAdmin, registerOrg, createCoordinator } from '../helper.ts'
import { assertProblem, buildAppWith } from '../helpers/foundation.ts'
import { HttpProblem } from '../../src/lib/problems.ts'

const alliance = { code: 'new-energy', name: 'New Energy', nameZh: '新能源' }

t.test('malformed JSON, a JSON null, prototype poisoning: 400 problem+json', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const json = { 'content-type': 'application/json' }
  const malformed = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: json, payload: '{"code": "x",' })
  const body = assertProblem(t, malformed, 400, 'validation_failed')
  t.match(body['detail'], /malformed JSON/)
  t.equal(body['type'], 'https://talent-orders.example/problems/validation-failed')
  t.equal(body['title'], 'Bad Request')
  assertProblem(t, await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: json, payload: 'null' }), 400, 'validation_failed')
  assertProblem(t, await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: json, payload: '[1,2]' }), 400, 'validation_failed')
  assertProblem(t, await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: json, payload: '{"__proto__": {"admin": true}, "code": "ab", "name": "n", "nameZh": "n"}' }), 400, 'validation_failed')
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/login', headers: json, payload: '{bad' }), 400, 'validation_failed', 'public routes too')
})

t.test('unknown routes are 404 problem+json, with or without a token', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  for (const [method, url] of [['GET', '/nope'], ['GET', '/v1/nope'], ['DELETE', '/v1/alliances'], ['PUT', '/v1/me']] as const) {
    const body = assertProblem(t, await app.inject({ method, url }), 404, 'not_found', `${method} ${url}`)
    t.match(body['detail'], url)
    assertProblem(t, await api(app, admin.token, { method, url }), 404, 'not_found', `${method} ${url} with a token`)
  }
})

t.test('a body that is not JSON is a 415; a body over 1 MiB is a 413', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    assertProblem(t, await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: { 'content-type': type }, payload: 'code=x' }), 415, 'unsupported_media_type', type)
  }
  const big = JSON.stringify({ ...alliance, description: 'x'.repeat(1024 * 1024) })
  assertProblem(t, await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: { 'content-type': 'application/json' }, payload: big }), 413, 'payload_too_large')
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: big }), 413, 'payload_too_large', 'before authentication too')
  const justUnder = JSON.stringify({ ...alliance, description: 'x'.repeat(9_000) })
  t.equal((await api(app, admin.token, { method: 'POST', url: '/v1/alliances', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: justUnder })).statusCode, 201, 'JSON with a charset parameter is accepted')
  t.equal((await app.inject({ method: 'GET', url: '/v1/alliances' })).json().items.length, 4)
})

t.test('action routes accept an empty body with or without a JSON content type', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const orgs = await Promise.all([registerOrg(app, 'college'), registerOrg(app, 'enterprise'), registerOrg(app, 'college')])
  const variants = [{}, { headers: { 'content-type': 'application/json' }, payload: '' }, { headers: { 'content-type': 'application/json' }, payload: '  \n' }]
  for (const [i, org] of orgs.entries()) {
    const requested = await api(app, org.token, { method: 'POST', url: '/v1/alliances/equipment/memberships', ...variants[i] })
    t.equal(requested.statusCode, 201, `request, variant ${i}`)
    const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/memberships/${requested.json().id}/approve`, ...variants[i] })
    t.equal(approved.statusCode, 200, `approve, variant ${i}`)
    t.equal(approved.json().status, 'active')
  }
  assertProblem(t, await api(app, coordinator.token, { method: 'POST', url: '/v1/memberships/0190a6c2-0000-7000-8000-000000000000/reject', headers: { 'content-type': 'application/json' }, payload: '' }), 400, 'validation_failed', 'an empty body still misses a required reason')
})

t.test('unknown fields are a 400 with errors[{path, message}]; no type coercion in bodies', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const unknown = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { ...alliance, isAdmin: true, extra: 1 } })
  assertProblem(t, unknown, 400, 'validation_failed')
  t.same(unknown.json().errors, [{ path: '/isAdmin', message: 'unknown field' }, { path: '/extra', message: 'unknown field' }])
  const nested = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'n@test.talent-orders.cn', password: 'correct-Horse-battery-9', name: 'n', organization: { kind: 'college', name: 'c', verified: true } } })
  t.same(nested.json().errors, [{ path: '/organization/verified', message: 'unknown field' }])

  const register = (organization: unknown) => app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'u@test.talent-orders.cn', password: 'correct-Horse-battery-9', name: 'n', organization } })
  t.same((await register({ kind: 'enterprise', name: 'E', specialties: ['数控'] })).json().errors, [{ path: '/organization/specialties', message: 'unknown field' }], 'only the branch the kind chose speaks')
  t.same((await register({ kind: 'college', name: 'C', industry: 'x' })).json().errors, [{ path: '/organization/industry', message: 'unknown field' }])
  t.same((await register({ kind: 'school', name: 'S' })).json().errors, [{ path: '/organization/kind', message: 'must be one of: enterprise, college' }])
  t.same((await register({ name: 'S' })).json().errors, [{ path: '/organization/kind', message: "must have required property 'kind'" }], 'no duplicates, no anyOf noise')
  t.same((await register('college')).json().errors, [{ path: '/organization', message: 'must be object' }])

  const booleanName = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { ...alliance, name: true } })
  assertProblem(t, booleanName, 400, 'validation_failed', 'true is not a string')
  t.same(booleanName.json().errors, [{ path: '/name', message: 'must be string' }])
  const college = await registerOrg(app, 'college')
  const patch = (payload: object) => api(app, college.token, { method: 'PATCH', url: `/v1/organizations/${college.organizationId}`, payload })
  for (const annualCapacity of [true, '300', 1.5, [300]]) {
    assertProblem(t, await patch({ annualCapacity }), 400, 'validation_failed', `annualCapacity ${JSON.stringify(annualCapacity)}`)
  }
  assertProblem(t, await patch({ name: 42 }), 400, 'validation_failed', 'a number is not a string')
  assertProblem(t, await patch({ specialties: 'welding' }), 400, 'validation_failed', 'a string is not an array')
  const stored = await api(app, college.token, { method: 'GET', url: `/v1/organizations/${college.organizationId}` })
  t.equal(stored.json().annualCapacity, null, 'nothing coerced into the database')
  t.equal((await app.inject({ method: 'GET', url: '/v1/alliances?limit=2' })).statusCode, 200, 'query strings are still coerced')
})

t.test('domain errors, unexpected errors and a busy database', async (t) => {
  const app = await buildAppWith(t, async (instance) => {
    instance.get('/test/problem', async () => { throw new HttpProblem(409, 'bids_sealed', 'bids are sealed', { headers: { 'x-extra': '1' } }) })
    instance.get('/test/crash', async () => { throw new Error('SQLITE_ERROR: no such table: secret_table at /srv/app/src/x.ts') })
    instance.get('/test/busy', async () => { throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }) })
    instance.get('/test/statement-timeout', async () => {
      throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })
    })
    instance.get('/test/unique', async () => { throw Object.assign(new Error('UNIQUE constraint failed: users.email'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }) })
  })
  const problem = assertProblem(t, await app.inject({ method: 'GET', url: '/test/problem' }), 409, 'bids_sealed')
  t.equal(problem['detail'], 'bids are sealed')
  t.equal((await app.inject({ method: 'GET', url: '/test/problem' })).headers['x-extra'], '1')
  const crash = await app.inject({ method: 'GET', url: '/test/crash' })
  const crashBody = assertProblem(t, crash, 500, 'internal_error')
  t.notMatch(crash.body, /SQLITE|secret_table|\/srv\/app/, 'no internals in a 500')
  t.match(crashBody['detail'], /request id [0-9a-f-]{36}/)
  const busy = await app.inject({ method: 'GET', url: '/test/busy' })
  assertProblem(t, busy, 503, 'service_unavailable')
  t.equal(busy.headers['retry-after'], '1')
  t.notMatch(busy.body, /locked/)
  const timedOut = await app.inject({ method: 'GET', url: '/test/statement-timeout' })
  assertProblem(t, timedOut, 503, 'service_unavailable')
  t.equal(timedOut.headers['retry-after'], '1', 'a PostgreSQL statement timeout is a busy database, not a 500')
  const unique = await app.inject({ method: 'GET', url: '/test/unique' })
  assertProblem(t, unique, 409, 'conflict')
  t.notMatch(unique.body, /users\.email/)
})

t.test('security headers as helmet sets them', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/v1/alliances' })
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(res.headers['strict-transport-security'], /max-age=/)
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.notMatch(res.headers['content-security-policy'], /upgrade-insecure-requests/, 'the docs page must load over plain http too')
  t.notOk(res.headers['x-powered-by'])
  const problem = await app.inject({ method: 'GET', url: '/nope' })
  t.equal(problem.headers['x-content-type-options'], 'nosniff', 'on problems too')
})
