// Access tokens (HS256 only, exp/iss/aud checked) and refresh sessions (absolute lifetime, rotation, reuse, logout).
import t from 'tap'
import { createHmac } from 'node:crypto'
import { buildTestApp, registerOrg, api, login, PASSWORD, uniqueEmail, testEnv } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'

const SECRET = testEnv().JWT_SECRET
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Builds a JWT by hand, so the test controls every header field, claim and key. */
function craft (header: Record<string, unknown>, claims: Record<string, unknown>, key: string | null = SECRET, hash = 'sha256'): string {
  const unsigned = `${b64(header)}.${b64(claims)}`
  const signature = key === null ? '' : createHmac(hash, key).update(unsigned).digest('base64url')
  return `${unsigned}.${signature}`
}

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>
const me = (app: Awaited<ReturnType<typeof buildTestApp>>, token: string) => api(app, token, { method: 'GET', url: '/v1/me' })

t.test('only a well-signed, unexpired HS256 token for this issuer and audience is accepted', async (t) => {
  const app = await buildTestApp(t)
  const user = await registerOrg(app, 'enterprise')
  const real = decode(user.token)
  const nowSeconds = Math.floor(Date.now() / 1000)
  const claims = { ...real, iat: nowSeconds, exp: nowSeconds + 600 }
  const hs256 = { alg: 'HS256', typ: 'JWT' }

  t.equal((await me(app, craft(hs256, claims))).statusCode, 200, 'control: a hand-made token with the right key works')
  const cases: Record<string, string> = {
    'alg none, no signature': craft({ alg: 'none', typ: 'JWT' }, claims, null),
    'alg none with a signature': craft({ alg: 'none', typ: 'JWT' }, claims),
    'wrong key': craft(hs256, claims, 'another-secret-that-is-long-enough-for-hs256-xx'),
    'HS512 with the right key': craft({ alg: 'HS512', typ: 'JWT' }, claims, SECRET, 'sha512'),
    'tampered role claim': `${user.token.split('.')[0]}.${b64({ ...real, role: 'admin' })}.${user.token.split('.')[2]}`,
    'expired (exp in the past)': craft(hs256, { ...claims, iat: nowSeconds - 4000, exp: nowSeconds - 100 }),
    'no exp at all': craft(hs256, { ...claims, exp: undefined }),
    'wrong issuer': craft(hs256, { ...claims, iss: 'someone-else' }),
    'wrong audience': craft(hs256, { ...claims, aud: 'another-api' }),
    'no audience': craft(hs256, { ...claims, aud: undefined }),
    'no issuer': craft(hs256, { ...claims, iss: undefined }),
    'unknown session id': craft(hs256, { ...claims, sid: '0190f0f0-0000-7000-8000-000000000000' }),
    garbage: 'not.a.jwt',
    'empty bearer': ''
  }
  for (const [name, token] of Object.entries(cases)) {
    const res = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } })
    expectProblem(t, res, 401, 'unauthenticated')
    t.notMatch(res.body, /stack|jwt malformed|FAST_JWT/i, `${name}: no library internals in the body`)
  }
  expectProblem(t, await app.inject({ method: 'GET', url: '/v1/me' }), 401, 'unauthenticated')
})

t.test('a token accepted before is refused once it expires, and only the Bearer form is read', async (t) => {
  const app = await buildTestApp(t)
  const user = await registerOrg(app, 'enterprise')
  const nowSeconds = Math.floor(Date.now() / 1000)
  // Verified tokens are remembered (fast-jwt's cache): the memory must end at the token's exp.
  const shortLived = craft({ alg: 'HS256', typ: 'JWT' }, { ...decode(user.token), iat: nowSeconds, exp: nowSeconds + 2 })
  t.equal((await me(app, shortLived)).statusCode, 200, 'accepted while it lasts')
  t.equal((await me(app, shortLived)).statusCode, 200, 'and again (now from the cache)')
  await new Promise((resolve) => setTimeout(resolve, (nowSeconds + 2) * 1000 - Date.now() + 100))
  expectProblem(t, await me(app, shortLived), 401, 'unauthenticated')
  const lowerCase = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `bearer ${user.token}` } })
  t.equal(lowerCase.statusCode, 200, 'the scheme is case-insensitive')
  for (const authorization of [`Bearer  ${user.token}`, `Bearer ${user.token} extra`, `Basic ${user.token}`, user.token]) {
    expectProblem(t, await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization } }), 401, 'unauthenticated')
  }
})

