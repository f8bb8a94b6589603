// Alliances: the public list with active member counts, and admin-only creation.
import t from 'tap'
import { buildTestApp, api, loginAdmin, registerOrg, createCoordinator, joinAlliance } from '../../helper.ts'
import { assertProblem, errorPaths } from '../../helpers/foundation.ts'

const newAlliance = { code: 'new-energy', name: 'New Energy Vehicles Alliance', nameZh: '新能源汽车产教联盟', description: '电池、电机、电控 / batteries, motors, controls' }

await t.test('anyone lists the seeded alliances with Chinese names and member counts', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/v1/alliances' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(body.items.map((a: { code: string }) => a.code), ['aluminum', 'equipment', 'petrochemical'])
  t.equal(body.nextCursor, null)
  const equipment = body.items.find((a: { code: string }) => a.code === 'equipment')
  t.match(equipment, { name: String, nameZh: '装备制造及汽车零部件', memberCount: 0, enterpriseCount: 0, collegeCount: 0 })
  t.match(res.headers['content-type'], /application\/json; charset=utf-8/)
})

await t.test('member counts include active members only, split by kind', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise', { name: '宁波精工' })
  const college = await registerOrg(app, 'college')
  const pending = await registerOrg(app, 'college')
  await joinAlliance(app, enterprise, coordinator, 'equipment')
  await joinAlliance(app, college, coordinator, 'equipment')
  const requested = await api(app, pending.token, { method: 'POST', url: '/v1/alliances/equipment/memberships' })
  t.equal(requested.statusCode, 201)
  const res = await app.inject({ method: 'GET', url: '/v1/alliances' })
  const equipment = res.json().items.find((a: { code: string }) => a.code === 'equipment')
  t.match(equipment, { memberCount: 2, enterpriseCount: 1, collegeCount: 1 }, 'the pending request is not counted')
  const aluminum = res.json().items.find((a: { code: string }) => a.code === 'aluminum')
  t.match(aluminum, { memberCount: 0 })
})

await t.test('the alliance list pages with a cursor and rejects bad paging input', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject({ method: 'GET', url: '/v1/alliances?limit=2' })
  t.equal(first.statusCode, 200)
  t.same(first.json().items.map((a: { code: string }) => a.code), ['aluminum', 'equipment'])
  t.type(first.json().nextCursor, 'string')
  const second = await app.inject({ method: 'GET', url: `/v1/alliances?limit=2&cursor=${first.json().nextCursor}` })
  t.same(second.json().items.map((a: { code: string }) => a.code), ['petrochemical'])
  t.equal(second.json().nextCursor, null)
  assertProblem(t, await app.inject({ method: 'GET', url: '/v1/alliances?limit=0' }), 400, 'validation_failed')
  assertProblem(t, await app.inject({ method: 'GET', url: '/v1/alliances?limit=101' }), 400, 'validation_failed')
  const badCursor = await app.inject({ method: 'GET', url: '/v1/alliances?cursor=not-a-cursor!' })
  assertProblem(t, badCursor, 400, 'validation_failed')
  t.same(badCursor.json().errors, [{ path: '/querystring/cursor', message: 'not a cursor returned by this API' }], 'the same path style as other query errors')
  const limitError = await app.inject({ method: 'GET', url: '/v1/alliances?limit=0' })
  t.same(limitError.json().errors, [{ path: '/querystring/limit', message: 'must be >= 1' }])
  assertProblem(t, await app.inject({ method: 'GET', url: '/v1/alliances?sort=name' }), 400, 'validation_failed', 'unknown query parameter')
})

await t.test('an admin creates an alliance; it round-trips with its Chinese name', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const res = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: newAlliance })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { ...newAlliance, memberCount: 0, enterpriseCount: 0, collegeCount: 0, createdAt: String })
  const list = await app.inject({ method: 'GET', url: '/v1/alliances' })
  const stored = list.json().items.find((a: { code: string }) => a.code === 'new-energy')
  t.match(stored, newAlliance, 'read back from the list')
  t.equal(list.json().items.length, 4)

  const withoutDescription = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { code: 'marine', name: 'Marine', nameZh: '船舶海工' } })
  t.equal(withoutDescription.statusCode, 201)
  t.equal(withoutDescription.json().description, '')
})

await t.test('a duplicate alliance code is a 409 and changes nothing', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const dup = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { code: 'equipment', name: 'Other', nameZh: '其他' } })
  assertProblem(t, dup, 409, 'conflict')
  const list = await app.inject({ method: 'GET', url: '/v1/alliances' })
  t.equal(list.json().items.find((a: { code: string }) => a.code === 'equipment').nameZh, '装备制造及汽车零部件')
  const many = await Promise.all(Array.from({ length: 6 }, () =>
    api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { code: 'raced', name: 'Raced', nameZh: '并发' } })))
  t.same(many.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409], 'concurrent creation of one code: exactly one wins')
})

await t.test('only admins create alliances; bad input is a 400 with the field path', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise')
  const college = await registerOrg(app, 'college')
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/alliances', payload: newAlliance }), 401, 'unauthenticated')
  assertProblem(t, await api(app, 'not.a.jwt', { method: 'POST', url: '/v1/alliances', payload: newAlliance }), 401, 'unauthenticated')
  for (const caller of [coordinator, enterprise, college]) {
    assertProblem(t, await api(app, caller.token, { method: 'POST', url: '/v1/alliances', payload: newAlliance }), 403, 'forbidden')
  }
  for (const code of ['Bad Slug', 'UPPER', 'a', '1abc', 'x'.repeat(41), '装备']) {
    const res = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { ...newAlliance, code } })
    assertProblem(t, res, 400, 'validation_failed', `code ${code}`)
    t.ok(errorPaths(res).length > 0 && errorPaths(res).every((path) => path === '/code'), 'every error points at /code')
  }
  const unknownField = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { ...newAlliance, memberCount: 5 } })
  assertProblem(t, unknownField, 400, 'validation_failed')
  t.same(unknownField.json().errors, [{ path: '/memberCount', message: 'unknown field' }])
  const longName = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { ...newAlliance, name: 'n'.repeat(201) } })
  t.same(errorPaths(longName), ['/name'])
  const missing = await api(app, admin.token, { method: 'POST', url: '/v1/alliances', payload: { code: 'only-code' } })
  t.same(errorPaths(missing).sort(), ['/name', '/nameZh'])
  const list = await app.inject({ method: 'GET', url: '/v1/alliances' })
  t.equal(list.json().items.length, 3, 'nothing was created')
})
