// Alliance report: every figure reconciled with a hand-built scenario, date ranges, CSV, who may read it.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { reportScenario } from '../../helpers/report-scenario.ts'

await t.test('every figure of the default (current year) report matches the hand count', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const res = await api(app, s.coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(body, {
    alliance: { code: 'equipment', name: body.alliance.name, nameZh: '装备制造及汽车零部件' },
    from: '2027-01-01', to: '2027-12-31', generatedAt: app.testClock.now().toISOString(),
    orders: { posted: 5, awarded: 3, cancelled: 1 },
    seats: { ordered: 27, approved: 17, enrolled: 17, completed: 12, dropped: 3, hired: 5 },
    completionRate: 12 / 17,
    hireRate: 5 / 12,
    colleges: [
      { id: s.c1.organizationId, name: s.names.c1, seats: 11, enrolled: 11, completed: 10, hired: 4 },
      { id: s.c2.organizationId, name: '其他学院', seats: 6, enrolled: 6, completed: 2, hired: 1 }
    ],
    occupations: [
      { occupation: '焊工', seats: 15, hired: 0 },
      { occupation: '数控车工', seats: 10, hired: 5 },
      { occupation: '钳工', seats: 2, hired: 0 }
    ],
    enterprises: [
      { id: s.e2.organizationId, name: '第二汽配', promised: 7, hired: 0, promiseKeptRate: 0 },
      { id: s.enterprise.organizationId, name: s.names.e1, promised: 6, hired: 5, promiseKeptRate: 5 / 6 }
    ]
  })
  const sum = (xs: Array<Record<string, number>>, k: string) => xs.reduce((n, x) => n + x[k]!, 0)
  t.equal(sum(body.colleges, 'seats'), body.seats.approved, 'colleges reconcile with seats.approved')
  t.equal(sum(body.colleges, 'hired'), body.seats.hired)
  t.equal(sum(body.occupations, 'seats'), body.seats.ordered, 'occupations reconcile with seats.ordered')
  t.equal(sum(body.enterprises, 'hired'), body.seats.hired)
  t.notOk(res.body.includes('学员'), 'no trainee names in a report')
})

await t.test('date range: UTC dates, both ends included; defaults; from after to is a 422', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const get = (query: string) => api(app, s.admin.token, { method: 'GET', url: `/v1/reports/alliances/equipment${query}` })
  const lastDay = (await get('?from=2026-12-31&to=2026-12-31')).json()
  t.match(lastDay, {
    from: '2026-12-31', to: '2026-12-31',
    orders: { posted: 1, awarded: 1, cancelled: 0 },
    seats: { ordered: 20, approved: 20, enrolled: 3, completed: 3, dropped: 0, hired: 3 },
    completionRate: 1, hireRate: 1
  })
  t.same(lastDay.enterprises.map((e: { promised: number, hired: number }) => [e.promised, e.hired]), [[10, 3]])
  t.equal((await get('?from=2026-01-01')).json().orders.posted, 6, 'from alone: to stays the end of the current year')
  t.equal((await get('?from=2027-01-02')).json().orders.posted, 4, 'the order published at 2027-01-01T00:00Z falls before 2027-01-02')
  t.equal((await get('?to=2027-01-01')).json().orders.posted, 1, 'to includes its whole day')
  const empty = (await get('?from=2030-01-01&to=2030-12-31')).json()
  t.same({ orders: empty.orders, seats: empty.seats, completionRate: empty.completionRate, hireRate: empty.hireRate, colleges: empty.colleges, occupations: empty.occupations, enterprises: empty.enterprises }, {
    orders: { posted: 0, awarded: 0, cancelled: 0 }, seats: { ordered: 0, approved: 0, enrolled: 0, completed: 0, dropped: 0, hired: 0 },
    completionRate: null, hireRate: null, colleges: [], occupations: [], enterprises: []
  }, 'rates are null when nothing to divide by')
  const reversed = await get('?to=2026-12-31')
  t.equal(reversed.statusCode, 422, 'to before the default from')
  t.equal(reversed.json().code, 'rule_violation')
  for (const q of ['?from=2027-02-30', '?from=27-01-01', '?to=tomorrow', '?year=2027']) t.equal((await get(q)).statusCode, 400, q)
  app.testClock.set('2026-06-01T00:00:00.000Z')
  t.match((await get('')).json(), { from: '2026-01-01', to: '2026-12-31', orders: { posted: 1 } }, 'the default year follows the clock')
})

await t.test('CSV: the colleges breakdown, UTF-8 with BOM, header row, formula-safe and quoted', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const renamed = await api(app, s.c2.token, { method: 'PATCH', url: `/v1/organizations/${s.c2.organizationId}`, payload: { name: '=1+1,"南校区"' } })
  t.equal(renamed.statusCode, 200)
  const res = await api(app, s.coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment', headers: { accept: 'text/csv' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
  t.match(String(res.headers['content-disposition']), /^attachment; filename="alliance-equipment-2027-01-01-2027-12-31\.csv"$/)
  t.match(String(res.headers['vary']), /accept/i)
  const raw = res.rawPayload
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM')
  t.same(res.body.slice(1).split('\r\n'), [
    'id,name,seats,enrolled,completed,hired',
    `${s.c1.organizationId},${s.names.c1},11,11,10,4`,
    `${s.c2.organizationId},"'=1+1,""南校区""",6,6,2,1`,
    ''
  ])
  const preferJson = await api(app, s.coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment', headers: { accept: 'text/csv;q=0.5, application/json' } })
  t.match(preferJson.headers['content-type'], /^application\/json/)
  const preferCsv = await api(app, s.coordinator.token, { method: 'GET', url: '/v1/reports/alliances/equipment?from=2030-01-01&to=2030-01-31', headers: { accept: 'application/json;q=0.2, text/csv' } })
  t.equal(preferCsv.body, '\uFEFFid,name,seats,enrolled,completed,hired\r\n', 'an empty range: the header alone')
})

await t.test('who reads an alliance report: its coordinators and admins; 403 for others; 404 for an unknown alliance', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const url = '/v1/reports/alliances/equipment'
  t.equal((await api(app, s.admin.token, { method: 'GET', url })).statusCode, 200)
  t.equal((await api(app, s.coordinator.token, { method: 'GET', url })).statusCode, 200)
  for (const [who, token] of [['enterprise', s.enterprise.token], ['college', s.college.token], ['coordinator of another alliance', s.otherCoordinator.token], ['unrelated organization', s.outsider.token]] as const) {
    const res = await api(app, token, { method: 'GET', url })
    t.equal(res.statusCode, 403, who)
    t.equal(res.json().code, 'forbidden')
  }
  t.equal((await api(app, s.otherCoordinator.token, { method: 'GET', url: '/v1/reports/alliances/aluminum' })).json().seats.hired, 5, 'the other alliance has its own figures')
  t.equal((await api(app, s.admin.token, { method: 'GET', url: '/v1/reports/alliances/nowhere' })).statusCode, 404)
  t.equal((await api(app, s.enterprise.token, { method: 'GET', url: '/v1/reports/alliances/nowhere' })).statusCode, 404)
  t.equal((await api(app, null, { method: 'GET', url })).statusCode, 401)
  t.equal((await api(app, s.admin.token, { method: 'GET', url: '/v1/reports/alliances/Not_A_Code' })).statusCode, 400)
})
