// Two API processes on one PostgreSQL database: seats, idempotency keys, refresh rotation and login limits hold across them.
import t from 'tap'
import { api, login, loginAdmin, PASSWORD, registerOrg, uniqueEmail, type Session } from '../helper.ts'
import { matchingWorld, addCollege } from '../helpers/matching.ts'
import { orderAction, proposeMatch, submitBid } from '../helpers/market.ts'
import { clusterUrl, createTestDatabase, migratedTemplate } from '../support/postgres-database.ts'
import { remoteApp, startApiProcess } from '../support/api-process.ts'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** An order whose dates are relative to the real clock (the processes run on it, not on a test clock). */
const liveOrder = (overrides: Record<string, unknown> = {}) => ({
  allianceCode: 'equipment',
  title: '焊工定向培养 welders for two processes',
  occupation: '焊工',
  description: '多进程测试 multi-process test',
  skills: ['welding'],
  headcount: 10,
  location: '宁波',
  trainingStart: day(60),
  trainingEnd: day(180),
  bidDeadline: `${day(30)}T00:00:00.000Z`,
  budgetPerTrainee: 8000,
  hiringCommitment: { positions: 8, monthlySalaryMin: 6000, monthlySalaryMax: 9000 },
  ...overrides
})

const liveBid = { cohortSize: 5, startDate: day(60), durationWeeks: 12, pricePerTrainee: 7000, curriculum: [{ title: '焊接实操', hours: 200, kind: 'practice' }], message: '多进程' }

