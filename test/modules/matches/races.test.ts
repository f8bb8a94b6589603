// Races: many requests in flight at once never overbook an order, decide a match twice or duplicate a live match.
import t from 'tap'
import { buildTestApp, marketFixture, registerOrg, joinAlliance, api, type Session } from '../../helper.ts'
import { evaluatingOrder, proposeMatch } from '../../helpers/market.ts'

t.test('parallel proposals that together exceed the headcount: proposed seats never pass it', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const colleges: Session[] = [college]
  for (let i = 0; i < 5; i++) {
    const extra = await registerOrg(app, 'college', { name: `职业学院 ${i}` })
    await joinAlliance(app, extra, coordinator, 'equipment')
    colleges.push(extra)
  }
  const { order, bids } = await evaluatingOrder(app, enterprise, colleges, { headcount: 10 })
  const results = await Promise.all(bids.map((bid) => proposeMatch(app, enterprise, order['id'], bid['id'], 3)))
  t.equal(results.filter((r) => r.statusCode === 201).length, 3, '3 × 3 seats fit in 10, a fourth does not')
  t.ok(results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 422 && r.json().code === 'seats_exceeded'))
  const stored = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${order['id']}` })).json()
  t.equal(stored.seatsProposed, 9)
  const listed = (await api(app, enterprise.token, { method: 'GET', url: `/v1/matches?orderId=${order['id']}` })).json().items
  t.equal(listed.reduce((sum: number, m: { seats: number }) => sum + m.seats, 0), 9)
})

t.test('parallel duplicate proposals for one bid: one live match', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college } = await marketFixture(app)
  const { order, bids } = await evaluatingOrder(app, enterprise, [college])
  const results = await Promise.all(Array.from({ length: 8 }, () => proposeMatch(app, enterprise, order['id'], bids[0]!['id'], 1)))
  t.equal(results.filter((r) => r.statusCode === 201).length, 1)
  t.equal(results.filter((r) => r.statusCode === 409).length, 7)
})

t.test('parallel approve and reject of one match: exactly one decision wins', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const { order, bids } = await evaluatingOrder(app, enterprise, [college])
  const match = (await proposeMatch(app, enterprise, order['id'], bids[0]!['id'], 2)).json()
  const requests = Array.from({ length: 10 }, (_, i) => i % 2 === 0
    ? api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${match.id}/approve` })
    : api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${match.id}/reject`, payload: { reason: '重复' } }))
  const results = await Promise.all(requests)
  t.equal(results.filter((r) => r.statusCode === 200).length, 1)
  t.equal(results.filter((r) => r.statusCode === 409).length, 9)
  const events = (await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${order['id']}/events?limit=100` })).json().items
  t.equal(events.filter((e: { type: string }) => e.type === 'match.approved' || e.type === 'match.rejected').length, 1, 'one decision recorded')
})
