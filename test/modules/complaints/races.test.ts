// Races: a cohort is never in training while a complaint on its match is pending, whatever runs first; a complaint is decided once.
import t from 'tap'
import { setImmediate as tick } from 'node:timers/promises'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../helper.ts'
import { assertProblem } from '../../helpers/foundation.ts'
import { approvedMatch, complain, complaintMarket, decide, filed, getJson, startCohort, STANDSTILL } from './fixture.ts'

/** The invariant: no cohort is in training (or completed) while a complaint on its match is pending. */
async function violations (app: TestApp): Promise<number> {
  const row = await app.data.get<{ count: number | string }>(`select count(*) as count from cohorts h join complaints c on c.match_id = h.match_id
    where c.status = 'pending' and h.status in ('in_training', 'completed')`)
  return Number(row?.count ?? 0)
}

const outcome = (res: LightMyRequestResponse) => res.statusCode < 300 ? String(res.statusCode) : `${res.statusCode} ${String(res.json().code)}`

t.test('a complaint and a cohort start at the standstill edge: one of them wins, never both', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const seen = new Set<string>()
  for (let trial = 0; trial < 6; trial++) {
    const { match, matchId, cohortId } = await approvedMatch(app, f, { seats: 1 })
    const until = new Date(String(match['standstillUntil'])).getTime()
    app.testClock.set(new Date(until - 1).toISOString())
    // The standstill ends while both are in flight, after a different number of ticks each trial.
    const filing = complain(app, f.rival, matchId)
    const starting = startCohort(app, f.college, cohortId)
    for (let i = 0; i < trial; i++) await tick()
    app.testClock.advance(1)
    const [complaint, start] = await Promise.all([filing, starting])
    const pair = `${outcome(complaint)} / ${outcome(start)}`
    seen.add(pair)
    t.ok(['201 / 409 standstill', '409 standstill_over / 200', '409 standstill_over / 409 standstill'].includes(pair), `trial ${trial}: ${pair}`)
    t.equal(await violations(app), 0, `trial ${trial}: no cohort in training with a pending complaint`)
  }
  t.comment(`outcomes seen: ${[...seen].join('; ')}`)
})

t.test('a complaint stamped before the standstill ended but stored after the start is refused', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { match, matchId, cohortId } = await approvedMatch(app, f)
  const until = new Date(String(match['standstillUntil'])).getTime()
  app.testClock.set(new Date(until).toISOString())
  t.equal((await startCohort(app, f.college, cohortId)).statusCode, 200)
  // A request that read the clock 1 ms before the end and reached the database after the start committed.
  app.testClock.set(new Date(until - 1).toISOString())
  assertProblem(t, await complain(app, f.rival, matchId), 409, 'standstill_over', 'training has started')
  t.equal(await violations(app), 0)
})

t.test('an uphold racing a cohort start after the standstill: the uphold wins, the cohort never trains', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  for (let trial = 0; trial < 4; trial++) {
    const { match, matchId, cohortId } = await approvedMatch(app, f, { seats: 1 })
    const id = await filed(app, f.rival, matchId)
    app.testClock.set(String(match['standstillUntil']))
    // Either one is sent a tick ahead of the other, in turns.
    const later = <T>(send: () => Promise<T>) => tick().then(send)
    const upholding = () => decide(app, f.coordinator, id, 'uphold')
    const starting = () => startCohort(app, f.college, cohortId)
    const [upheld, started] = await Promise.all(trial % 2 === 0 ? [upholding(), later(starting)] : [later(upholding), starting()])
    t.equal(upheld.statusCode, 200, `trial ${trial}: uphold ${upheld.body.slice(0, 120)}`)
    t.equal(started.statusCode, 409, `trial ${trial}: start ${started.body.slice(0, 120)}`)
    t.equal((await getJson(app, f.college, `/v1/cohorts/${cohortId}`))['status'], 'cancelled')
    t.equal((await getJson(app, f.college, `/v1/matches/${matchId}`))['status'], 'revoked')
    t.equal(await violations(app), 0)
  }
})

t.test('parallel dismissals and upholds of one complaint: exactly one decision', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { order, matchId, cohortId } = await approvedMatch(app, f)
  const id = await filed(app, f.rival, matchId)
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => decide(app, f.coordinator, id, i % 2 === 0 ? 'uphold' : 'dismiss')))
  t.equal(results.filter((r) => r.statusCode === 200).length, 1)
  t.ok(results.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 409 && r.json().code === 'already_decided'))
  const events = ((await getJson(app, f.coordinator, `/v1/orders/${String(order['id'])}/events?limit=100`))['items'] as Array<{ type: string }>).map((e) => e.type)
  t.equal(events.filter((e) => e === 'complaint.upheld' || e === 'complaint.dismissed').length, 1, 'one decision recorded')
  const status = (await getJson(app, f.coordinator, `/v1/complaints/${id}`))['status']
  t.equal(events.filter((e) => e === 'match.revoked').length, status === 'upheld' ? 1 : 0)
  t.equal((await getJson(app, f.college, `/v1/cohorts/${cohortId}`))['status'], status === 'upheld' ? 'cancelled' : 'planned')
})

t.test('parallel complaints: one per college and match', async (t) => {
  const app = await buildTestApp(t, STANDSTILL)
  const f = await complaintMarket(app)
  const { matchId } = await approvedMatch(app, f)
  const results = await Promise.all([f.rival, f.second, f.rival, f.second, f.rival, f.second].map((college) => complain(app, college, matchId)))
  t.equal(results.filter((r) => r.statusCode === 201).length, 2)
  t.ok(results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409 && r.json().code === 'duplicate_complaint'))
  t.equal(((await getJson(app, f.coordinator, '/v1/complaints'))['items'] as unknown[]).length, 2)
})
