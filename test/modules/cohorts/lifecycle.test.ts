// Cohort lifecycle: start, complete, cancel and trainee outcomes, allowed and refused, from every role.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { deliveryFixture, enrol, insertOrderWithCohorts, setTrainee, traineeBatch } from '../../helpers/delivery.ts'

await t.test('college starts, marks trainees and completes; the cohort and its events read back', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { orderId, cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const [a, b] = await enrol(app, f.college.token, cohortId!, traineeBatch(2))
  const early = await api(app, f.college.token, { method: 'PATCH', url: `/v1/cohorts/${cohortId}/trainees/${a!.id}`, payload: { status: 'completed' } })
  t.equal(early.statusCode, 409, 'trainees are not marked while planned')
  app.testClock.advance(60_000)
  const started = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })
  t.equal(started.statusCode, 200)
  t.equal(started.json().status, 'in_training')
  t.equal(started.json().startedAt, app.testClock.now().toISOString())
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })).statusCode, 409, 'cannot start twice')
  await setTrainee(app, f.college.token, cohortId!, a!.id, 'completed')
  const notYet = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/complete` })
  t.equal(notYet.statusCode, 409, 'one trainee is still enrolled')
  t.equal(notYet.json().code, 'trainees_still_enrolled')
  const again = await api(app, f.college.token, { method: 'PATCH', url: `/v1/cohorts/${cohortId}/trainees/${a!.id}`, payload: { status: 'dropped' } })
  t.equal(again.statusCode, 409, 'only from enrolled')
  await setTrainee(app, f.college.token, cohortId!, b!.id, 'dropped')
  const done = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/complete` })
  t.equal(done.statusCode, 200)
  t.match(done.json(), { status: 'completed', roster: { enrolled: 2, completed: 1, dropped: 1, hired: 0 }, orderId })
  t.ok(done.json().completedAt)
  const late = await api(app, f.college.token, { method: 'PATCH', url: `/v1/cohorts/${cohortId}/trainees/${b!.id}`, payload: { status: 'completed' } })
  t.equal(late.statusCode, 409, 'no changes after completion')
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/cancel`, payload: { reason: '晚了' } })).statusCode, 409, 'a completed cohort is not cancelled')
  const events = await app.data.all<{ type: string, order_id: string, data: string }>('select type, order_id, data from events where order_id = ? order by seq', [orderId])
  t.same(events.map((e) => e.type), ['cohort.created', 'trainee.enrolled', 'trainee.enrolled', 'cohort.started', 'trainee.completed', 'trainee.dropped', 'cohort.completed'])
  t.notOk(events.some((e) => e.data.includes('学员')), 'events carry studentNo, never names')
})

await t.test('the enterprise hires completed trainees only; nobody else hires', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const [a, b, c] = await enrol(app, f.college.token, cohortId!, traineeBatch(3))
  const hireUrl = (id: string) => `/v1/cohorts/${cohortId}/trainees/${id}/hire`
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: hireUrl(a!.id) })).statusCode, 409, 'an enrolled trainee is not hired')
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })
  await setTrainee(app, f.college.token, cohortId!, a!.id, 'completed')
  await setTrainee(app, f.college.token, cohortId!, b!.id, 'dropped')
  for (const [who, token, status] of [['college', f.college.token, 403], ['coordinator', f.coordinator.token, 403], ['admin', f.admin.token, 403], ['other coordinator', f.otherCoordinator.token, 404], ['outsider', f.outsider.token, 404]] as const) {
    t.equal((await api(app, token, { method: 'POST', url: hireUrl(a!.id) })).statusCode, status, `${who} may not hire`)
  }
  t.equal((await api(app, null, { method: 'POST', url: hireUrl(a!.id) })).statusCode, 401)
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: hireUrl(b!.id) })).statusCode, 409, 'a dropped trainee is not hired')
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: hireUrl(c!.id) })).statusCode, 409, 'an enrolled trainee is not hired')
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: hireUrl('0190c6a2-0000-7000-8000-000000000000') })).statusCode, 404, 'unknown trainee')
  const hired = await api(app, f.enterprise.token, { method: 'POST', url: hireUrl(a!.id) })
  t.equal(hired.statusCode, 200)
  t.match(hired.json(), { id: a!.id, status: 'hired', hiredAt: app.testClock.now().toISOString() })
  t.ok(hired.json().completedAt, 'keeps when training was completed')
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url: hireUrl(a!.id) })).statusCode, 409, 'hired once')
  const cohort = (await api(app, f.enterprise.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).json()
  t.same(cohort.roster, { enrolled: 3, completed: 1, dropped: 1, hired: 1 }, 'a hired trainee still counts as completed')
})

await t.test('hires race: the counters match the roster', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 8 })
  const items = await enrol(app, f.college.token, cohortId!, traineeBatch(8))
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })
  await Promise.all(items.map((x, i) => setTrainee(app, f.college.token, cohortId!, x.id, i % 4 === 3 ? 'dropped' : 'completed')))
  const attempts = await Promise.all([...items, ...items].map((x) => api(app, f.enterprise.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees/${x.id}/hire` })))
  t.equal(attempts.filter((r) => r.statusCode === 200).length, 6, 'each completed trainee hired exactly once')
  t.ok(attempts.every((r) => r.statusCode === 200 || r.statusCode === 409))
  const roster = (await api(app, f.coordinator.token, { method: 'GET', url: `/v1/cohorts/${cohortId}/trainees?limit=100` })).json().items
  const cohort = (await api(app, f.coordinator.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).json()
  t.same(cohort.roster, {
    enrolled: roster.length,
    completed: roster.filter((x: { status: string }) => x.status === 'completed' || x.status === 'hired').length,
    dropped: roster.filter((x: { status: string }) => x.status === 'dropped').length,
    hired: roster.filter((x: { status: string }) => x.status === 'hired').length
  })
  t.equal(cohort.roster.hired, 6)
})