t.test('two API processes on one PostgreSQL database', async (t) => {
  const cluster = await clusterUrl()
  const database = await createTestDatabase(t, { template: await migratedTemplate(cluster) })
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', DEADLINE_SWEEP_INTERVAL: '1', JWT_SECRET: 'multi-process-secret-that-is-long-enough-0123456789' }
  const [first, second] = await Promise.all([startApiProcess(t, env), startApiProcess(t, env)])
  const a = remoteApp(first!.url)
  const b = remoteApp(second!.url)
  const both = [a, b]

  t.test('concurrent match proposals over the headcount: the seats never exceed it', async (t) => {
    const world = await matchingWorld(a)
    const colleges: Session[] = []
    for (let i = 0; i < 6; i++) colleges.push(await addCollege(i % 2 ? b : a, world, { name: `多进程学院 ${i}`, specialties: ['welding'] }))
    const created = await api(a, world.enterprise.token, { method: 'POST', url: '/v1/orders', payload: liveOrder() })
    t.equal(created.statusCode, 201, created.body)
    const orderId = created.json().id
    t.equal((await orderAction(b, world.enterprise, orderId, 'publish')).statusCode, 200)
    const bids = []
    for (const [i, college] of colleges.entries()) bids.push(await submitBid(both[i % 2]!, college, orderId, liveBid))
    t.equal((await orderAction(a, world.enterprise, orderId, 'close-bidding')).statusCode, 200)
    // Six proposals of 4 seats on a headcount of 10, sent at once, alternating between the processes.
    const answers = await Promise.all(bids.map((bid, i) => proposeMatch(both[i % 2]!, world.enterprise, orderId, bid['id'], 4)))
    const statuses = answers.map((res) => res.statusCode).sort()
    t.same(statuses, [201, 201, 422, 422, 422, 422], answers.map((res) => res.body).join('\n'))
    for (const res of answers.filter((r) => r.statusCode === 422)) t.equal(res.json().code, 'seats_exceeded')
    const listed = await api(b, world.enterprise.token, { method: 'GET', url: `/v1/matches?orderId=${orderId}` })
    const seats = (listed.json().items as Array<{ seats: number, status: string }>).reduce((sum, m) => sum + m.seats, 0)
    t.equal(seats, 8, 'two proposals of 4 stored, whichever process took them')
  })

  t.test('one Idempotency-Key sent to both processes creates one order', async (t) => {
    const world = await matchingWorld(b)
    const key = `two-processes-${Date.now()}`
    const send = (app: typeof a) => api(app, world.enterprise.token, { method: 'POST', url: '/v1/orders', headers: { 'idempotency-key': key }, payload: liveOrder({ title: '幂等键 idempotent order' }) })
    const answers = await Promise.all([send(a), send(b)])
    const created = answers.filter((res) => res.statusCode === 201)
    t.ok(created.length >= 1, answers.map((res) => `${res.statusCode} ${res.body}`).join('\n'))
    for (const res of answers) t.ok(res.statusCode === 201 || (res.statusCode === 409 && res.json().code === 'idempotency_key_in_use'), `${res.statusCode} ${res.body}`)
    const ids = new Set(created.map((res) => res.json().id))
    t.equal(ids.size, 1, 'a replay answers with the first order')
    // Once the first has finished, the key replays on either process.
    const replay = await send(answers[0]!.statusCode === 201 ? b : a)
    t.equal(replay.statusCode, 201)
    t.equal(replay.json().id, [...ids][0])
    const drafts = await api(a, world.enterprise.token, { method: 'GET', url: '/v1/orders?status=draft&mine=true' })
    const titled = (drafts.json().items as Array<{ title: string }>).filter((o) => o.title === '幂等键 idempotent order')
    t.equal(titled.length, 1, 'one order stored')
  })

  t.test('a rotated refresh token reused on the other process revokes the session', async (t) => {
    const member = await registerOrg(a, 'enterprise', { name: '轮换测试企业' })
    const rotated = await api(a, null, { method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: member.refreshToken } })
    t.equal(rotated.statusCode, 200, rotated.body)
    const reused = await api(b, null, { method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: member.refreshToken } })
    t.equal(reused.statusCode, 401, 'the old token is refused on the other process')
    const afterTheft = await api(a, null, { method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotated.json().refreshToken } })
    t.equal(afterTheft.statusCode, 401, 'the whole session is revoked, on every process')
  })

  t.test('both processes sweep deadlines every second: an order is closed once, by one of them', async (t) => {
    const world = await matchingWorld(b)
    const created = await api(a, world.enterprise.token, { method: 'POST', url: '/v1/orders', payload: liveOrder({ title: '截止测试 deadline sweep', bidDeadline: new Date(Date.now() + 2500).toISOString() }) })
    t.equal(created.statusCode, 201, created.body)
    const orderId = created.json().id
    t.equal((await orderAction(a, world.enterprise, orderId, 'publish')).statusCode, 200)
    // No bid came: under the default minBids the closing is order.unsuccessful rather than order.bidding_closed.
    const CLOSINGS = ['order.bidding_closed', 'order.unsuccessful']
    let closings: unknown[] = []
    for (let i = 0; i < 80 && closings.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const events = await api(i % 2 ? a : b, world.enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/events` })
      closings = (events.json().items as Array<{ type: string }>).filter((e) => CLOSINGS.includes(e.type))
    }
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const events = await api(a, world.enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/events` })
    closings = (events.json().items as Array<{ type: string }>).filter((e) => CLOSINGS.includes(e.type))
    t.equal(closings.length, 1, 'one closing event after several sweeps of both processes')
  })

  t.test('failed logins spread over both processes count against one limit', async (t) => {
    const admin = await loginAdmin(a)
    const email = uniqueEmail('spread')
    const made = await api(a, admin.token, { method: 'POST', url: '/v1/users', payload: { email, password: PASSWORD, name: '限流', role: 'coordinator', alliances: ['equipment'] } })
    t.equal(made.statusCode, 201, made.body)
    const answers = []
    for (let i = 0; i < 10; i++) answers.push((await api(both[i % 2]!, null, { method: 'POST', url: '/v1/auth/login', payload: { email, password: 'wrong-Password-guess-1' } })).statusCode)
    t.same(answers, Array(10).fill(401), 'ten failures allowed, five on each process')
    const blocked = await api(b, null, { method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } })
    t.equal(blocked.statusCode, 429, 'the eleventh attempt is refused, even with the right password')
    await t.rejects(login(a, email), /429/)
  })
})
