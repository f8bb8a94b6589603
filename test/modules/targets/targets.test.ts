// Yearly targets over HTTP: who sets and reads them, validation, replacing, and figures that agree with the alliance report.
import t from 'tap'
import { api, buildTestApp, login, loginAdmin, type Session, type TestApp } from '../../helper.ts'
import { hire, insertOrderWithCohorts } from '../../helpers/delivery.ts'
import { reportScenario } from '../../helpers/report-scenario.ts'

const URL_2027 = '/v1/alliances/equipment/targets/2027'
const FULL = { ordersAwarded: 6, seatsCompleted: 12, hires: 10, promiseKeptRate: 0.5 }

const put = (app: TestApp, who: Session, payload: unknown, url = URL_2027) =>
  api(app, who.token, { method: 'PUT', url, payload: payload as Record<string, unknown> })
const get = (app: TestApp, who: Session, url = URL_2027) => api(app, who.token, { method: 'GET', url })

type Enterprise = { promised: number, hired: number }

/** The actual figures, read off the alliance report for the same range. */
async function reportActual (app: TestApp, who: Session, from: string, to: string) {
  const report = (await api(app, who.token, { method: 'GET', url: `/v1/reports/alliances/equipment?from=${from}&to=${to}` })).json()
  const enterprises = report.enterprises as Enterprise[]
  const promised = enterprises.reduce((n, e) => n + e.promised, 0)
  const hired = enterprises.reduce((n, e) => n + e.hired, 0)
  return {
    ordersAwarded: report.orders.awarded,
    seatsCompleted: report.seats.completed,
    hires: report.seats.hired,
    promiseKeptRate: promised === 0 ? null : hired / promised
  }
}

await t.test('a coordinator sets and reads the targets; actual is the report for the calendar year', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const res = await put(app, s.coordinator, FULL)
  t.equal(res.statusCode, 200, res.body)
  const actual = { ordersAwarded: 3, seatsCompleted: 12, hires: 5, promiseKeptRate: 5 / 13 }
  t.same(res.json(), {
    year: 2027,
    targets: FULL,
    actual,
    progress: { ordersAwarded: 0.5, seatsCompleted: 1, hires: 0.5, promiseKeptRate: (5 / 13) / 0.5 },
    midYear: null,
    onTrack: { ordersAwarded: true, seatsCompleted: true, hires: true, promiseKeptRate: false }
  })
  t.same(res.json().actual, await reportActual(app, s.coordinator, '2027-01-01', '2027-12-31'), 'the same figures as the report')
  const read = await get(app, s.coordinator)
  t.equal(read.statusCode, 200)
  t.same(read.json(), res.json(), 'GET answers what PUT answered')
})

await t.test('who: coordinators and admins set; active members read (403 to set); others and unknown alliances 404', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  t.equal((await put(app, s.admin, { hires: 3 })).statusCode, 200, 'an admin sets them')
  t.equal((await get(app, s.admin)).statusCode, 200, 'an admin reads them')
  for (const [who, member] of [['enterprise', s.enterprise], ['college', s.college], ['second college', s.c2], ['second enterprise', s.e2]] as const) {
    const read = await get(app, member)
    t.equal(read.statusCode, 200, `${who} reads them`)
    t.same(read.json().targets, { hires: 3 })
    const set = await put(app, member, { hires: 1 })
    t.equal(set.statusCode, 403, `${who} may not set them`)
    t.equal(set.json().code, 'forbidden')
  }
  for (const [who, stranger] of [['coordinator of another alliance', s.otherCoordinator], ['non-member', s.outsider]] as const) {
    t.equal((await get(app, stranger)).statusCode, 404, `${who}: GET 404`)
    t.equal((await put(app, stranger, { hires: 1 })).statusCode, 404, `${who}: PUT 404`)
  }
  t.equal((await get(app, s.admin, '/v1/alliances/nowhere/targets/2027')).statusCode, 404, 'unknown alliance: GET')
  t.equal((await put(app, s.coordinator, { hires: 1 }, '/v1/alliances/nowhere/targets/2027')).statusCode, 404, 'unknown alliance: PUT')
  const missing = await get(app, s.coordinator, '/v1/alliances/equipment/targets/2030')
  t.equal(missing.statusCode, 404, 'a year without targets')
  t.equal(missing.json().code, 'not_found')
  t.equal((await api(app, null, { method: 'GET', url: URL_2027 })).statusCode, 401)
  t.same((await get(app, s.coordinator)).json().targets, { hires: 3 }, 'refused writes changed nothing')
})

