// The whole flow through the public API: publish → bid → close → propose → approve → cohort → roster → hire → report.
import t from 'tap'
import { api, buildTestApp, joinAlliance, marketFixture, registerOrg } from '../../helper.ts'
import { evaluatingOrder, openOrder, orderAction, proposeMatch } from '../../helpers/market.ts'
import { cohortAction, enrol, hire, setTrainee, traineeBatch } from '../../helpers/delivery.ts'

await t.test('an approved match becomes a cohort whose outcomes reconcile exactly in the reports', async (t) => {
  const app = await buildTestApp(t)
  const { enterprise, college, coordinator } = await marketFixture(app)
  const second = await registerOrg(app, 'college', { name: '北仑职业高级中学' })
  await joinAlliance(app, second, coordinator, 'equipment')

  const { order, bids } = await evaluatingOrder(app, enterprise, [college, second], { headcount: 6, hiringCommitment: { positions: 4 } })
  const orderId = order['id'] as string
  for (const [bid, seats] of [[bids[0]!, 4], [bids[1]!, 2]] as const) {
    const match = await proposeMatch(app, enterprise, orderId, bid['id'], seats)
    t.equal(match.statusCode, 201, match.body)
    t.equal((await api(app, coordinator.token, { method: 'POST', url: `/v1/matches/${match.json().id}/approve` })).statusCode, 200)
  }
  t.equal((await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}` })).json().status, 'awarded')
  const cancelled = await openOrder(app, enterprise, { headcount: 3, occupation: '焊工', hiringCommitment: { positions: 3 } })
  t.equal((await orderAction(app, enterprise, cancelled['id'], 'cancel', { reason: '产线调整' })).statusCode, 200)

  const listed = (await api(app, enterprise.token, { method: 'GET', url: `/v1/cohorts?orderId=${orderId}` })).json().items
  t.equal(listed.length, 2, 'one cohort per approved match')
  const mine = (s: { organizationId: string }) => listed.find((c: { college: { id: string } }) => c.college.id === s.organizationId)
  const big = mine(college)
  const small = mine(second)
  t.match(big, { orderId, seats: 4, status: 'planned', allianceCode: 'equipment', enterprise: { id: enterprise.organizationId }, startDate: '2027-03-01', durationWeeks: 16 })
  t.equal((await api(app, college.token, { method: 'POST', url: `/v1/cohorts/${big.id}/trainees`, payload: { trainees: traineeBatch(5) } })).statusCode, 422, 'seats come from the match')

  const a = await enrol(app, college.token, big.id, traineeBatch(4, 'A'))
  await cohortAction(app, college.token, big.id, 'start')
  for (const [i, x] of a.entries()) await setTrainee(app, college.token, big.id, x.id, i < 3 ? 'completed' : 'dropped')
  await cohortAction(app, college.token, big.id, 'complete')
  await hire(app, enterprise.token, big.id, a[0]!.id)
  await hire(app, enterprise.token, big.id, a[1]!.id)
  const b = await enrol(app, second.token, small.id, traineeBatch(2, 'B'))
  await cohortAction(app, second.token, small.id, 'start')
  for (const x of b) await setTrainee(app, second.token, small.id, x.id, 'completed')
  await hire(app, enterprise.token, small.id, b[0]!.id)
  await cohortAction(app, second.token, small.id, 'complete')

  const timeline = (await api(app, enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/events?limit=100` })).json().items.map((e: { type: string }) => e.type)
  for (const type of ['cohort.created', 'trainee.enrolled', 'cohort.started', 'trainee.completed', 'trainee.dropped', 'cohort.completed', 'trainee.hired']) {
    t.ok(timeline.includes(type), `${type} is on the order's timeline`)
  }
  t.equal(timeline.filter((x: string) => x === 'trainee.hired').length, 3)

  const report = (await api(app, coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment' })).json()
  t.same({ orders: report.orders, seats: report.seats, completionRate: report.completionRate, hireRate: report.hireRate }, {
    orders: { posted: 2, awarded: 1, cancelled: 1 },
    seats: { ordered: 9, approved: 6, enrolled: 6, completed: 5, dropped: 1, hired: 3 },
    completionRate: 5 / 6,
    hireRate: 3 / 5
  })
  t.same(report.colleges.map((c: Record<string, unknown>) => [c['id'], c['seats'], c['enrolled'], c['completed'], c['hired']]), [
    [college.organizationId, 4, 4, 3, 2],
    [second.organizationId, 2, 2, 2, 1]
  ])
  t.same(report.occupations, [{ occupation: '数控车工', seats: 6, hired: 3 }, { occupation: '焊工', seats: 3, hired: 0 }])
  t.match(report.enterprises, [{ id: enterprise.organizationId, promised: 4, hired: 3, promiseKeptRate: 0.75 }], 'the cancelled order promised nothing')
  const own = (await api(app, second.token, { method: 'GET', url: `/v1/reports/organizations/${second.organizationId}` })).json()
  t.match(own, { orders: { posted: 1, awarded: 1 }, seats: { approved: 2, enrolled: 2, completed: 2, hired: 1 }, enterprises: [{ promised: 4, hired: 3 }] })
  const csv = await api(app, coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment', headers: { accept: 'text/csv' } })
  t.equal(csv.body.split('\r\n')[2], `${second.organizationId},北仑职业高级中学,2,2,2,1`)
})
