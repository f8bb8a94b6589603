// Users: GET /v1/me for every role, and admin creation of coordinators and admins (POST /v1/users).
import t from 'tap'
import { buildTestApp, api, login, loginAdmin, registerOrg, createCoordinator, joinAlliance, PASSWORD, uniqueEmail, ADMIN_EMAIL } from '../../helper.ts'
import { assertProblem, errorPaths } from '../../helpers/foundation.ts'
import type { TestApp } from '../../helper.ts'

const me = (app: TestApp, token: string | null) => api(app, token, { method: 'GET', url: '/v1/me' })
const createUser = (app: TestApp, token: string | null, payload: Record<string, unknown>) =>
  api(app, token, { method: 'POST', url: '/v1/users', payload })
const coordinatorBody = (overrides: Record<string, unknown> = {}) =>
  ({ email: uniqueEmail('coord'), password: PASSWORD, name: '王协调', role: 'coordinator', alliances: ['equipment', 'aluminum'], ...overrides })

await t.test('/me of an enterprise user: its organization and every membership with its status', async (t) => {
  const app = await buildTestApp(t)
  const coordinator = await createCoordinator(app, ['equipment', 'petrochemical'])
  const enterprise = await registerOrg(app, 'enterprise', { name: '宁波精工', industry: '汽车零部件', city: '宁波' })
  await joinAlliance(app, enterprise, coordinator, 'equipment')
  const pending = await api(app, enterprise.token, { method: 'POST', url: '/v1/alliances/aluminum/memberships' })
  const rejected = await api(app, enterprise.token, { method: 'POST', url: '/v1/alliances/petrochemical/memberships' })
  await api(app, coordinator.token, { method: 'POST', url: `/v1/memberships/${rejected.json().id}/reject`, payload: { reason: '不在本产业链' } })
  const res = await me(app, enterprise.token)
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body.user, { id: enterprise.userId, role: 'enterprise', organizationId: enterprise.organizationId, name: 'enterprise staff' })
  t.notOk('passwordHash' in body.user, 'no password hash')
  t.notOk('emailNormalized' in body.user)
  t.match(body.organization, { id: enterprise.organizationId, kind: 'enterprise', name: '宁波精工', industry: '汽车零部件', city: '宁波', alliances: ['equipment'] })
  t.same(body.memberships.map((m: { allianceCode: string, status: string, reason: string | null }) => [m.allianceCode, m.status, m.reason]),
    [['aluminum', 'pending', null], ['equipment', 'active', null], ['petrochemical', 'rejected', '不在本产业链']])
  t.equal(body.memberships[0].id, pending.json().id)
  t.same(body.alliances, [])
})

await t.test('/me of a college user, a coordinator and an admin', async (t) => {
  const app = await buildTestApp(t)
  const college = await registerOrg(app, 'college', { specialties: ['数控'], annualCapacity: 120 })
  const collegeMe = (await me(app, college.token)).json()
  t.match(collegeMe, { user: { role: 'college' }, organization: { kind: 'college', specialties: ['数控'], annualCapacity: 120, alliances: [] }, memberships: [], alliances: [] })

  const coordinator = await createCoordinator(app, ['petrochemical', 'equipment'])
  const coordinatorMe = (await me(app, coordinator.token)).json()
  t.match(coordinatorMe.user, { role: 'coordinator', organizationId: null })
  t.equal(coordinatorMe.organization, null)
  t.same(coordinatorMe.memberships, [])
  t.same(coordinatorMe.alliances, [
    { code: 'equipment', name: 'Equipment Manufacturing and Auto Parts Alliance', nameZh: '装备制造及汽车零部件' },
    { code: 'petrochemical', name: 'Aromatics and Fine Chemicals Alliance', nameZh: '芳烃及精细化工' }
  ])

  const admin = await loginAdmin(app)
  const adminMe = (await me(app, admin.token)).json()
  t.match(adminMe, { user: { role: 'admin', email: ADMIN_EMAIL, organizationId: null }, organization: null, memberships: [], alliances: [] })

  const missing = await me(app, null)
  assertProblem(t, missing, 401, 'unauthenticated')
  t.equal(missing.headers['www-authenticate'], 'Bearer realm="talent-orders"', 'RFC 6750 challenge')
  t.match(missing.json().detail, /Authorization: Bearer/)
  const invalid = await me(app, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad')
  assertProblem(t, invalid, 401, 'unauthenticated')
  t.equal(invalid.headers['www-authenticate'], 'Bearer realm="talent-orders", error="invalid_token"')
  await api(app, college.token, { method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: college.refreshToken } })
  const ended = await me(app, college.token)
  assertProblem(t, ended, 401, 'unauthenticated', 'a token of an ended session')
  t.equal(ended.headers['www-authenticate'], 'Bearer realm="talent-orders", error="invalid_token"')
  assertProblem(t, await api(app, null, { method: 'GET', url: '/v1/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'unauthenticated')
})

await t.test('an admin creates a coordinator with alliances; the coordinator logs in and decides for them', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const body = coordinatorBody({ email: 'Wang.Coordinator@Test.Talent-Orders.cn' })
  const res = await createUser(app, admin.token, body)
  t.equal(res.statusCode, 201)
  t.match(res.json(), { user: { id: String, email: 'Wang.Coordinator@Test.Talent-Orders.cn', name: '王协调', role: 'coordinator', organizationId: null, createdAt: '2027-01-10T08:00:00.000Z' } })
  t.same(res.json().alliances.map((a: { code: string }) => a.code), ['aluminum', 'equipment'])
  t.notOk('password' in res.json().user)
  const session = await login(app, 'wang.coordinator@test.talent-orders.cn')
  t.same((await me(app, session.token)).json().alliances.map((a: { code: string }) => a.code), ['aluminum', 'equipment'], 'read back through /me')
  const college = await registerOrg(app, 'college')
  const requested = await api(app, college.token, { method: 'POST', url: '/v1/alliances/aluminum/memberships' })
  t.equal((await api(app, session.token, { method: 'POST', url: `/v1/memberships/${requested.json().id}/approve` })).statusCode, 200)
  const stored = await app.data.get<{ hash: string }>('select password_hash as hash from users where id = ?', [res.json().user.id])
  t.match(stored?.hash, /^scrypt\$10\$8\$1\$/, 'scrypt hash with its parameters; never the password')
})

await t.test('an admin creates another admin, who can create alliances', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const email = uniqueEmail('admin2')
  const res = await createUser(app, admin.token, { email, password: PASSWORD, name: 'Second Admin', role: 'admin' })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { user: { role: 'admin', organizationId: null }, alliances: [] })
  const second = await login(app, email)
  t.equal((await api(app, second.token, { method: 'POST', url: '/v1/alliances', payload: { code: 'marine', name: 'Marine', nameZh: '船舶' } })).statusCode, 201)
  t.equal((await createUser(app, admin.token, { email: uniqueEmail('admin3'), password: PASSWORD, name: 'Third', role: 'admin', alliances: [] })).statusCode, 201, 'an empty alliance list is fine for an admin')
})