await t.test('validation: 400 for bad bodies and years', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const bodies: Array<[string, unknown]> = [
    ['rate above 1', { promiseKeptRate: 1.5 }],
    ['negative rate', { promiseKeptRate: -0.1 }],
    ['negative count', { hires: -1 }],
    ['count above 1,000,000', { seatsCompleted: 1_000_001 }],
    ['fractional count', { ordersAwarded: 2.5 }],
    ['empty body', {}],
    ['unknown key', { hires: 3, revenue: 10 }],
    ['a string count', { hires: '3' }]
  ]
  for (const [name, body] of bodies) {
    const res = await put(app, s.coordinator, body)
    t.equal(res.statusCode, 400, `${name}: ${res.body.slice(0, 120)}`)
  }
  for (const year of ['1999', '2101', 'next', '2027.5']) {
    t.equal((await put(app, s.coordinator, { hires: 1 }, `/v1/alliances/equipment/targets/${year}`)).statusCode, 400, `PUT year ${year}`)
    t.equal((await get(app, s.coordinator, `/v1/alliances/equipment/targets/${year}`)).statusCode, 400, `GET year ${year}`)
  }
  t.equal((await put(app, s.coordinator, { hires: 0, promiseKeptRate: 1, ordersAwarded: 1_000_000 })).statusCode, 200, 'the bounds themselves')
})

await t.test('PUT replaces the year: keys not given become unset', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  t.equal((await put(app, s.coordinator, FULL)).statusCode, 200)
  const replaced = await put(app, s.coordinator, { hires: 4 })
  t.equal(replaced.statusCode, 200)
  t.match(replaced.json(), { targets: { hires: 4 }, progress: { hires: 5 / 4 }, onTrack: { hires: true } })
  t.same(Object.keys(replaced.json().targets), ['hires'])
  t.same(Object.keys(replaced.json().progress), ['hires'])
  t.same(Object.keys(replaced.json().onTrack), ['hires'])
  t.same((await get(app, s.coordinator)).json().targets, { hires: 4 })
  t.equal((await put(app, s.coordinator, { hires: 1 }, '/v1/alliances/equipment/targets/2028')).statusCode, 200, 'another year')
  t.same((await get(app, s.coordinator)).json().targets, { hires: 4 }, 'years are kept apart')
})

