// Rosters: enrolment limits and duplicates (whole batch or nothing), concurrent enrolment, who reads a roster.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { deliveryFixture, enrol, insertOrderWithCohorts, traineeBatch } from '../../helpers/delivery.ts'

await t.test('enrol: 201 with the stored trainees, Chinese names kept, read back in enrolment order', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 5 })
  const res = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, payload: { trainees: [{ name: '  王小明 ', studentNo: '2027001' }, { name: '李华', studentNo: '2027002' }] } })
  t.equal(res.statusCode, 201)
  t.match(res.json().items, [{ name: '王小明', studentNo: '2027001', status: 'enrolled', cohortId, hiredAt: null }, { name: '李华', studentNo: '2027002' }])
  const roster = await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId}/trainees` })
  t.same(roster.json().items.map((x: { studentNo: string }) => x.studentNo), ['2027001', '2027002'])
  t.equal(roster.json().nextCursor, null)
  const cohort = (await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).json()
  t.same(cohort.roster, { enrolled: 2, completed: 0, dropped: 0, hired: 0 })
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })
  t.equal((await enrol(app, f.college.token, cohortId!, traineeBatch(1, 'L'))).length, 1, 'late enrolment while in training')
})

await t.test('never past seats, studentNo unique in a cohort: the whole batch or nothing', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId, otherCohort] } = await insertOrderWithCohorts(app, { ...f, seats: 3, moreColleges: [{ college: f.otherCollege, seats: 3 }] })
  const url = `/v1/cohorts/${cohortId}/trainees`
  const over = await api(app, f.college.token, { method: 'POST', url, payload: { trainees: traineeBatch(4) } })
  t.equal(over.statusCode, 422)
  t.equal(over.json().code, 'seats_exceeded')
  await enrol(app, f.college.token, cohortId!, traineeBatch(2))
  const overNow = await api(app, f.college.token, { method: 'POST', url, payload: { trainees: traineeBatch(2, 'B') } })
  t.equal(overNow.statusCode, 422, 'one seat left, two asked')
  const dupExisting = await api(app, f.college.token, { method: 'POST', url, payload: { trainees: [{ name: '张三', studentNo: 'S0001' }] } })
  t.equal(dupExisting.statusCode, 409)
  t.equal(dupExisting.json().code, 'duplicate_student_no')
  const dupInBatch = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${otherCohort}/trainees`, payload: { trainees: [{ name: '甲', studentNo: 'X1' }, { name: '乙', studentNo: 'X1' }] } })
  t.equal(dupInBatch.statusCode, 404, 'another college cannot even see this cohort')
  const batchDup = await api(app, f.otherCollege.token, { method: 'POST', url: `/v1/cohorts/${otherCohort}/trainees`, payload: { trainees: [{ name: '甲', studentNo: 'X1' }, { name: '乙', studentNo: 'X1' }] } })
  t.equal(batchDup.statusCode, 409, 'a repeated studentNo in one batch')
  t.equal((await enrol(app, f.otherCollege.token, otherCohort!, traineeBatch(1))).length, 1, 'the same studentNo is fine in another cohort')
  const roster = (await api(app, f.college.token, { method: 'GET', url: `${url}?limit=100` })).json().items
  t.equal(roster.length, 2, 'refused batches stored nothing')
  const count = (await app.data.get<{ n: number }>('select count(*) as n from trainees where cohort_id = ?', [cohortId]))!.n
  t.equal(count, 2)
  t.equal((await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${otherCohort}` })).statusCode, 404)
})

await t.test('concurrent enrolments that together exceed seats: never more than seats', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 10 })
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
    api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, payload: { trainees: traineeBatch(3, `P${i}-`) } })))
  const accepted = results.filter((r) => r.statusCode === 201)
  t.equal(accepted.length, 3, 'three batches of three fit in ten seats')
  t.ok(results.every((r) => r.statusCode === 201 || r.statusCode === 422))
  const stored = (await app.data.get<{ n: number }>('select count(*) as n from trainees where cohort_id = ?', [cohortId]))!.n
  t.equal(stored, 9)
  const cohort = (await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).json()
  t.equal(cohort.roster.enrolled, 9)
  const sameNo = await Promise.all(Array.from({ length: 5 }, () =>
    api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, payload: { trainees: [{ name: '赵六', studentNo: 'RACE-1' }] } })))
  t.equal(sameNo.filter((r) => r.statusCode === 201).length, 1, 'one studentNo, enrolled once')
})

await t.test('enrol input and roles: 400, 401, 403, 404', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const url = `/v1/cohorts/${cohortId}/trainees`
  for (const payload of [{}, { trainees: [] }, { trainees: [{ name: '甲' }] }, { trainees: [{ name: '', studentNo: '1' }] }, { trainees: [{ name: '甲', studentNo: ' 1' }] },
    { trainees: [{ name: '甲', studentNo: '1', status: 'hired' }] }, { trainees: [{ name: 'x'.repeat(201), studentNo: '1' }] }, { trainees: traineeBatch(1), seats: 99 }]) {
    t.equal((await api(app, f.college.token, { method: 'POST', url, payload })).statusCode, 400, JSON.stringify(payload).slice(0, 60))
  }
  t.equal((await api(app, null, { method: 'POST', url, payload: { trainees: traineeBatch(1) } })).statusCode, 401)
  for (const [who, token, status] of [['enterprise', f.enterprise.token, 403], ['coordinator', f.coordinator.token, 403], ['admin', f.admin.token, 403], ['other coordinator', f.otherCoordinator.token, 404], ['outsider', f.outsider.token, 404], ['other college', f.otherCollege.token, 404]] as const) {
    t.equal((await api(app, token, { method: 'POST', url, payload: { trainees: traineeBatch(1) } })).statusCode, status, who)
  }
  t.equal((await api(app, f.college.token, { method: 'POST', url: '/v1/cohorts/0190c6a2-0000-7000-8000-000000000000/trainees', payload: { trainees: traineeBatch(1) } })).statusCode, 404)
})

await t.test('who reads a roster: the parties and the alliance coordinators; admins see the cohort but not the names', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 30 })
  await enrol(app, f.college.token, cohortId!, traineeBatch(25))
  const url = `/v1/cohorts/${cohortId}/trainees`
  for (const [who, token] of [['college', f.college.token], ['enterprise', f.enterprise.token], ['coordinator', f.coordinator.token]] as const) {
    const res = await api(app, token, { method: 'GET', url })
    t.equal(res.statusCode, 200, who)
    t.equal(res.json().items.length, 20, `${who}: a page of 20`)
  }
  for (const [who, token, status] of [['admin', f.admin.token, 403], ['other coordinator', f.otherCoordinator.token, 404], ['outsider', f.outsider.token, 404], ['other college', f.otherCollege.token, 404]] as const) {
    t.equal((await api(app, token, { method: 'GET', url })).statusCode, status, who)
  }
  t.equal((await api(app, null, { method: 'GET', url })).statusCode, 401)
  t.equal((await api(app, f.college.token, { method: 'GET', url: `${url}?limit=0` })).statusCode, 400)
  t.equal((await api(app, f.college.token, { method: 'GET', url: `${url}?cursor=nonsense` })).statusCode, 400)
  const first = (await api(app, f.college.token, { method: 'GET', url: `${url}?limit=10` })).json()
  const seen: string[] = first.items.map((x: { studentNo: string }) => x.studentNo)
  let cursor = first.nextCursor
  await enrol(app, f.college.token, cohortId!, traineeBatch(2, 'NEW'))
  while (cursor) {
    const page = (await api(app, f.college.token, { method: 'GET', url: `${url}?limit=10&cursor=${cursor}` })).json()
    seen.push(...page.items.map((x: { studentNo: string }) => x.studentNo))
    cursor = page.nextCursor
  }
  t.equal(seen.length, 27, 'pages are stable while rows are added (new ones come last)')
  t.equal(new Set(seen).size, 27)
  const enrolledOnly = (await api(app, f.college.token, { method: 'GET', url: `${url}?status=dropped` })).json()
  t.same(enrolledOnly.items, [])
})

await t.test('an enrolment retried with the same Idempotency-Key is stored once', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 5 })
  const send = (trainees: Array<{ name: string, studentNo: string }>) => api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, headers: { 'idempotency-key': 'roster-2027-batch-1' }, payload: { trainees } })
  const first = await send(traineeBatch(2))
  const again = await send(traineeBatch(2))
  t.equal(first.statusCode, 201)
  t.equal(again.statusCode, 201)
  t.same(again.json(), first.json(), 'the first answer is replayed')
  t.equal((await send(traineeBatch(3))).statusCode, 422, 'the same key with another body')
  t.equal((await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).json().roster.enrolled, 2)
})