await t.test('POST /users: only admins; 422 business rules; 409 duplicates in any letter case; 400 bad input', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const coordinator = await createCoordinator(app, ['equipment'])
  const enterprise = await registerOrg(app, 'enterprise', { email: 'staff@enterprise.test.talent-orders.cn' })
  const college = await registerOrg(app, 'college')
  const countUsers = async () => (await app.data.get<{ n: number }>('select count(*) as n from users'))?.n
  const before = await countUsers()

  assertProblem(t, await createUser(app, null, coordinatorBody()), 401, 'unauthenticated')
  for (const caller of [coordinator, enterprise, college]) {
    assertProblem(t, await createUser(app, caller.token, coordinatorBody()), 403, 'forbidden')
    assertProblem(t, await createUser(app, caller.token, { ...coordinatorBody(), role: 'admin', alliances: undefined }), 403, 'forbidden')
  }
  const noAlliances = await createUser(app, admin.token, coordinatorBody({ alliances: undefined }))
  assertProblem(t, noAlliances, 422, 'rule_violation', 'a coordinator without alliances')
  t.same(errorPaths(noAlliances), ['/alliances'])
  assertProblem(t, await createUser(app, admin.token, coordinatorBody({ alliances: [] })), 422, 'rule_violation', 'an empty alliance list')
  const unknown = await createUser(app, admin.token, coordinatorBody({ alliances: ['equipment', 'space-mining'] }))
  assertProblem(t, unknown, 422, 'rule_violation', 'an unknown alliance')
  t.match(unknown.json().detail, /space-mining/)
  assertProblem(t, await createUser(app, admin.token, { email: uniqueEmail(), password: PASSWORD, name: 'x', role: 'admin', alliances: ['equipment'] }), 422, 'rule_violation', 'an admin scoped to alliances')
  assertProblem(t, await createUser(app, admin.token, coordinatorBody({ password: 'password1234' })), 422, undefined, 'a too-common password')

  for (const email of ['STAFF@ENTERPRISE.TEST.TALENT-ORDERS.CN', 'staff@enterprise.test.talent-orders.cn', ADMIN_EMAIL.toUpperCase()]) {
    assertProblem(t, await createUser(app, admin.token, coordinatorBody({ email })), 409, 'email_taken', email)
  }
  const bad: Record<string, unknown>[] = [
    coordinatorBody({ password: 'short-pw-1' }), coordinatorBody({ password: 'p'.repeat(129) }), coordinatorBody({ email: 'not-an-email' }),
    coordinatorBody({ role: 'enterprise' }), coordinatorBody({ role: 'superuser' }), coordinatorBody({ name: '' }), coordinatorBody({ organizationId: enterprise.organizationId }),
    coordinatorBody({ alliances: ['equipment', 'equipment'] }), coordinatorBody({ alliances: 'equipment' }), coordinatorBody({ name: true }), coordinatorBody({ password: 123456789012 })
  ]
  for (const payload of bad) {
    assertProblem(t, await createUser(app, admin.token, payload), 400, 'validation_failed', JSON.stringify(payload).slice(0, 80))
  }
  const short = await createUser(app, admin.token, coordinatorBody({ password: 'short-pw-1' }))
  t.same(errorPaths(short), ['/password'])
  t.equal(await countUsers(), before, 'no user was created by a refused request')
})

await t.test('concurrent creation of one email: exactly one account', async (t) => {
  const app = await buildTestApp(t)
  const admin = await loginAdmin(app)
  const email = uniqueEmail('race')
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
    createUser(app, admin.token, coordinatorBody({ email: i % 2 ? email.toUpperCase() : email }))))
  t.same(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409])
  const rows = await app.data.get<{ n: number }>('select count(*) as n from users where email_normalized = ?', [email.toLowerCase()])
  t.equal(rows?.n, 1)
})
