// Cohort reads: one cohort's fields and who sees it, and each caller's list with filters and stable pages.
import t from 'tap'
import { api, buildTestApp, createCoordinator, joinAlliance, registerOrg } from '../../helper.ts'
import { deliveryFixture, insertOrderWithCohorts } from '../../helpers/delivery.ts'

await t.test('GET /cohorts/{id}: every field, for the parties, coordinators of the alliance and admins; 404 for the rest', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const { orderId, matchIds: [matchId], cohortIds: [cohortId] } = await insertOrderWithCohorts(app, { ...f, seats: 7 })
  for (const [who, token] of [['college', f.college.token], ['enterprise', f.enterprise.token], ['coordinator', f.coordinator.token], ['admin', f.admin.token]] as const) {
    const res = await api(app, token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })
    t.equal(res.statusCode, 200, who)
    t.same(res.json(), {
      id: cohortId, orderId, orderTitle: '数控车床操作工培训', matchId, allianceCode: 'equipment',
      college: { id: f.college.organizationId, name: res.json().college.name }, enterprise: { id: f.enterprise.organizationId, name: res.json().enterprise.name },
      seats: 7, startDate: '2027-03-01', durationWeeks: 12, status: 'planned', cancelReason: null,
      roster: { enrolled: 0, completed: 0, dropped: 0, hired: 0 },
      createdAt: app.testClock.now().toISOString(), startedAt: null, completedAt: null, cancelledAt: null
    }, who)
  }
  for (const [who, token] of [['other coordinator', f.otherCoordinator.token], ['outsider', f.outsider.token], ['other college of the alliance', f.otherCollege.token]] as const) {
    const res = await api(app, token, { method: 'GET', url: `/v1/cohorts/${cohortId}` })
    t.equal(res.statusCode, 404, who)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  }
  t.equal((await api(app, null, { method: 'GET', url: `/v1/cohorts/${cohortId}` })).statusCode, 401)
  t.equal((await api(app, f.admin.token, { method: 'GET', url: '/v1/cohorts/not%20an%20id' })).statusCode, 400)
})

await t.test('GET /cohorts: each caller sees its own, filters by status, order and alliance, pages by cursor', async (t) => {
  const app = await buildTestApp(t)
  const f = await deliveryFixture(app)
  const alu = await createCoordinator(app, ['aluminum'])
  const aluEnterprise = await registerOrg(app, 'enterprise', { name: '铝业公司' })
  await joinAlliance(app, aluEnterprise, alu, 'aluminum')
  await joinAlliance(app, f.college, alu, 'aluminum')
  const a = await insertOrderWithCohorts(app, { ...f, seats: 2, moreColleges: [{ college: f.otherCollege, seats: 2 }] })
  const b = await insertOrderWithCohorts(app, { ...f, seats: 3 })
  const c = await insertOrderWithCohorts(app, { enterprise: aluEnterprise, college: f.college, coordinator: alu, code: 'aluminum', seats: 4 })
  await api(app, f.college.token, { method: 'POST', url: `/v1/cohorts/${b.cohortIds[0]}/start`, payload: { early: true } })
  const ids = async (token: string, query = '') => (await api(app, token, { method: 'GET', url: `/v1/cohorts${query}` })).json().items.map((x: { id: string }) => x.id)
  const all = [...a.cohortIds, ...b.cohortIds, ...c.cohortIds].reverse()
  t.same(await ids(f.admin.token), all, 'admin: all, newest first')
  t.same(await ids(f.college.token), [c.cohortIds[0], b.cohortIds[0], a.cohortIds[0]], 'college: its own in both alliances')
  t.same(await ids(f.otherCollege.token), [a.cohortIds[1]])
  t.same(await ids(f.enterprise.token), [b.cohortIds[0], a.cohortIds[1], a.cohortIds[0]], 'enterprise: on its orders')
  t.same(await ids(f.coordinator.token), [b.cohortIds[0], a.cohortIds[1], a.cohortIds[0]], 'coordinator: its alliance')
  t.same(await ids(f.otherCoordinator.token), [c.cohortIds[0]], 'coordinator of aluminum')
  t.same(await ids(f.outsider.token), [], 'unrelated organization: none')
  t.same(await ids(f.college.token, '?status=in_training'), [b.cohortIds[0]])
  t.same(await ids(f.admin.token, `?orderId=${a.orderId}`), [a.cohortIds[1], a.cohortIds[0]])
  t.same(await ids(f.college.token, '?alliance=aluminum'), [c.cohortIds[0]])
  t.same(await ids(f.college.token, '?alliance=nowhere'), [])
  const page1 = (await api(app, f.admin.token, { method: 'GET', url: '/v1/cohorts?limit=2' })).json()
  t.equal(page1.items.length, 2)
  await insertOrderWithCohorts(app, { ...f, seats: 1 })
  const page2 = (await api(app, f.admin.token, { method: 'GET', url: `/v1/cohorts?limit=2&cursor=${page1.nextCursor}` })).json()
  t.same([...page1.items, ...page2.items].map((x: { id: string }) => x.id), all, 'a new cohort does not shift later pages')
  t.equal(page2.nextCursor, null)
  t.equal((await api(app, f.admin.token, { method: 'GET', url: '/v1/cohorts?status=running' })).statusCode, 400)
  t.equal((await api(app, f.admin.token, { method: 'GET', url: '/v1/cohorts?limit=101' })).statusCode, 400)
  t.equal((await api(app, f.admin.token, { method: 'GET', url: '/v1/cohorts?mine=true' })).statusCode, 400, 'unknown query parameter')
  t.equal((await api(app, null, { method: 'GET', url: '/v1/cohorts' })).statusCode, 401)
})
