// Auth flow: register, login, refresh rotation with reuse detection, logout, password change.
import t from 'tap'
import { buildTestApp, registerOrg, api, login, PASSWORD, uniqueEmail } from '../../helper.ts'

t.test('register, then log in with any letter case of the email', async (t) => {
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

t.test('login failure is the same 401 whether or not the account exists', async (t) => {
  const app = await buildTestApp(t)
  const { userId } = await registerOrg(app, 'enterprise', { email: 'known@test.talent-orders.cn' })
  t.ok(userId)
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'known@test.talent-orders.cn', password: 'wrong-password-123' } })
  const unknown = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@test.talent-orders.cn', password: 'wrong-password-123' } })
  t.equal(wrong.statusCode, 401)
  t.equal(unknown.statusCode, 401)
  t.same({ ...wrong.json() }, { ...unknown.json() })
})

t.test('refresh rotates; reusing a rotated token revokes the whole family', async (t) => {
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

t.test('logout ends the session; password change ends the other sessions', async (t) => {
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