t.test('access tokens carry iss, aud and an exp of ACCESS_TOKEN_TTL seconds', async (t) => {
  const app = await buildTestApp(t, { ACCESS_TOKEN_TTL: '120' })
  const email = uniqueEmail('ttl')
  await registerOrg(app, 'college', { email })
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })
  t.equal(res.json().expiresIn, 120)
  const header = JSON.parse(Buffer.from(res.json().accessToken.split('.')[0], 'base64url').toString())
  t.equal(header.alg, 'HS256')
  const claims = decode(res.json().accessToken)
  t.equal(Number(claims['exp']) - Number(claims['iat']), 120)
  t.equal(claims['iss'], 'talent-orders')
  t.equal(claims['aud'], 'talent-orders-api')
  t.match(res.json().refreshToken, /^rt_[A-Za-z0-9_-]{40,}$/, 'refresh tokens are opaque')
  const stored = await app.data.all<{ hash: string }>('select token_hash as hash from refresh_tokens')
  t.notOk(stored.some((row) => row.hash === res.json().refreshToken), 'refresh tokens are stored only as hashes')
})

t.test('a session ends at SESSION_MAX_AGE however often it is refreshed', async (t) => {
  const app = await buildTestApp(t, { SESSION_MAX_AGE: '3600', REFRESH_TOKEN_TTL: '900' })
  let session = await registerOrg(app, 'enterprise')
  let refreshToken = session.refreshToken
  for (let i = 0; i < 4; i++) {
    app.testClock.advance(14 * 60_000)
    const res = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } })
    t.equal(res.statusCode, 200, `refresh ${i + 1} at minute ${(i + 1) * 14}`)
    refreshToken = res.json().refreshToken
    session = { ...session, token: res.json().accessToken }
  }
  app.testClock.advance(5 * 60_000)
  const late = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } })
  expectProblem(t, late, 401, 'unauthenticated')
  expectProblem(t, await me(app, session.token), 401, 'unauthenticated')
})

t.test('an unused refresh token expires after REFRESH_TOKEN_TTL', async (t) => {
  const app = await buildTestApp(t, { REFRESH_TOKEN_TTL: '600' })
  const user = await registerOrg(app, 'college')
  app.testClock.advance(601_000)
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: user.refreshToken } }), 401)
})

t.test('reusing a rotated refresh token revokes that family only', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('family')
  await registerOrg(app, 'enterprise', { email })
  const stolen = await login(app, email)
  const other = await login(app, email)
  const rotated = (await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: stolen.refreshToken } })).json()
  const rotatedAgain = (await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotated.refreshToken } })).json()
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: stolen.refreshToken } }), 401)
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotatedAgain.refreshToken } }), 401, 'unauthenticated')
  expectProblem(t, await me(app, rotatedAgain.accessToken), 401)
  t.equal((await me(app, other.token)).statusCode, 200, 'the user’s other session is untouched')
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: other.refreshToken } })).statusCode, 200)
  const reason = await app.data.all('select revoked_reason as reason from sessions where revoked_at is not null')
  t.same(reason, [{ reason: 'refresh_token_reuse' }])
})

t.test('logout revokes the refresh token; a password change ends the other sessions and their refresh tokens', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('out')
  await registerOrg(app, 'college', { email })
  const a = await login(app, email)
  const b = await login(app, email)
  const c = await login(app, email)
  t.equal((await api(app, c.token, { method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: c.refreshToken } })).statusCode, 204)
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: c.refreshToken } }), 401)
  const changed = await api(app, a.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: '新的-Passphrase-2027' } })
  t.equal(changed.statusCode, 204)
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: b.refreshToken } }), 401)
  expectProblem(t, await me(app, b.token), 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: a.refreshToken } })).statusCode, 200, 'the session that changed it goes on')
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } }), 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: '新的-Passphrase-2027' } })).statusCode, 200)
})
