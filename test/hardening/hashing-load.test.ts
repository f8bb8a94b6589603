// Password hashing under load: registrations limited per address, bounded queues answered 503 at once, logins never starved.
import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, registerOrg, loginAdmin, api, login, PASSWORD, uniqueEmail, type TestApp } from '../helper.ts'
import { expectProblem } from '../helpers/hardening.ts'
import type { HashKind } from '../../src/lib/hash-scheduler.ts'

const register = (app: TestApp, remoteAddress = '203.0.113.20') => app.inject({
  method: 'POST',
  url: '/v1/auth/register',
  payload: { email: uniqueEmail('flood'), password: PASSWORD, name: '注册者', organization: { kind: 'enterprise', name: '洪水测试企业' } },
  remoteAddress
})
const loginRequest = (app: TestApp, email: string, password = PASSWORD) =>
  app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress: '198.51.100.9' })

/** Occupies one scheduler slot with work of `kind` until the returned function is called. */
function holdSlot (app: TestApp, kind: HashKind): () => void {
  let release = () => {}
  const held = new Promise<void>((resolve) => { release = resolve })
  app.passwords.scheduler.run(kind, () => held).catch(() => {})
  return release
}

/** Waits, turn by turn of the event loop (never by the clock), until `ready()` holds. */
async function until (ready: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !ready(); turn++) await new Promise((resolve) => setImmediate(resolve))
  if (!ready()) throw new Error('condition never reached')
}

/** Sends requests without waiting for them; answers are collected as they come. */
function fire (requests: Array<() => Promise<LightMyRequestResponse>>) {
  const answers: LightMyRequestResponse[] = []
  const all = Promise.all(requests.map((send) => send().then((res) => { answers.push(res); return res })))
  return { answers, all }
}

const count = (responses: LightMyRequestResponse[], status: number) => responses.filter((r) => r.statusCode === status).length

t.test('a registration flood from one address is cut at REGISTER_RATE_LIMIT an hour, while a user logs in', async (t) => {
  const app = await buildTestApp(t, { REGISTER_RATE_LIMIT: '5' })
  const email = uniqueEmail('existing')
  await registerOrg(app, 'college', { email })
  const [flood, userLogin] = await Promise.all([
    Promise.all(Array.from({ length: 20 }, () => register(app))),
    loginRequest(app, email)
  ])
  t.equal(userLogin.statusCode, 200, 'the existing user logs in during the flood')
  t.equal(count(flood, 201), 5, 'five registrations were served')
  t.equal(count(flood, 429), 15, 'the other fifteen were refused before any hashing')
  const refused = flood.find((r) => r.statusCode === 429)!
  expectProblem(t, refused, 429, 'rate_limited')
  t.equal(refused.headers['retry-after'], '3600', 'Retry-After is the rest of the hour')
  t.equal((await register(app, '203.0.113.21')).statusCode, 201, 'another address has its own budget')
  app.testClock.advance(60 * 60_000)
  t.equal((await register(app)).statusCode, 201, 'a new hour, a new budget')
})

t.test('registrations beyond HASH_QUEUE_REGISTER get 503 overloaded at once; logins still go through', async (t) => {
  const app = await buildTestApp(t, { HASH_QUEUE_REGISTER: '3', REGISTER_RATE_LIMIT: '10' })
  const email = uniqueEmail('existing')
  await registerOrg(app, 'enterprise', { email })
  // A registration's derivation that does not end: the one slot registrations may use stays taken.
  const release = holdSlot(app, 'register')
  const flood = fire(Array.from({ length: 10 }, () => () => register(app)))
  await until(() => flood.answers.length === 7 && app.passwords.scheduler.stats().queued.register === 3)
  t.equal(count(flood.answers, 503), 7, 'seven answered 503 without waiting for a slot')
  const body = expectProblem(t, flood.answers[0]!, 503, 'overloaded')
  t.same(Object.keys(body).sort(), ['code', 'detail', 'status', 'title', 'type'])
  t.ok(Number(flood.answers[0]!.headers['retry-after']) >= 1, 'with Retry-After')

  t.equal((await loginRequest(app, email)).statusCode, 200, 'a login takes the slot kept for logins')
  release()
  const all = await flood.all
  t.equal(count(all, 201), 3, 'the three that waited were served')
  t.equal(count(all, 503), 7)

  // The refused attempts did no work and are not held against the address: 7 more fit in its 10.
  const later: LightMyRequestResponse[] = []
  for (let i = 0; i < 8; i++) later.push(await register(app))
  t.same(later.map((r) => r.statusCode), [201, 201, 201, 201, 201, 201, 201, 429])
})

t.test('a full login queue answers 503 and does not count the unchecked attempts against the account', async (t) => {
  const app = await buildTestApp(t, { HASH_QUEUE_LOGIN: '0' })
  const email = uniqueEmail('busy')
  await registerOrg(app, 'enterprise', { email })
  const releases = [holdSlot(app, 'login'), holdSlot(app, 'login')]
  // One after another: each refused attempt is taken back before the next is counted (in parallel, the
  // eleventh could be counted before the first was taken back, and get a 429 on any engine with real concurrency).
  const refused = []
  for (let i = 0; i < 12; i++) refused.push(await loginRequest(app, email, `guess-number-${i}-x`))
  for (const res of refused) expectProblem(t, res, 503, 'overloaded')
  for (const release of releases) release()
  t.equal((await loginRequest(app, email)).statusCode, 200, 'twelve unchecked attempts did not lock the account')
})

t.test('password changes and admin-created users go through the same bounded scheduler', async (t) => {
  const app = await buildTestApp(t, { HASH_QUEUE_PASSWORD_CHANGE: '0', HASH_QUEUE_USER_CREATE: '0' })
  const user = await registerOrg(app, 'college')
  const admin = await loginAdmin(app)
  const release = holdSlot(app, 'register')
  const change = await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-Passphrase-8' } })
  expectProblem(t, change, 503, 'overloaded')
  const created = await api(app, admin.token, { method: 'POST', url: '/v1/users', payload: { email: uniqueEmail('admin2'), password: 'another-Admin-passphrase-3', name: 'Second admin', role: 'admin' } })
  expectProblem(t, created, 503, 'overloaded')
  release()
  t.equal((await api(app, user.token, { method: 'POST', url: '/v1/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-Passphrase-8' } })).statusCode, 204)
  t.ok(await login(app, (await app.data.get<{ email: string }>('select email from users where id = ?', [user.userId]))!.email, 'a-brand-new-Passphrase-8'))
})
