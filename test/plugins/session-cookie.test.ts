// The console's cookie sessions: the refresh token in an httpOnly cookie on /v1/auth, rotated and cleared; the JSON API unchanged.
import t from 'tap'
import { buildTestApp, PASSWORD, registerOrg, uniqueEmail } from '../helper.ts'
import { assertProblem } from '../helpers/foundation.ts'
import type { LightMyRequestResponse } from 'fastify'

const COOKIE = { 'x-session-cookie': '1' }

const refreshCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'talent_refresh')

t.test('login with the header sets the cookie and leaves the token out of the body', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('cookie')
  await registerOrg(app, 'enterprise', { email })
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: COOKIE, payload: { email, password: PASSWORD } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.type(body.accessToken, 'string')
  t.notOk('refreshToken' in body, 'no refresh token in the body')
  const cookie = refreshCookie(res)
  t.ok(cookie, 'cookie set')
  t.match(cookie, { path: '/v1/auth', httpOnly: true, sameSite: 'Strict', maxAge: 1209600 })
  t.notOk(cookie?.secure, 'not Secure over plain HTTP')
  t.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body), 'content-length matches the rewritten body')
})

t.test('register with the header sets the cookie too', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    headers: COOKIE,
    payload: { email: uniqueEmail('reg'), password: PASSWORD, name: 'HR', organization: { kind: 'enterprise', name: '测试企业' } }
  })
  t.equal(res.statusCode, 201)
  t.notOk('refreshToken' in res.json())
  t.ok(refreshCookie(res)?.value)
})

t.test('refresh reads the cookie, rotates it, and a replayed old cookie ends the family', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('rotate')
  await registerOrg(app, 'college', { email })
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: COOKIE, payload: { email, password: PASSWORD } })
  const first = refreshCookie(login)?.value ?? ''
  const refreshed = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE, cookies: { talent_refresh: first } })
  t.equal(refreshed.statusCode, 200)
  t.type(refreshed.json().accessToken, 'string')
  t.notOk('refreshToken' in refreshed.json())
  const second = refreshCookie(refreshed)?.value ?? ''
  t.ok(second && second !== first, 'rotated')
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${refreshed.json().accessToken}` } })
  t.equal(me.statusCode, 200, 'the new access token works')

  const replay = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE, cookies: { talent_refresh: first } })
  assertProblem(t, replay, 401, 'unauthenticated')
  t.equal(refreshCookie(replay)?.value, '', 'a refused cookie is cleared')
  const after = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE, cookies: { talent_refresh: second } })
  assertProblem(t, after, 401, 'unauthenticated', 'reuse revoked the whole family')
})

t.test('the cookie is only read with the custom header (CSRF guard), and a missing cookie is a 401', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('csrf')
  await registerOrg(app, 'college', { email })
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: COOKIE, payload: { email, password: PASSWORD } })
  const token = refreshCookie(login)?.value ?? ''
  const noHeader = await app.inject({ method: 'POST', url: '/v1/auth/refresh', cookies: { talent_refresh: token }, payload: {} })
  assertProblem(t, noHeader, 400, 'validation_failed', 'without the header the body must carry the token, as before')
  const noCookie = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE })
  assertProblem(t, noCookie, 401, 'unauthenticated')
  const still = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE, cookies: { talent_refresh: token } })
  t.equal(still.statusCode, 200, 'the refused attempts did not spend the cookie')
})

t.test('logout with the cookie ends the session and clears the cookie', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('logout')
  await registerOrg(app, 'enterprise', { email })
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', headers: COOKIE, payload: { email, password: PASSWORD } })
  const token = refreshCookie(login)?.value ?? ''
  const out = await app.inject({
    method: 'POST',
    url: '/v1/auth/logout',
    headers: { ...COOKIE, authorization: `Bearer ${login.json().accessToken}` },
    cookies: { talent_refresh: token }
  })
  t.equal(out.statusCode, 204)
  const cleared = refreshCookie(out)
  t.equal(cleared?.value, '')
  t.equal(cleared?.path, '/v1/auth')
  const again = await app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: COOKIE, cookies: { talent_refresh: token } })
  assertProblem(t, again, 401, 'unauthenticated')
})

t.test('Secure over TLS (a trusted proxy saying https)', async (t) => {
  const app = await buildTestApp(t, { TRUST_PROXY: '1' })
  const email = uniqueEmail('tls')
  await registerOrg(app, 'enterprise', { email })
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    headers: { ...COOKIE, 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
    payload: { email, password: PASSWORD }
  })
  t.equal(login.statusCode, 200)
  t.equal(refreshCookie(login)?.secure, true)
})

t.test('without the header the JSON API is unchanged: token in the body, no cookie', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('plain')
  await registerOrg(app, 'enterprise', { email })
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })
  t.type(login.json().refreshToken, 'string')
  t.notOk(refreshCookie(login))
  const refreshed = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: login.json().refreshToken } })
  t.type(refreshed.json().refreshToken, 'string')
  t.notOk(refreshCookie(refreshed))
})
