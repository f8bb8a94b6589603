// Abuse limits: failed logins per account and per address, and the per-user write cap, all kept in the database.
import t from 'tap'
import { buildTestApp, registerOrg, api, PASSWORD, uniqueEmail, TestClock } from '../helper.ts'
import { expectProblem, sharedDatabaseEnv } from '../helpers/hardening.ts'

const login = (app: Awaited<ReturnType<typeof buildTestApp>>, email: string, password: string, remoteAddress = '203.0.113.7') =>
  app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress })

t.test('10 failed logins lock the account for the rest of the 15-minute window, then it opens again', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('locked')
  await registerOrg(app, 'enterprise', { email })
  for (let i = 1; i <= 10; i++) {
    t.equal((await login(app, email, `wrong-password-${i}`)).statusCode, 401, `failure ${i} is a plain 401`)
  }
  app.testClock.advance(5 * 60_000)
  const locked = await login(app, email, PASSWORD)
  const body = expectProblem(t, locked, 429, 'rate_limited')
  t.match(body['detail'], /account/)
  t.equal(locked.headers['retry-after'], String(10 * 60), 'Retry-After is the rest of the window, counted from the first failure')
  t.equal((await login(app, email, PASSWORD, '198.51.100.1')).statusCode, 429, 'another address does not unlock the account')

  app.testClock.advance(10 * 60_000)
  t.equal((await login(app, email, PASSWORD)).statusCode, 200, 'the right password works once the window has ended')
})

t.test('a locked account keeps its existing sessions: refresh still works', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('session')
  const owner = await registerOrg(app, 'college', { email })
  for (let i = 0; i < 11; i++) await login(app, email, 'attacker-guess-000')
  t.equal((await login(app, email, PASSWORD)).statusCode, 429)
  const refreshed = await app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: owner.refreshToken } })
  t.equal(refreshed.statusCode, 200, 'the real user stays signed in')
  t.equal((await api(app, refreshed.json().accessToken, { method: 'GET', url: '/v1/me' })).statusCode, 200)
})

t.test('a successful login forgets earlier failures; unknown accounts are counted the same way', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('typo')
  await registerOrg(app, 'enterprise', { email })
  for (let i = 0; i < 9; i++) t.equal((await login(app, email, 'typo-in-password')).statusCode, 401)
  t.equal((await login(app, email, PASSWORD)).statusCode, 200)
  for (let i = 0; i < 10; i++) t.equal((await login(app, email, 'typo-in-password')).statusCode, 401, 'the count restarted at zero')

  const ghost = uniqueEmail('ghost')
  for (let i = 0; i < 10; i++) t.equal((await login(app, ghost, 'whatever-password')).statusCode, 401)
  expectProblem(t, await login(app, ghost, 'whatever-password'), 429, 'rate_limited')
})

t.test('parallel guesses cannot slip past the account limit', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('burst')
  await registerOrg(app, 'enterprise', { email })
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(app, email, `parallel-guess-${i}`)))
  const statuses = results.map((r) => r.statusCode)
  t.equal(statuses.filter((s) => s === 401).length, 10, 'exactly 10 guesses were checked')
  t.equal(statuses.filter((s) => s === 429).length, 20, 'the rest were refused unchecked')
})

t.test('one address spraying many accounts is stopped after 100 failures; other addresses are not', async (t) => {
  const app = await buildTestApp(t)
  for (let i = 0; i < 100; i++) {
    t.equal((await login(app, `spray.${i}@test.talent-orders.cn`, 'Spring2027-guess', '192.0.2.66')).statusCode, 401)
  }
  const email = uniqueEmail('victim')
  await registerOrg(app, 'college', { email })
  const blocked = await login(app, email, PASSWORD, '192.0.2.66')
  expectProblem(t, blocked, 429, 'rate_limited')
  t.match(blocked.json().detail, /address/)
  t.ok(Number(blocked.headers['retry-after']) > 0)
  t.equal((await login(app, email, PASSWORD, '192.0.2.67')).statusCode, 200, 'the user from another address logs in')
})

