// Idempotency-Key on creating POSTs: replay within 24 h, 422 on another body, per-user keys, exactly one under races.
import t from 'tap'
import { buildTestApp, loginAdmin, registerOrg, api, TestClock, type TestApp } from '../helper.ts'
import { expectProblem, buildInventoriedApp, sharedDatabaseEnv } from '../helpers/hardening.ts'

const alliance = (code: string, name = '新能源汽车产业联盟') => ({ code, name: `Alliance ${code}`, nameZh: name })
const createAlliance = (app: TestApp, token: string, body: object, key?: string) =>
  api(app, token, { method: 'POST', url: '/v1/alliances', payload: body, headers: key === undefined ? {} : { 'idempotency-key': key } })
const allianceRows = async (app: TestApp, code: string) =>
  (await app.data.get<{ n: number }>('select count(*) as n from alliances where code = ?', [code]))?.n

t.test('the same key and body replays the first response and creates nothing', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const first = await createAlliance(app, admin.token, alliance('new-energy'), 'key-1')
  t.equal(first.statusCode, 201)
  t.equal(first.headers['idempotent-replayed'], undefined)
  app.testClock.advance(60 * 60_000)
  const again = await createAlliance(app, admin.token, { nameZh: '新能源汽车产业联盟', name: 'Alliance new-energy', code: 'new-energy' }, 'key-1')
  t.equal(again.statusCode, 201, 'the first status, although a fresh create would now be a 409')
  t.same(again.json(), first.json(), 'the first body, byte for byte the same fields')
  t.equal(again.headers['idempotent-replayed'], 'true')
  t.match(String(again.headers['content-type']), /^application\/json/)
  t.equal(await allianceRows(app, 'new-energy'), 1)
})

t.test('the same key with another body is a 422 and creates nothing', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  t.equal((await createAlliance(app, admin.token, alliance('hydrogen'), 'key-2')).statusCode, 201)
  const other = await createAlliance(app, admin.token, alliance('solar'), 'key-2')
  expectProblem(t, other, 422, 'idempotency_key_reused')
  t.equal(await allianceRows(app, 'solar'), 0)
})

t.test('keys are scoped to the user', async (t) => {
  const app = await buildTestApp(t)
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  const headers = { 'idempotency-key': 'join-equipment' }
  const a = await api(app, enterprise.token, { method: 'POST', url: '/v1/alliances/equipment/memberships', headers })
  const b = await api(app, college.token, { method: 'POST', url: '/v1/alliances/equipment/memberships', headers })
  t.equal(a.statusCode, 201)
  t.equal(b.statusCode, 201)
  t.not(a.json().id, b.json().id, 'each user got its own membership')
  t.equal(b.json().organization.id, college.organizationId)
})

t.test('concurrent duplicates create exactly one and all get the same answer', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const results = await Promise.all(Array.from({ length: 12 }, () => createAlliance(app, admin.token, alliance('robotics', '机器人产业联盟'), 'race-key')))
  t.same(results.map((r) => r.statusCode), Array(12).fill(201))
  t.equal(new Set(results.map((r) => r.body)).size, 1, 'one body for all')
  t.equal(await allianceRows(app, 'robotics'), 1)
  t.equal(results.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 11)
})

t.test('duplicates sent to two processes sharing the database still create exactly one', async (t) => {
  const shared = await sharedDatabaseEnv(t, 'idempotency.db')
  const clock = new TestClock()
  const first = await buildTestApp(t, shared, clock)
  const second = await buildTestApp(t, shared, clock)
  const admin = await loginAdmin(first)
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createAlliance(i % 2 ? first : second, admin.token, alliance('shipbuilding', '船舶制造联盟'), 'two-process-key')))
  t.same(results.map((r) => r.statusCode), Array(10).fill(201))
  t.equal(new Set(results.map((r) => r.json().createdAt + r.json().code)).size, 1)
  t.equal(await allianceRows(first, 'shipbuilding'), 1)
})

t.test('failed answers are not stored: the key can be used again once the cause is fixed', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const taken = await createAlliance(app, admin.token, alliance('equipment'), 'retry-key')
  expectProblem(t, taken, 409)
  const fixed = await createAlliance(app, admin.token, alliance('equipment-two'), 'retry-key')
  t.equal(fixed.statusCode, 201, 'a 4xx did not bind the key to its body')
  const invalid = await createAlliance(app, admin.token, { code: 'x' }, 'other-key')
  expectProblem(t, invalid, 400, 'validation_failed')
  t.same(await app.data.get("select count(*) as n from idempotency_keys where key = 'other-key'"), { n: 0 })
})

t.test('after 24 hours the key is forgotten and old records are purged', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  t.equal((await createAlliance(app, admin.token, alliance('textiles'), 'daily')).statusCode, 201)
  app.testClock.advance(23 * 60 * 60_000)
  expectProblem(t, await createAlliance(app, admin.token, alliance('ceramics'), 'daily'), 422, 'idempotency_key_reused')
  app.testClock.advance(2 * 60 * 60_000)
  const fresh = await createAlliance(app, admin.token, alliance('ceramics'), 'daily')
  t.equal(fresh.statusCode, 201, 'a new request now')
  const rows = await app.data.all<{ createdAt: string }>('select created_at as "createdAt" from idempotency_keys where key = ?', ['daily'])
  t.equal(rows.length, 1, 'the day-old record is gone')
  t.equal(rows[0]?.createdAt, app.testClock.now().toISOString())
})

t.test('requests without a key are not deduplicated; malformed keys are a 400', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  t.equal((await createAlliance(app, admin.token, alliance('paper'))).statusCode, 201)
  expectProblem(t, await createAlliance(app, admin.token, alliance('paper')), 409)
  expectProblem(t, await createAlliance(app, admin.token, alliance('glass'), 'k'.repeat(256)), 400, 'validation_failed')
  expectProblem(t, await createAlliance(app, admin.token, alliance('glass'), '密钥'), 400, 'validation_failed')
  t.equal(await allianceRows(app, 'glass'), 0)
  t.equal((await createAlliance(app, admin.token, alliance('glass'), 'k'.repeat(255))).statusCode, 201, '255 printable characters are fine')
})

t.test('the OpenAPI document declares the header and its 422 on every idempotent route', async (t) => {
  const { app, routes } = await buildInventoriedApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json()
  const idempotent = routes.filter((r) => (r.config as { idempotent?: boolean } | undefined)?.idempotent)
  t.ok(idempotent.length >= 2, `found ${idempotent.length} idempotent routes`)
  for (const { method, url } of idempotent) {
    const path = url.replace(/:(\w+)/g, '{$1}')
    const operation = doc.paths[path]?.[method.toLowerCase()]
    t.ok(operation, `${method} ${path} is documented`)
    const header = (operation?.parameters ?? []).find((p: { in: string, name: string }) => p.in === 'header' && p.name === 'idempotency-key')
    t.ok(header, `${method} ${path} documents Idempotency-Key`)
    t.ok(operation?.responses?.['422'], `${method} ${path} documents 422`)
  }
})
