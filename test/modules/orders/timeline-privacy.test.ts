// The order timeline shows trainees' student numbers only to callers who may read the rosters (not admins).
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { deliveryFixture, enrol, insertOrderWithCohorts, setTrainee, traineeBatch } from '../../helpers/delivery.ts'

type TimelineEvent = { type: string, subject: { type: string, id: string | null }, data: Record<string, unknown> }

t.test('trainee events: student numbers for the enterprise and coordinators, redacted for admins', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { orderId, cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const [first] = await enrol(app, f.college.token, cohortId!, traineeBatch(2, 'P'))
  app.testClock.advance(60_000)
  t.equal((await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${cohortId}/start`, payload: { early: true } })).statusCode, 200)
  await setTrainee(app, f.college.token, cohortId!, first!.id, 'completed')
  const timeline = async (token: string) => {
    const res = await api(app, token, { method: 'GET', url: `/v1/orders/${orderId}/events` })
    t.equal(res.statusCode, 200)
    return { body: res.body, trainees: (res.json().items as TimelineEvent[]).filter((e) => e.subject.type === 'trainee') }
  }
  for (const reader of [f.enterprise, f.coordinator]) {
    const { trainees } = await timeline(reader.token)
    t.same(trainees.map((e) => e.type), ['trainee.enrolled', 'trainee.enrolled', 'trainee.completed'])
    t.same(trainees.map((e) => e.data['studentNo']), ['P0001', 'P0002', 'P0001'], 'roster readers see student numbers')
    t.equal((await api(app, reader.token, { method: 'GET', url: `/v1/cohorts/${cohortId}/trainees` })).statusCode, 200, 'and may read the roster')
  }
  const { body, trainees } = await timeline(f.admin.token)
  t.same(trainees.map((e) => e.type), ['trainee.enrolled', 'trainee.enrolled', 'trainee.completed'], 'admins see what happened')
  t.ok(trainees.every((e) => !('studentNo' in e.data) && e.data['cohortId'] === cohortId), 'without the student number')
  t.same(trainees[2]!.data, { cohortId, from: 'enrolled', to: 'completed', traineeId: first!.id })
  t.notMatch(body, /P000\d/, 'no student number anywhere in the admin timeline')
  t.equal((await api(app, f.admin.token, { method: 'GET', url: `/v1/cohorts/${cohortId}/trainees` })).statusCode, 403, 'as admins may not read the roster')
})
