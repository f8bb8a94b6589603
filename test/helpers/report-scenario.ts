// A hand-built alliance scenario for report tests: every figure below is counted by hand from these orders and rosters.
import { api, joinAlliance, registerOrg, type TestApp } from '../helper.ts'
import { cohortAction, deliveryFixture, enrol, insertOrderWithCohorts, runCohort, traineeBatch } from './delivery.ts'

/**
 * equipment, orders published in 2027 unless noted (E1 = fixture enterprise, E2 = 第二汽配, C1 = fixture college, C2 = 其他学院):
 * O1 E1 数控车工 headcount 10, promises 6, awarded: C1 6 seats (6 enrolled, 5 completed, 1 dropped, 4 hired), C2 4 seats (4 enrolled, 2 completed, 2 dropped, 1 hired)
 * O2 E2 焊工 headcount 8, promises 5, awarded: C1 5 seats (5 enrolled, 5 completed, 0 hired: an unkept promise)
 * O3 E1 焊工 headcount 4, promises 2, cancelled; O4 E2 焊工 headcount 3, no promise, evaluating; O7 E1 draft (never published)
 * O6 E2 钳工 headcount 2, promises 2, awarded, published 2027-01-01T00:00Z: C2 2 seats (2 enrolled, still in training)
 * O5 E1 published 2026-12-31T23:59:59.999Z, headcount 20, promises 10, awarded: C1 20 seats (3 enrolled, 3 completed, 3 hired)
 * O8 in aluminum (another alliance), published 2027: C1 5 seats (5 enrolled, 5 completed, 5 hired)
 */
export async function reportScenario (app: TestApp) {
  const f = await deliveryFixture(app)
  const e2 = await registerOrg(app, 'enterprise', { name: '第二汽配' })
  await joinAlliance(app, e2, f.coordinator, 'equipment')
  const c1 = f.college
  const c2 = f.otherCollege
  const o1 = await insertOrderWithCohorts(app, { ...f, headcount: 10, positions: 6, occupation: '数控车工', seats: 6, moreColleges: [{ college: c2, seats: 4 }] })
  await runCohort(app, c1, f.enterprise, o1.cohortIds[0]!, { enrolled: 6, completed: 5, hired: 4, prefix: 'A' })
  await runCohort(app, c2, f.enterprise, o1.cohortIds[1]!, { enrolled: 4, completed: 2, hired: 1, prefix: 'B' })
  const o2 = await insertOrderWithCohorts(app, { ...f, enterprise: e2, headcount: 8, positions: 5, occupation: '焊工', seats: 5 })
  await runCohort(app, c1, e2, o2.cohortIds[0]!, { enrolled: 5, completed: 5, hired: 0, prefix: 'C' })
  await insertOrderWithCohorts(app, { ...f, headcount: 4, positions: 2, occupation: '焊工', status: 'cancelled', withCohorts: false })
  await insertOrderWithCohorts(app, { ...f, enterprise: e2, headcount: 3, positions: null, occupation: '焊工', status: 'evaluating', withCohorts: false })
  await insertOrderWithCohorts(app, { ...f, headcount: 9, positions: 9, status: 'draft', publishedAt: null, withCohorts: false })
  const o6 = await insertOrderWithCohorts(app, { ...f, enterprise: e2, college: c2, headcount: 2, positions: 2, occupation: '钳工', seats: 2, publishedAt: '2027-01-01T00:00:00.000Z' })
  await enrol(app, c2.token, o6.cohortIds[0]!, traineeBatch(2, 'D'))
  await cohortAction(app, c2.token, o6.cohortIds[0]!, 'start')
  const o5 = await insertOrderWithCohorts(app, { ...f, headcount: 20, positions: 10, occupation: '数控车工', seats: 20, publishedAt: '2026-12-31T23:59:59.999Z' })
  await runCohort(app, c1, f.enterprise, o5.cohortIds[0]!, { enrolled: 3, completed: 3, hired: 3, prefix: 'E' })
  const o8 = await insertOrderWithCohorts(app, { enterprise: f.outsider, college: c1, coordinator: f.otherCoordinator, code: 'aluminum', headcount: 5, positions: 5, occupation: '铝型材挤压工', seats: 5 })
  await runCohort(app, c1, f.outsider, o8.cohortIds[0]!, { enrolled: 5, completed: 5, hired: 5, prefix: 'F' })
  const names = async (id: string) => (await api(app, f.admin.token, { method: 'GET', url: `/v1/organizations/${id}` })).json().name as string
  return {
    ...f, e2, c1, c2,
    names: { e1: await names(f.enterprise.organizationId), e2: '第二汽配', c1: await names(c1.organizationId), c2: '其他学院' }
  }
}
