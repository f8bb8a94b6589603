// Track records over HTTP: the figures on profiles, when an order counts, late hires, races, and agreement with the reports.
import t from 'tap'
import { api, buildTestApp, registerOrg, type Session, type TestApp } from '../../helper.ts'
import { cohortAction, deliveryFixture, enrol, hire, insertOrderWithCohorts, runCohort, setTrainee, traineeBatch } from '../../helpers/delivery.ts'
import { reportScenario } from '../../helpers/report-scenario.ts'
import { checkFigures } from '../../../db/figures/consistency.ts'

const profile = (app: TestApp, who: Session, id: string) => api(app, who.token, { method: 'GET', url: `/v1/organizations/${id}` })
const trackRecord = async (app: TestApp, who: Session, id: string) => {
  const res = await profile(app, who, id)
  if (res.statusCode !== 200) throw new Error(res.body)
  return res.json().trackRecord as Record<string, number | null>
}
const noRecordEnterprise = { ordersAwarded: 0, promised: 0, hired: 0, promiseKeptRate: null }

await t.test('profiles carry the track record of the scenario, counted by hand', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  // E1: O1 (promised 6; 4 + 1 hired) and O5 (promised 10; 3 hired) ended; O3 cancelled and O7 a draft do not count.
  t.same(await trackRecord(app, s.c2, s.enterprise.organizationId), { ordersAwarded: 2, promised: 16, hired: 8, promiseKeptRate: 0.5 })
  // E2: O2 ended with no hire (a broken promise); O6 is still in training, O4 evaluating.
  t.same(await trackRecord(app, s.c1, s.e2.organizationId), { ordersAwarded: 1, promised: 5, hired: 0, promiseKeptRate: 0 })
  // The outsider's aluminum order O8: promised 5, hired 5.
  t.same(await trackRecord(app, s.enterprise, s.outsider.organizationId), { ordersAwarded: 1, promised: 5, hired: 5, promiseKeptRate: 1 })
  // C1 completed O1 (6, 5, 4), O2 (5, 5, 0), O5 (3, 3, 3) and O8 (5, 5, 5); C2 completed O1 (4, 2, 1), O6 is in training.
  t.same(await trackRecord(app, s.e2, s.c1.organizationId),
    { cohortsCompleted: 4, enrolled: 19, completed: 18, hired: 12, completionRate: 18 / 19, hireRate: 12 / 18 })
  t.same(await trackRecord(app, s.admin, s.c2.organizationId), { cohortsCompleted: 1, enrolled: 4, completed: 2, hired: 1, completionRate: 0.5, hireRate: 0.5 })
  const newcomer = await registerOrg(app, 'college', { name: '新学院' })
  t.same(await trackRecord(app, s.enterprise, newcomer.organizationId),
    { cohortsCompleted: 0, enrolled: 0, completed: 0, hired: 0, completionRate: null, hireRate: null }, 'no record yet: zeros and null rates')
  t.same((await checkFigures(app.data)).mismatches, [], 'the kept totals are what the orders and cohorts give')
})

await t.test('track records agree with the reports on the same data', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const report = async (url: string) => {
    const res = await api(app, s.admin.token, { method: 'GET', url: `${url}?from=2026-01-01&to=2027-12-31` })
    t.equal(res.statusCode, 200, res.body)
    return res.json()
  }
  const alliance = await report('/v1/reports/alliances/equipment')
  const e1Row = alliance.enterprises.find((e: { id: string }) => e.id === s.enterprise.organizationId)
  const e1 = await trackRecord(app, s.admin, s.enterprise.organizationId)
  t.same({ promised: e1['promised'], hired: e1['hired'] }, { promised: e1Row.promised, hired: e1Row.hired }, 'every awarded order of E1 has ended: the same figures')
  // E2's O6 is still in training: the report counts its promise, the track record waits for its cohort to end.
  const e2Row = () => alliance.enterprises.find((e: { id: string }) => e.id === s.e2.organizationId)
  t.same({ promised: e2Row().promised, hired: e2Row().hired }, { promised: 7, hired: 0 })
  t.same(await trackRecord(app, s.admin, s.e2.organizationId), { ordersAwarded: 1, promised: 5, hired: 0, promiseKeptRate: 0 })

  // The college's own report, over all its cohorts (every one completed): the same counters.
  const c1Report = await report(`/v1/reports/organizations/${s.c1.organizationId}`)
  const c1Row = c1Report.colleges.find((c: { id: string }) => c.id === s.c1.organizationId)
  const c1 = await trackRecord(app, s.admin, s.c1.organizationId)
  t.same({ enrolled: c1['enrolled'], completed: c1['completed'], hired: c1['hired'] }, { enrolled: c1Row.enrolled, completed: c1Row.completed, hired: c1Row.hired })
  t.equal(c1['completionRate'], c1Report.completionRate)
  t.equal(c1['hireRate'], c1Report.hireRate)

  // O6 ends: both of its trainees complete and are hired; now E2's record and the report agree too.
  const o6Cohort = (await api(app, s.c2.token, { method: 'GET', url: '/v1/cohorts?limit=50' })).json().items
    .find((c: { status: string }) => c.status === 'in_training')
  const roster = (await api(app, s.c2.token, { method: 'GET', url: `/v1/cohorts/${o6Cohort.id}/trainees` })).json().items as Array<{ id: string }>
  for (const trainee of roster) await setTrainee(app, s.c2.token, o6Cohort.id, trainee.id, 'completed')
  for (const trainee of roster) await hire(app, s.e2.token, o6Cohort.id, trainee.id)
  await cohortAction(app, s.c2.token, o6Cohort.id, 'complete')
  const after = (await report('/v1/reports/alliances/equipment')).enterprises.find((e: { id: string }) => e.id === s.e2.organizationId)
  t.same(await trackRecord(app, s.admin, s.e2.organizationId), { ordersAwarded: 2, promised: after.promised, hired: after.hired, promiseKeptRate: after.promiseKeptRate })
  t.same((await checkFigures(app.data)).mismatches, [])
})

