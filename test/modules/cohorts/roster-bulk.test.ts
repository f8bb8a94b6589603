// Bulk roster outcomes: POST /cohorts/{id}/trainees/statuses marks many trainees at once, all or nothing, with one event each.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { cohortAction, deliveryFixture, enrol, insertOrderWithCohorts, traineeBatch } from '../../helpers/delivery.ts'

type Trainee = { id: string, studentNo: string, status: string }
type Tap = Parameters<typeof buildTestApp>[0]

async function runningCohort (t: Tap) {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { cohortIds: [cohortId], orderId } = await insertOrderWithCohorts(app, { ...f, seats: 5 })
  const enrolled = await enrol(app, f.college.token, cohortId!, traineeBatch(4))
  await cohortAction(app, f.college.token, cohortId!, 'start')
  const url = `/v1/cohorts/${cohortId!}/trainees/statuses`
  const roster = async () => ((await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId!}/trainees` })).json() as { items: Trainee[] }).items.map((x) => x.status)
  const counts = async () => (await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${cohortId!}` })).json().roster
  const traineeEvents = async () => ((await api(app, f.enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/events?limit=100` })).json() as { items: Array<{ type: string }> })
    .items.filter((e) => e.type === 'trainee.completed' || e.type === 'trainee.dropped').map((e) => e.type)
  return { app, f, cohortId: cohortId!, enrolled, url, roster, counts, traineeEvents }
}

await t.test('200 with the updated trainees in request order; counters and one event per trainee, as single updates', async (t) => {
  const { app, f, enrolled, url, roster, counts, traineeEvents } = await runningCohort(t)
  const updates = [
    { traineeId: enrolled[2]!.id, status: 'dropped' },
    { traineeId: enrolled[0]!.id, status: 'completed' },
    { traineeId: enrolled[1]!.id, status: 'completed' }
  ]
  const res = await api(app, f.college.token, { method: 'POST', url, payload: { updates } })
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json().items, [{ id: enrolled[2]!.id, status: 'dropped' }, { id: enrolled[0]!.id, status: 'completed' }, { id: enrolled[1]!.id, status: 'completed' }])
  t.same(await roster(), ['completed', 'completed', 'dropped', 'enrolled'])
  t.same(await counts(), { enrolled: 4, completed: 2, dropped: 1, hired: 0 })
  t.same((await traineeEvents()).sort(), ['trainee.completed', 'trainee.completed', 'trainee.dropped'])
})

await t.test('one bad entry changes nothing: an unknown trainee, one already finished, a repeated one', async (t) => {
  const { app, f, enrolled, url, roster, counts, traineeEvents } = await runningCohort(t)
  await api(app, f.college.token, { method: 'PATCH', url: url.replace('/statuses', `/${enrolled[3]!.id}`), payload: { status: 'dropped' } })
  const before = { roster: await roster(), counts: await counts(), events: await traineeEvents() }

  const unknown = await api(app, f.college.token, { method: 'POST', url, payload: { updates: [{ traineeId: enrolled[0]!.id, status: 'completed' }, { traineeId: 'no-such-trainee', status: 'completed' }] } })
  t.equal(unknown.statusCode, 404)
  t.same(unknown.json().errors, [{ path: '/updates/1/traineeId', message: 'trainee not found' }], 'the entry is named')
  const finished = await api(app, f.college.token, { method: 'POST', url, payload: { updates: [{ traineeId: enrolled[0]!.id, status: 'completed' }, { traineeId: enrolled[3]!.id, status: 'completed' }] } })
  t.equal(finished.statusCode, 409)
  t.equal(finished.json().code, 'invalid_state')
  t.match(finished.json().errors, [{ path: '/updates/1/traineeId' }])
  const repeated = await api(app, f.college.token, { method: 'POST', url, payload: { updates: [{ traineeId: enrolled[0]!.id, status: 'completed' }, { traineeId: enrolled[0]!.id, status: 'dropped' }] } })
  t.equal(repeated.statusCode, 422)
  t.equal(repeated.json().code, 'duplicate_trainee')

  t.same({ roster: await roster(), counts: await counts(), events: await traineeEvents() }, before, 'roster, counters and events unchanged')
})

await t.test('only the cohort\'s college, only in training, and the body is checked', async (t) => {
  const { app, f, enrolled, url } = await runningCohort(t)
  const payload = { updates: [{ traineeId: enrolled[0]!.id, status: 'completed' }] }
  t.equal((await api(app, f.enterprise.token, { method: 'POST', url, payload })).statusCode, 403, 'the enterprise')
  t.equal((await api(app, f.otherCollege.token, { method: 'POST', url, payload })).statusCode, 404, 'another college')
  t.equal((await api(app, null, { method: 'POST', url, payload })).statusCode, 401)
  t.equal((await api(app, f.college.token, { method: 'POST', url, payload: { updates: [] } })).statusCode, 400, 'no updates')
  t.equal((await api(app, f.college.token, { method: 'POST', url, payload: { updates: [{ traineeId: enrolled[0]!.id, status: 'hired' }] } })).statusCode, 400, 'hiring is not a roster outcome')
  const { cohortIds: [planned] } = await insertOrderWithCohorts(app, { ...f, seats: 2 })
  const [trainee] = await enrol(app, f.college.token, planned!, traineeBatch(1, 'P'))
  const early = await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${planned!}/trainees/statuses`, payload: { updates: [{ traineeId: trainee!.id, status: 'completed' }] } })
  t.equal(early.statusCode, 409, 'a planned cohort')
})