await t.test('midYear: null before July 1; from then on the first half as it stood at the end of June 30', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  t.equal((await put(app, s.coordinator, FULL)).statusCode, 200)
  // Awarded orders published on the last instant of June (counted by mid-year) and in July (not counted).
  await insertOrderWithCohorts(app, { ...s, positions: 4, withCohorts: false, publishedAt: '2027-06-30T23:59:59.999Z' })
  await insertOrderWithCohorts(app, { ...s, positions: 4, withCohorts: false, publishedAt: '2027-07-10T00:00:00.000Z' })
  // Tokens last minutes: after each move of the clock, a fresh admin session reads.
  app.testClock.set('2027-06-30T23:59:59.999Z')
  t.equal((await get(app, await loginAdmin(app))).json().midYear, null, 'still June 30')
  app.testClock.set('2027-07-15T00:00:00.000Z')
  const admin = await loginAdmin(app)
  const body = (await get(app, admin)).json()
  t.same(body.actual, await reportActual(app, admin, '2027-01-01', '2027-12-31'), 'the year: the report for the year')
  t.equal(body.actual.ordersAwarded, 5)
  t.same(body.midYear, { date: '2027-06-30', actual: await reportActual(app, admin, '2027-01-01', '2027-06-30') }, 'the first half: the report to June 30')
  t.same(body.midYear.actual, { ordersAwarded: 4, seatsCompleted: 12, hires: 5, promiseKeptRate: 5 / 17 })

  // July: a trainee of a June order is hired, and an order published in June is awarded. The year moves, the mid-year check does not.
  const enterprise = await login(app, (await api(app, admin.token, { method: 'GET', url: `/v1/users/${s.enterprise.userId}` })).json().user.email)
  const cohorts = (await api(app, enterprise.token, { method: 'GET', url: '/v1/cohorts?limit=50' })).json().items as Array<{ id: string, roster: { completed: number, hired: number } }>
  const withUnhired = cohorts.find((c) => c.roster.completed > c.roster.hired)!
  const roster = (await api(app, enterprise.token, { method: 'GET', url: `/v1/cohorts/${withUnhired.id}/trainees` })).json().items as Array<{ id: string, status: string }>
  await hire(app, enterprise.token, withUnhired.id, roster.find((x) => x.status === 'completed')!.id)
  await insertOrderWithCohorts(app, { ...s, positions: 3, withCohorts: false, publishedAt: '2027-06-01T00:00:00.000Z' })
  const july = (await get(app, admin)).json()
  t.same(july.actual, await reportActual(app, admin, '2027-01-01', '2027-12-31'))
  t.match(july.actual, { ordersAwarded: 6, hires: 6 })
  t.same(july.midYear.actual, body.midYear.actual, 'as of the end of June 30: later hires and awards do not count')
  t.not(july.midYear.actual, await reportActual(app, admin, '2027-01-01', '2027-06-30'), 'while the report for the first half, read now, has moved')

  app.testClock.set('2028-02-01T00:00:00.000Z')
  t.equal((await get(app, await loginAdmin(app))).json().midYear.date, '2027-06-30', 'a past year keeps its mid-year figures')
})

await t.test('onTrack: counts against the elapsed fraction of the year, the rate against its target', async (t) => {
  const app = await buildTestApp(t)
  await reportScenario(app)
  // 2027-07-02T12:00Z is 182.5 of 365 days: half the year (a fresh session: tokens last minutes).
  app.testClock.set('2027-07-02T12:00:00.000Z')
  const admin = await loginAdmin(app)
  const half = await put(app, admin, { seatsCompleted: 24, hires: 11, promiseKeptRate: 5 / 13 })
  t.same(half.json().onTrack, { seatsCompleted: true, hires: false, promiseKeptRate: true }, '12 ≥ 24 × 0.5; 5 < 11 × 0.5; the rate reached')
  const behind = await put(app, admin, { seatsCompleted: 25, promiseKeptRate: 0.4 })
  t.same(behind.json().onTrack, { seatsCompleted: false, promiseKeptRate: false }, '12 < 25 × 0.5; 5/13 < 0.4')
  // A past year counts whole: 2026 has one awarded order (published 2026-12-31).
  const past = await put(app, admin, { ordersAwarded: 1, hires: 4 }, '/v1/alliances/equipment/targets/2026')
  t.match(past.json(), { actual: { ordersAwarded: 1, hires: 3 }, onTrack: { ordersAwarded: true, hires: false } })
  // A future year has not started: any count is on track, a rate without figures is not; a 0 target has no progress.
  const future = await put(app, admin, { ordersAwarded: 5, seatsCompleted: 0, promiseKeptRate: 0 }, '/v1/alliances/equipment/targets/2028')
  t.same(future.json(), {
    year: 2028,
    targets: { ordersAwarded: 5, seatsCompleted: 0, promiseKeptRate: 0 },
    actual: { ordersAwarded: 0, seatsCompleted: 0, hires: 0, promiseKeptRate: null },
    progress: { ordersAwarded: 0, seatsCompleted: null, promiseKeptRate: null },
    midYear: null,
    onTrack: { ordersAwarded: true, seatsCompleted: true, promiseKeptRate: false }
  })
})
