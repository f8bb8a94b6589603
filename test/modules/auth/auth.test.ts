// Auth flow: register, login, refresh rotation with reuse detection, logout, password change.
import t from 'tap'
import { buildTestApp, registerOrg, api, login, PASSWORD, uniqueEmail } from '../../helper.ts'

await t.test('register, then log in with any letter case of the email', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('Case')
  const reg = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD, name: '张三', organization: { kind: 'college', name: '宁波职业技术学院', specialties: ['焊接'] } } })
  t.equal(reg.statusCode, 201)
  t.equal(reg.json().organization.name, '宁波职业技术学院')
  t.equal(reg.json().user.role, 'college')
  const session = await login(app, email.toUpperCase())
  t.ok(session.token)
  const dup = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: email.toUpperCase(), password: PASSWORD, name: 'x', organization: { kind: 'enterprise', name: 'E' } } })
  t.equal(dup.statusCode, 409)
})

await t.test('login failure is the same 401 whether or not the account exists', async (t) => {
  const app = await buildTestApp(t)
  const { userId } = await registerOrg(app, 'enterprise', { email: 'known@test.talent-orders.cn' })
  t.ok(userId)
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'known@test.talent-orders.cn', password: 'wrong-password-123' } })
  const unknown = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@test.talent-orders.cn', password: 'wrong-password-123' } })
  t.equal(wrong.statusCode, 401)
  t.equal(unknown.statusCode, 401)
  t.same({ ...wrong.json() }, { ...unknown.json() })
})

await t.test('refresh rotates; reusing a rotated token revokes the whole family', async (t) => {
  const app = await buildTestApp(t)
  const first = await registerOrg(app, 'enterprise')
  const r1 = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: first.refreshToken } })
  t.equal(r1.statusCode, 200)
  const second = r1.json()
  t.not(second.refreshToken, first.refreshToken)
  const reuse = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: first.refreshToken } })
  t.equal(reuse.statusCode, 401)
  const afterReuse = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: second.refreshToken } })
  t.equal(afterReuse.statusCode, 401, 'the newer token of the family is revoked too')
  const me = await api(app, second.accessToken, { method: 'GET', url: '/v1/me' })
  t.equal(me.statusCode, 401, 'access tokens of the revoked session stop working')
})

await t.test('logout ends the session; password change ends the other sessions', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('pw')
  await registerOrg(app, 'enterprise', { email })
  const a = await login(app, email)
  const b = await login(app, email)
  const changed = await api(app, a.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'another-Secret-phrase-42' } })
  t.equal(changed.statusCode, 204)
  t.equal((await api(app, b.token, { method: 'GET', url: '/v1/me' })).statusCode, 401)
  t.equal((await api(app, a.token, { method: 'GET', url: '/v1/me' })).statusCode, 200)
  const out = await api(app, a.token, { method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: a.refreshToken } })
  t.equal(out.statusCode, 204)
  t.equal((await api(app, a.token, { method: 'GET', url: '/v1/me' })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'another-Secret-phrase-42' } })).statusCode, 200)
})

await t.test('register returns the user, the organization and a token pair; both are stored as sent', async (t) => {
  const app = await buildTestApp(t)
  const organization = { kind: 'college', name: '宁波机电职业技术学院', city: '宁波', description: '装备制造类专业群', specialties: ['数控', '焊接'], annualCapacity: 600 }
  const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: 'Liu.Teacher@Test.Talent-Orders.cn', password: PASSWORD, name: '刘老师', organization } })
  t.equal(res.statusCode, 201)
  const body = res.json()
  t.match(body, { tokenType: 'Bearer', expiresIn: 900, accessToken: String, refreshToken: String, user: { email: 'Liu.Teacher@Test.Talent-Orders.cn', name: '刘老师', role: 'college' }, organization: { ...organization, id: String, alliances: [] } })
  t.equal(body.user.organizationId, body.organization.id)
  t.notOk('industry' in body.organization)
  const me = (await api(app, body.accessToken, { method: 'GET', url: '/v1/me' })).json()
  t.match(me, { user: { id: body.user.id, role: 'college' }, organization: { ...organization, id: body.organization.id } }, 'read back through /me')

  const enterprise = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email: uniqueEmail(), password: PASSWORD, name: '陈经理', organization: { kind: 'enterprise', name: '宁波精工', industry: '汽车零部件' } } })
  t.equal(enterprise.statusCode, 201)
  t.match(enterprise.json(), { user: { role: 'enterprise' }, organization: { kind: 'enterprise', industry: '汽车零部件', city: null } })
  t.notOk('specialties' in enterprise.json().organization)
})