await t.test('cancel: from planned or in training, with a reason, by the college only', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [planned] } = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  const { cohortIds: [running] } = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  const cancelUrl = (id: string) => `/v1/cohorts/${id}/cancel`
  t.equal((await api(app, f.college.token, { method: 'POST', url: cancelUrl(planned!) })).statusCode, 400, 'reason required')
  t.equal((await api(app, f.college.token, { method: 'POST', url: cancelUrl(planned!), payload: { reason: '' } })).statusCode, 400)
  t.equal((await api(app, f.college.token, { method: 'POST', url: cancelUrl(planned!), payload: { reason: 'x', extra: 1 } })).statusCode, 400, 'closed body')
  for (const [who, token, status] of [['enterprise', f.enterprise.token, 403], ['coordinator', f.coordinator.token, 403], ['admin', f.admin.token, 403], ['other coordinator', f.otherCoordinator.token, 404], ['outsider', f.outsider.token, 404], ['other college', f.otherCollege.token, 404]] as const) {
    t.equal((await api(app, token, { method: 'POST', url: cancelUrl(planned!), payload: { reason: '试试' } })).statusCode, status, `${who} may not cancel`)
    t.equal((await api(app, token, { method: 'POST', url: `/v1/cohorts/${planned}/start`, payload: { early: true } })).statusCode, status, `${who} may not start`)
    t.equal((await api(app, token, { method: 'POST', url: `/v1/cohorts/${planned}/complete` })).statusCode, status, `${who} may not complete`)
  }
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${planned}/complete` })).statusCode, 409, 'a planned cohort does not complete')
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${planned}/start`, payload: { now: true } })).statusCode, 400, 'action bodies are closed')
  t.equal((await api(app, null, { method: 'POST', url: cancelUrl(planned!), payload: { reason: '试试' } })).statusCode, 401)
  const cancelled = await api(app, f.college.token, { method: 'POST', url: cancelUrl(planned!), payload: { reason: '生源不足' } })
  t.equal(cancelled.statusCode, 200)
  t.match(cancelled.json(), { status: 'cancelled', cancelReason: '生源不足' })
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${planned}/start`, payload: { early: true } })).statusCode, 409, 'a cancelled cohort does not start')
  t.equal((await api(app, f.college.token, { method: 'POST', url: cancelUrl(planned!), payload: { reason: '再次' } })).statusCode, 409)
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${planned}/trainees`, payload: { trainees: traineeBatch(1) } })).statusCode, 409, 'no enrolment after cancel')
  const [x] = await enrol(app, f.college.token, running!, traineeBatch(1))
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${running}/start`, payload: { early: true } })
  t.equal((await api(app, f.college.token, { method: 'POST', url: cancelUrl(running!), payload: { reason: '设备故障' } })).statusCode, 200, 'a running cohort is cancelled')
  t.equal((await api(app, f.college.token, { method: 'PATCH', url: `/v1/cohorts/${running}/trainees/${x!.id}`, payload: { status: 'completed' } })).statusCode, 409)
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${running}/complete` })).statusCode, 409)
})

await t.test('trainee PATCH: parties that see but may not act get 403, strangers 404, bad input 400', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  const [a] = await enrol(app, f.college.token, cohortId!, traineeBatch(1))
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })
  const url = `/v1/cohorts/${cohortId}/trainees/${a!.id}`
  for (const [who, token, status] of [['enterprise', f.enterprise.token, 403], ['coordinator', f.coordinator.token, 403], ['admin', f.admin.token, 403], ['other coordinator', f.otherCoordinator.token, 404], ['outsider', f.outsider.token, 404]] as const) {
    t.equal((await api(app, token, { method: 'PATCH', url, payload: { status: 'completed' } })).statusCode, status, who)
  }
  t.equal((await api(app, null, { method: 'PATCH', url, payload: { status: 'completed' } })).statusCode, 401)
  t.equal((await api(app, f.college.token, { method: 'PATCH', url, payload: { status: 'hired' } })).statusCode, 400, 'the college does not hire')
  t.equal((await api(app, f.college.token, { method: 'PATCH', url, payload: { status: 'enrolled' } })).statusCode, 400)
  t.equal((await api(app, f.college.token, { method: 'PATCH', url, payload: { status: 'completed', name: 'x' } })).statusCode, 400)
  t.equal((await api(app, f.college.token, { method: 'PATCH', url: `/v1/cohorts/${cohortId}/trainees/0190c6a2-0000-7000-8000-000000000000`, payload: { status: 'completed' } })).statusCode, 404)
  const ok = await api(app, f.college.token, { method: 'PATCH', url, payload: { status: 'completed' } })
  t.match(ok.json(), { status: 'completed', completedAt: app.testClock.now().toISOString(), droppedAt: null })
})