await t.test('an order counts once all its cohorts have ended; later hires add to both records', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const order = await insertOrderWithCohorts(app, { ...f, headcount: 6, positions: 4, seats: 3, moreColleges: [{ college: f.otherCollege, seats: 3 }] })
  const [first, second] = order.cohortIds as [string, string]
  const trainees = await runCohort(app, f.college, f.enterprise, first, { enrolled: 3, completed: 3, hired: 1, prefix: 'A' })
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), noRecordEnterprise, 'one cohort still planned: the order has not ended')
  t.match(await trackRecord(app, f.enterprise, f.college.organizationId), { cohortsCompleted: 1, enrolled: 3, completed: 3, hired: 1 })

  t.equal((await api(app, f.otherCollege.token, { method: 'POST', url: `/v1/cohorts/${second}/cancel`, payload: { reason: '生源不足' } })).statusCode, 200)
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), { ordersAwarded: 1, promised: 4, hired: 1, promiseKeptRate: 0.25 },
    'the last cohort cancelled: the order has ended and counts')

  await hire(app, f.enterprise.token, first, trainees[1]!.id)
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), { ordersAwarded: 1, promised: 4, hired: 2, promiseKeptRate: 0.5 }, 'a hire after the end counts')
  t.match(await trackRecord(app, f.enterprise, f.college.organizationId), { cohortsCompleted: 1, hired: 2, hireRate: 2 / 3 })
  t.same((await checkFigures(app.data)).mismatches, [])
})

await t.test('an order whose cohorts ended before its award counts when it is finalized', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const order = await insertOrderWithCohorts(app, { ...f, status: 'evaluating', headcount: 4, positions: 2, seats: 2 })
  await runCohort(app, f.college, f.enterprise, order.cohortIds[0]!, { enrolled: 2, completed: 2, hired: 2 })
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), noRecordEnterprise, 'not awarded yet')
  const finalized = await api(app, f.enterprise.token, { method: 'POST', url: `/v1/orders/${order.orderId}/finalize` })
  t.equal(finalized.statusCode, 200, finalized.body)
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), { ordersAwarded: 1, promised: 2, hired: 2, promiseKeptRate: 1 })
})

await t.test('every signed-in caller reads a profile with its record; nobody else', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  for (const who of [f.enterprise, f.college, f.outsider, f.coordinator, f.otherCoordinator, f.admin]) {
    const res = await profile(app, who, f.enterprise.organizationId)
    t.equal(res.statusCode, 200)
    t.same(res.json().trackRecord, noRecordEnterprise)
  }
  t.equal((await api(app, null, { method: 'GET', url: `/v1/organizations/${f.enterprise.organizationId}` })).statusCode, 401)
  t.equal((await profile(app, f.college, '01J0000000000000000000NONE')).statusCode, 404)
  const edited = await api(app, f.college.token, { method: 'PATCH', url: `/v1/organizations/${f.college.organizationId}`, payload: { city: '宁波' } })
  t.equal(edited.statusCode, 200)
  t.match(edited.json().trackRecord, { cohortsCompleted: 0, completionRate: null }, 'an edit answers the profile as GET shows it')
})

await t.test('parallel endings of one order count it once, with every hire', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const third = await registerOrg(app, 'college', { name: '第三学院' })
  const order = await insertOrderWithCohorts(app, { ...f, headcount: 9, positions: 9, seats: 3, moreColleges: [{ college: f.otherCollege, seats: 3 }, { college: third, seats: 3 }] })
  const colleges = [f.college, f.otherCollege, third]
  const ready: Array<{ id: string }[]> = []
  for (const [i, cohortId] of order.cohortIds.entries()) {
    ready.push(await runCohort(app, colleges[i]!, f.enterprise, cohortId, { enrolled: 3, completed: 3, hired: 1, prefix: `P${i}`, finish: false }))
  }
  // The first cohort completes first; then a late hire in it races the other two completing.
  await cohortAction(app, f.college.token, order.cohortIds[0]!, 'complete')
  const results = await Promise.all([
    api(app, f.enterprise.token, { method: 'POST', url: `/v1/cohorts/${order.cohortIds[0]!}/trainees/${ready[0]![1]!.id}/hire` }),
    api(app, f.otherCollege.token, { method: 'POST', url: `/v1/cohorts/${order.cohortIds[1]!}/complete` }),
    api(app, third.token, { method: 'POST', url: `/v1/cohorts/${order.cohortIds[2]!}/complete` })
  ])
  t.same(results.map((r) => r.statusCode), [200, 200, 200], results.map((r) => r.body).join('\n'))
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), { ordersAwarded: 1, promised: 9, hired: 4, promiseKeptRate: 4 / 9 })
  t.same((await checkFigures(app.data)).mismatches, [])
})

await t.test('a completion refused while a trainee is still enrolled counts nothing', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const order = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  const [cohortId] = order.cohortIds as [string]
  await enrol(app, f.college.token, cohortId, traineeBatch(1, 'Z'))
  await cohortAction(app, f.college.token, cohortId, 'start')
  const early = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/complete` })
  t.equal(early.statusCode, 409, 'a trainee still enrolled blocks completion')
  t.same(await trackRecord(app, f.college, f.enterprise.organizationId), noRecordEnterprise, 'a refused completion counts nothing')
})