await t.test('register refuses bad input with 400 and the field path, and stores nothing', async (t) => {
  const app = await buildTestApp(t)
  const base = { email: 'bad.input@test.talent-orders.cn', password: PASSWORD, name: 'Name' }
  const cases: [Record<string, unknown>, string][] = [
    [{ ...base, organization: { kind: 'enterprise', name: 'E', specialties: ['x'] } }, '/organization/specialties'],
    [{ ...base, organization: { kind: 'enterprise', name: 'E', annualCapacity: 10 } }, '/organization/annualCapacity'],
    [{ ...base, organization: { kind: 'college', name: 'C', industry: 'x' } }, '/organization/industry'],
    [{ ...base, organization: { kind: 'school', name: 'S' } }, '/organization/kind'],
    [{ ...base, organization: { kind: 'college' } }, '/organization/name'],
    [{ ...base, organization: { kind: 'college', name: '   ' } }, '/organization/name'],
    [{ ...base }, '/organization'],
    [{ ...base, email: 'not-an-email', organization: { kind: 'college', name: 'C' } }, '/email'],
    [{ ...base, password: 'short-pw-1', organization: { kind: 'college', name: 'C' } }, '/password'],
    [{ ...base, role: 'admin', organization: { kind: 'college', name: 'C' } }, '/role'],
    [{ ...base, name: true, organization: { kind: 'college', name: 'C' } }, '/name']
  ]
  for (const [payload, path] of cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload })
    t.equal(res.statusCode, 400, `${path}: ${JSON.stringify(payload).slice(0, 90)}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.ok((res.json().errors as { path: string }[]).some((e) => e.path === path), `error at ${path}: ${res.body.slice(0, 200)}`)
  }
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: base.email, password: PASSWORD } })
  t.equal(login.statusCode, 401, 'no account was created')
})

await t.test('concurrent registrations of one email create one account and one organization', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('race')
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => app.inject({
    method: 'POST', url: '/v1/auth/register', payload: { email: i % 2 ? email.toUpperCase() : email, password: PASSWORD, name: 'Racer', organization: { kind: 'enterprise', name: `竞速 ${i}` } }
  })))
  t.same(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409])
  t.equal((await app.data.get<{ n: number }>('select count(*) as n from organizations'))?.n, 1, 'a refused registration leaves no organization behind')
})

await t.test('login answers the token pair and the user; bad input is a 400, bad credentials a problem 401', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('login')
  await registerOrg(app, 'college', { email })
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { accessToken: String, refreshToken: /^rt_/, tokenType: 'Bearer', expiresIn: 900, user: { email, role: 'college' } })
  t.notOk('passwordHash' in res.json().user)
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'wrong-password-123' } })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.json(), { status: 401, code: 'unauthenticated', detail: 'invalid email or password' })
  t.match(wrong.headers['content-type'], /application\/problem\+json/)
  for (const payload of [{ email }, { password: PASSWORD }, { email, password: '' }, { email, password: PASSWORD, remember: true }, { email: 42, password: PASSWORD }]) {
    t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload })).statusCode, 400, JSON.stringify(payload))
  }
})

await t.test('refresh: a new pair that works; unknown or malformed tokens are refused; parallel use of one token wins once', async (t) => {
  const app = await buildTestApp(t)
  const session = await registerOrg(app, 'enterprise')
  const res = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { accessToken: String, refreshToken: /^rt_/, tokenType: 'Bearer', expiresIn: 900 })
  t.equal((await api(app, res.json().accessToken, { method: 'GET', url: '/v1/me' })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'rt_unknown' } })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: {} })).statusCode, 400)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'x'.repeat(201) } })).statusCode, 400)

  const other = await registerOrg(app, 'college')
  const parallel = await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: other.refreshToken } })))
  t.equal(parallel.filter((r) => r.statusCode === 200).length, 1, 'one rotation')
  t.equal(parallel.filter((r) => r.statusCode === 401).length, 4, 'the others are reuse')
})

await t.test('logout and password change require a token; another user’s refresh token is never revoked', async (t) => {
  const app = await buildTestApp(t)
  const alice = await registerOrg(app, 'enterprise')
  const bob = await registerOrg(app, 'college')
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: alice.refreshToken } })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'another-Secret-phrase-42' } })).statusCode, 401)
  t.equal((await api(app, alice.token, { method: 'POST', url: '/v1/auth/logout', payload: {} })).statusCode, 400)
  const out = await api(app, alice.token, { method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: bob.refreshToken } })
  t.equal(out.statusCode, 204)
  t.equal(out.body, '')
  t.equal((await api(app, bob.token, { method: 'GET', url: '/v1/me' })).statusCode, 200, "bob's session is untouched")
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: bob.refreshToken } })).statusCode, 200)
  t.equal((await api(app, alice.token, { method: 'GET', url: '/v1/me' })).statusCode, 401, "alice's own session ended instead")

  const carol = await registerOrg(app, 'college')
  const wrongCurrent = await api(app, carol.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: 'not-my-password-1', newPassword: 'another-Secret-phrase-42' } })
  t.equal(wrongCurrent.statusCode, 401)
  t.equal((await api(app, carol.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: PASSWORD } })).statusCode, 422)
  t.equal((await api(app, carol.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'short-pw-1' } })).statusCode, 400)
  t.equal((await api(app, carol.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD } })).statusCode, 400)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'x@y.cn', password: PASSWORD } })).statusCode, 401)
})
