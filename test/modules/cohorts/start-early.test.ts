// A cohort does not start before its startDate unless the college says so ({early: true}), and the event records it.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { deliveryFixture, insertOrderWithCohorts } from '../../helpers/delivery.ts'

await t.test('start before the startDate: 409 too_early without {early: true}; with it 200 and an event that says so', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const first = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const second = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const [early, onTime] = [first.cohortIds[0], second.cohortIds[0]]
  const start = (id: string, payload?: Record<string, unknown>) => api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${id}/start`, ...(payload ? { payload } : {}) })
  const startedEvents = async (orderId: string) => ((await api(app, f.enterprise.token, { method: 'GET', url: `/v1/orders/${orderId}/events?limit=100` })).json() as { items: Array<{ type: string, subject: { id: string }, data: Record<string, unknown> }> })
    .items.filter((e) => e.type === 'cohort.started')

  for (const payload of [undefined, {}, { early: false }]) {
    const refused = await start(early!, payload)
    t.equal(refused.statusCode, 409, JSON.stringify(payload))
    t.equal(refused.json().code, 'too_early')
    t.match(refused.json().detail, /2027-03-01/, 'the detail names the planned date')
  }
  t.equal((await api(app, f.college.token, { method: 'GET', url: `/v1/cohorts/${early!}` })).json().status, 'planned', 'still planned')
  const started = await start(early!, { early: true })
  t.equal(started.statusCode, 200)
  t.equal(started.json().status, 'in_training')
  t.match(await startedEvents(first.orderId), [{ subject: { id: early }, data: { from: 'planned', to: 'in_training', early: true, plannedStartDate: '2027-03-01' } }])

  await app.data.run('update cohorts set start_date = ? where id = ?', [app.testClock.now().toISOString().slice(0, 10), onTime])
  const due = await start(onTime!)
  t.equal(due.statusCode, 200, 'on its startDate no flag is needed')
  const events = await startedEvents(second.orderId)
  t.match(events, [{ subject: { id: onTime }, data: { from: 'planned', to: 'in_training' } }])
  t.notOk('early' in events[0]!.data, 'an on-time start is not flagged')
})
