// The README's five-minute walk-through, run from outside against the demo data: every step answers as described.
import t from 'tap'
import { buildTestApp, api, login } from '../helper.ts'
import { DEMO_PASSWORD } from '../../src/seed/demo.ts'
import type { TestApp } from '../helper.ts'

const as = (app: TestApp, email: string) => login(app, email, DEMO_PASSWORD)

t.test('the demo walk-through from the README', async (t) => {
  const app = await buildTestApp(t, { DEMO_DATA: 'true' })
  const enterprise = await as(app, 'hr@autoparts.demo.talent-orders.cn')
  const polytechnic = await as(app, 'admissions@polytechnic.demo.talent-orders.cn')
  const techschool = await as(app, 'office@techschool.demo.talent-orders.cn')
  const coordinator = await as(app, 'coordinator.equipment@demo.talent-orders.cn')

  // 1. The enterprise sees its membership, creates a draft and publishes it.
  const me = (await api(app, enterprise.token, { method: 'GET', url: '/v1/me' })).json()
  t.match(me.memberships, [{ allianceCode: 'equipment', status: 'active' }])
  const created = await api(app, enterprise.token, {
    method: 'POST',
    url: '/v1/orders',
    payload: {
      allianceCode: 'equipment', title: '数控车工定向培养 40 人', occupation: 'CNC operator', skills: ['数控', '质量检测'], headcount: 40, location: '宁波北仑',
      trainingStart: '2027-09-01', trainingEnd: '2027-12-20', bidDeadline: '2027-06-30T16:00:00Z', budgetPerTrainee: 6000, hiringCommitment: { positions: 30, monthlySalaryMin: 6500 }
    }
  })
  t.equal(created.statusCode, 201, created.body)
  const orderId = created.json().id
  t.equal((await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${orderId}/publish` })).statusCode, 200)

  // 2. Both colleges find it and bid.
  const open = await api(app, polytechnic.token, { method: 'GET', url: '/v1/orders?alliance=equipment&status=open' })
  t.equal(open.statusCode, 200)
  t.ok(open.json().items.some((o: { id: string }) => o.id === orderId))
  const ranked = await api(app, polytechnic.token, { method: 'GET', url: '/v1/recommendations/orders' })
  t.equal(ranked.statusCode, 200)
  const recommended = ranked.json().items.find((item: { order: { id: string } }) => item.order.id === orderId)
  t.ok(recommended, 'the new order is recommended to the college')
  t.ok(recommended?.reasons.length > 0, 'with its reasons')
  const bid = (size: number, price: number) => ({
    cohortSize: size, startDate: '2027-09-01', durationWeeks: 16, pricePerTrainee: price, message: '校企双导师 / dual mentors',
    curriculum: [{ title: '数控编程基础', hours: 80, kind: 'theory' }, { title: '车间实操', hours: 240, kind: 'practice', certificate: '数控车工四级' }]
  })
  const ownBid = await api(app, polytechnic.token, { method: 'POST', url: `/v1/orders/${orderId}/bids`, payload: bid(30, 5800) })
  t.equal(ownBid.statusCode, 201, ownBid.body)
  t.equal((await api(app, techschool.token, { method: 'POST', url: `/v1/orders/${orderId}/bids`, payload: bid(20, 5500) })).statusCode, 201)
  t.equal((await api(app, techschool.token, { method: 'GET', url: `/v1/bids/${ownBid.json().id}` })).statusCode, 404, "another college's bid stays hidden")

  // 3. Sealed while open; readable after close-bidding; the enterprise proposes a match.
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}` })).json().bidCount, 2)
  const sealed = await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/bids` })
  t.equal(sealed.statusCode, 409)
  t.equal(sealed.json().code, 'bids_sealed')
  t.equal((await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${orderId}/close-bidding` })).statusCode, 200)
  const bids = await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/bids` })
  t.equal(bids.statusCode, 200)
  t.equal(bids.json().items.length, 2)
  const proposed = await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${orderId}/matches`, payload: { bidId: ownBid.json().id, seats: 25 } })
  t.equal(proposed.statusCode, 201, proposed.body)

  // 4. The coordinator approves it; a cohort is created.
  const pending = await api(app, coordinator.token, { method: 'GET', url: '/v1/matches?status=proposed' })
  t.ok(pending.json().items.some((m: { id: string }) => m.id === proposed.json().id))
  const approved = await api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${proposed.json().id}/approve` })
  t.equal(approved.statusCode, 200, approved.body)
  const cohorts = await api(app, polytechnic.token, { method: 'GET', url: '/v1/cohorts' })
  const cohort = cohorts.json().items.find((c: { matchId: string }) => c.matchId === proposed.json().id)
  t.ok(cohort, 'a cohort for the approved match')

  // 5. Enrol, start, finalize; the report and the timeline answer.
  const enrolled = await api(app, polytechnic.token, { method: 'POST', url: `/v1/cohorts/${cohort.id}/trainees`, payload: { trainees: [{ name: '张伟', studentNo: 'S2027001' }, { name: '李娜', studentNo: 'S2027002' }] } })
  t.equal(enrolled.statusCode, 201, enrolled.body)
  t.equal((await api(app, polytechnic.token, { method: 'POST', url: `/v1/cohorts/${cohort.id}/start`, payload: { early: true } })).statusCode, 200)
  t.equal((await api(app, enterprise.token, { method: 'POST', url: `/v1/orders/${orderId}/finalize` })).statusCode, 200)
  const report = await api(app, coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment?from=2027-01-01&to=2027-12-31' })
  t.equal(report.statusCode, 200, report.body)
  const events = await api(app, coordinator.token, { method: 'GET', url: `/v1/orders/${orderId}/events` })
  t.equal(events.statusCode, 200)
  const types = events.json().items.map((e: { type: string }) => e.type)
  for (const type of ['order.created', 'order.published', 'order.bidding_closed', 'match.proposed', 'match.approved', 'order.awarded']) {
    t.ok(types.includes(type), `timeline has ${type}`)
  }
})