t.test('X-Forwarded-For is believed only through TRUST_PROXY proxies: a forged one cannot dodge the address limit', async (t) => {
  const spray = (app: Awaited<ReturnType<typeof buildTestApp>>, forwardedFor: string, i: number) =>
    app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: `xff.${i}@test.talent-orders.cn`, password: 'Spring2027-guess' }, remoteAddress: '192.0.2.80', headers: { 'x-forwarded-for': forwardedFor } })

  const direct = await buildTestApp(t)
  for (let i = 0; i < 100; i++) t.equal((await spray(direct, `198.51.100.${i}`, i)).statusCode, 401)
  expectProblem(t, await spray(direct, '198.51.100.200', 100), 429, 'rate_limited')

  const proxied = await buildTestApp(t, { TRUST_PROXY: '1' })
  for (let i = 0; i < 100; i++) t.equal((await spray(proxied, '203.0.113.50', i)).statusCode, 401)
  expectProblem(t, await spray(proxied, '203.0.113.50', 100), 429, 'rate_limited')
  t.equal((await spray(proxied, '203.0.113.51', 101)).statusCode, 401, 'behind one trusted proxy, each client has its own budget')
})

t.test('a wrong current password on password change counts as a failed login', async (t) => {
  const app = await buildTestApp(t)
  const email = uniqueEmail('changer')
  const user = await registerOrg(app, 'enterprise', { email })
  for (let i = 0; i < 10; i++) {
    const res = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: `stolen-token-guess-${i}`, newPassword: 'brand-New-passphrase-77' } })
    t.equal(res.statusCode, 401)
  }
  const res = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'brand-New-passphrase-77' } })
  expectProblem(t, res, 429, 'rate_limited')
})

t.test('login counters live in the database: a second process sharing it sees them', async (t) => {
  const shared = await sharedDatabaseEnv(t)
  const clock = new TestClock()
  const first = await buildTestApp(t, shared, clock)
  const second = await buildTestApp(t, shared, clock)
  const email = uniqueEmail('shared')
  await registerOrg(first, 'enterprise', { email })
  for (let i = 0; i < 10; i++) t.equal((await login(first, email, 'wrong-on-first-1')).statusCode, 401)
  expectProblem(t, await login(second, email, PASSWORD), 429, 'rate_limited')
})

const patchOrg = (app: Awaited<ReturnType<typeof buildTestApp>>, session: { token: string, organizationId: string }, city: string) =>
  api(app, session.token, { method: 'PATCH', url: `/v1/organizations/${session.organizationId}`, payload: { city } })

t.test('writes per user are capped by WRITE_RATE_LIMIT per minute with RateLimit headers', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '5' })
  const user = await registerOrg(app, 'enterprise')
  const other = await registerOrg(app, 'college')
  for (let i = 1; i <= 5; i++) {
    const res = await patchOrg(app, user, `宁波${i}`)
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], '5')
    t.equal(res.headers['x-ratelimit-limit'], '5')
    t.equal(res.headers['ratelimit-remaining'], String(5 - i))
    t.equal(res.headers['ratelimit-reset'], '60')
  }
  app.testClock.advance(20_000)
  const refused = await patchOrg(app, user, '宁波6')
  expectProblem(t, refused, 429, 'rate_limited')
  t.equal(refused.headers['retry-after'], '40')
  t.equal(refused.headers['ratelimit-remaining'], '0')
  t.equal(refused.headers['x-ratelimit-reset'], '40')
  const stored = await api(app, user.token, { method: 'GET', url: `/v1/organizations/${user.organizationId}` })
  t.equal(stored.statusCode, 200, 'reads are not limited')
  t.equal(stored.json().city, '宁波5', 'the refused write changed nothing')
  t.equal((await patchOrg(app, other, '舟山')).statusCode, 200, 'another user has a budget of its own')
  app.testClock.advance(40_000)
  t.equal((await patchOrg(app, user, '宁波7')).statusCode, 200, 'a new minute, a new budget')
})

t.test('the write cap holds under parallel requests and across processes', async (t) => {
  const shared = await sharedDatabaseEnv(t, 'writes.db')
  const clock = new TestClock()
  const first = await buildTestApp(t, { ...shared, WRITE_RATE_LIMIT: '8' }, clock)
  const second = await buildTestApp(t, { ...shared, WRITE_RATE_LIMIT: '8' }, clock)
  const user = await registerOrg(first, 'enterprise')
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => patchOrg(i % 2 ? first : second, user, `杭州${i}`)))
  t.equal(results.filter((r) => r.statusCode === 200).length, 8)
  t.equal(results.filter((r) => r.statusCode === 429).length, 12)
})

t.test('WRITE_RATE_LIMIT=0 turns the write cap off', async (t) => {
  const app = await buildTestApp(t, { WRITE_RATE_LIMIT: '0' })
  const user = await registerOrg(app, 'enterprise')
  for (let i = 0; i < 30; i++) {
    const res = await patchOrg(app, user, `city ${i}`)
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], undefined)
  }
})
