// Organization report: an enterprise's and a college's own figures, their CSV forms, and who may read them.
import t from 'tap'
import { api, buildTestApp } from '../../helper.ts'
import { reportScenario } from '../../helpers/report-scenario.ts'

await t.test("an enterprise's report: its orders published in the range and every cohort on them", async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const res = await api(app, s.enterprise.token, { method: 'GET', url: `/v1/reports/organizations/${s.enterprise.organizationId}` })
  t.equal(res.statusCode, 200)
  t.same(res.json(), {
    organization: { id: s.enterprise.organizationId, name: s.names.e1, kind: 'enterprise' },
    from: '2027-01-01', to: '2027-12-31', generatedAt: app.testClock.now().toISOString(),
    orders: { posted: 2, awarded: 1, cancelled: 1 },
    seats: { ordered: 14, approved: 10, enrolled: 10, completed: 7, dropped: 3, hired: 5 },
    completionRate: 7 / 10,
    hireRate: 5 / 7,
    colleges: [
      { id: s.c1.organizationId, name: s.names.c1, seats: 6, enrolled: 6, completed: 5, hired: 4 },
      { id: s.c2.organizationId, name: '其他学院', seats: 4, enrolled: 4, completed: 2, hired: 1 }
    ],
    occupations: [{ occupation: '数控车工', seats: 10, hired: 5 }, { occupation: '焊工', seats: 4, hired: 0 }],
    enterprises: [{ id: s.enterprise.organizationId, name: s.names.e1, promised: 6, hired: 5, promiseKeptRate: 5 / 6 }]
  })
  const lastYear = (await api(app, s.enterprise.token, { method: 'GET', url: `/v1/reports/organizations/${s.enterprise.organizationId}?from=2026-01-01&to=2026-12-31` })).json()
  t.match(lastYear, { orders: { posted: 1, awarded: 1 }, seats: { ordered: 20, hired: 3 }, enterprises: [{ promised: 10, hired: 3 }] })
  const csv = await api(app, s.enterprise.token, { method: 'GET', url: `/v1/reports/organizations/${s.enterprise.organizationId}`, headers: { accept: 'text/csv' } })
  t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
  t.same(csv.body.split('\r\n'), [
    '\uFEFFid,name,seats,enrolled,completed,hired',
    `${s.c1.organizationId},${s.names.c1},6,6,5,4`,
    `${s.c2.organizationId},其他学院,4,4,2,1`,
    ''
  ], 'an enterprise gets the colleges that trained for it')
})

await t.test("a college's report: its own cohorts, and whether the enterprises it trained for kept their promises", async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const url = `/v1/reports/organizations/${s.c2.organizationId}`
  const res = await api(app, s.c2.token, { method: 'GET', url })
  t.equal(res.statusCode, 200)
  t.same(res.json(), {
    organization: { id: s.c2.organizationId, name: '其他学院', kind: 'college' },
    from: '2027-01-01', to: '2027-12-31', generatedAt: app.testClock.now().toISOString(),
    orders: { posted: 2, awarded: 2, cancelled: 0 },
    seats: { ordered: 12, approved: 6, enrolled: 6, completed: 2, dropped: 2, hired: 1 },
    completionRate: 2 / 6,
    hireRate: 1 / 2,
    colleges: [{ id: s.c2.organizationId, name: '其他学院', seats: 6, enrolled: 6, completed: 2, hired: 1 }],
    occupations: [{ occupation: '数控车工', seats: 10, hired: 1 }, { occupation: '钳工', seats: 2, hired: 0 }],
    enterprises: [
      { id: s.enterprise.organizationId, name: s.names.e1, promised: 6, hired: 5, promiseKeptRate: 5 / 6 },
      { id: s.e2.organizationId, name: '第二汽配', promised: 2, hired: 0, promiseKeptRate: 0 }
    ]
  })
  const c1 = (await api(app, s.c1.token, { method: 'GET', url: `/v1/reports/organizations/${s.c1.organizationId}` })).json()
  t.match(c1, { orders: { posted: 3 }, seats: { approved: 16, enrolled: 16, completed: 15, dropped: 1, hired: 9 } }, 'across alliances: equipment and aluminum')
  t.same(c1.enterprises.map((e: { name: string, promised: number, hired: number }) => [e.name, e.promised, e.hired]), [[s.names.e1, 6, 5], ['无关企业', 5, 5], ['第二汽配', 5, 0]])
  const csv = await api(app, s.c2.token, { method: 'GET', url, headers: { accept: 'text/csv' } })
  t.same(csv.body.split('\r\n'), [
    '\uFEFFid,name,promised,hired,promiseKeptRate',
    `${s.enterprise.organizationId},${s.names.e1},6,5,${5 / 6}`,
    `${s.e2.organizationId},第二汽配,2,0,0`,
    ''
  ], 'a college gets the enterprises breakdown')
})

await t.test('who reads an organization report: its members and admins; 403 for others; 404 when unknown', async (t) => {
  const app = await buildTestApp(t)
  const s = await reportScenario(app)
  const url = `/v1/reports/organizations/${s.enterprise.organizationId}`
  t.equal((await api(app, s.admin.token, { method: 'GET', url })).statusCode, 200)
  for (const [who, token] of [['college it works with', s.c1.token], ['coordinator', s.coordinator.token], ['other enterprise', s.e2.token], ['unrelated organization', s.outsider.token]] as const) {
    t.equal((await api(app, token, { method: 'GET', url })).statusCode, 403, who)
  }
  t.equal((await api(app, s.enterprise.token, { method: 'GET', url: '/v1/reports/organizations/0190c6a2-0000-7000-8000-000000000000' })).statusCode, 404)
  t.equal((await api(app, null, { method: 'GET', url })).statusCode, 401)
  t.equal((await api(app, s.enterprise.token, { method: 'GET', url: `${url}?from=2027-13-01` })).statusCode, 400)
  t.equal((await api(app, s.enterprise.token, { method: 'GET', url: `${url}?from=2027-06-01&to=2027-05-31` })).statusCode, 422)
})
