// Delivery test helpers: orders, bids and approved matches inserted through drizzle, then the real createCohortForMatch.
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Executor } from '../../db/executor.ts'
import { alliances, bids, matches, orders, type OrderStatus } from '../../db/schema/index.ts'
import { newId } from '../../src/lib/ids.ts'
import { createCohortForMatch } from '../../src/modules/cohorts/create.ts'
import { refreshMatchFacts } from '../../db/figures/order-match-facts.ts'
import { api, createCoordinator, joinAlliance, loginAdmin, marketFixture, registerOrg, type Session, type TestApp } from '../helper.ts'

export type CohortOrder = {
  enterprise: Session
  college: Session
  code?: string
  coordinator: Session
  headcount?: number
  positions?: number | null
  occupation?: string
  /** null for a draft that was never published. */
  publishedAt?: string | null
  status?: OrderStatus
  /** false for an order without matches. */
  withCohorts?: boolean
  seats?: number
  /** Extra colleges matched on the same order, each with its seats. */
  moreColleges?: Array<{ college: Session, seats: number }>
}

/** Every role the delivery tests need: the parties, a coordinator of another alliance, an admin, an unrelated organization. */
export async function deliveryFixture (app: FastifyInstance) {
  const market = await marketFixture(app, 'equipment')
  const otherCoordinator = await createCoordinator(app, ['aluminum'])
  const outsider = await registerOrg(app, 'enterprise', { name: '无关企业' })
  const otherCollege = await registerOrg(app, 'college', { name: '其他学院' })
  await joinAlliance(app, otherCollege, market.coordinator, 'equipment')
  const admin = await loginAdmin(app)
  return { ...market, otherCoordinator, outsider, otherCollege, admin }
}

const allianceId = async (ex: Executor, code: string) => (await ex.orm.select().from(alliances).where(eq(alliances.code, code)).get())!.id

/** Inserts an order (published at `publishedAt`) with one approved match per college and creates their cohorts, in one transaction. */
export async function insertOrderWithCohorts (app: TestApp, input: CohortOrder): Promise<{ orderId: string, cohortIds: string[], matchIds: string[] }> {
  return await app.data.write((tx) => insertWith(tx, app.testClock.now(), input))
}

async function insertWith (tx: Executor, at: Date, input: CohortOrder): Promise<{ orderId: string, cohortIds: string[], matchIds: string[] }> {
  const now = at.toISOString()
  const publishedAt = input.publishedAt === undefined ? now : input.publishedAt
  const aId = await allianceId(tx, input.code ?? 'equipment')
  const orderId = newId(at.getTime())
  const headcount = input.headcount ?? 10
  await tx.orm.insert(orders).values({
    id: orderId, allianceId: aId, organizationId: input.enterprise.organizationId!, createdBy: input.enterprise.userId,
    status: input.status ?? 'awarded', title: '数控车床操作工培训', occupation: input.occupation ?? '数控车工', description: '',
    skills: ['cnc'], headcount, location: '宁波', trainingStart: '2027-03-01', trainingEnd: '2027-06-30',
    bidDeadline: '2027-02-01T00:00:00.000Z', budgetPerTrainee: 5000, hiringPositions: input.positions === undefined ? 5 : input.positions,
    publishedAt, createdAt: now, updatedAt: now, awardedAt: (input.status ?? 'awarded') === 'awarded' ? now : null
  })
  await refreshMatchFacts(tx, [orderId])
  const parties = input.withCohorts === false ? [] : [{ college: input.college, seats: input.seats ?? headcount }, ...(input.moreColleges ?? [])]
  const actor = { userId: input.coordinator.userId, sessionId: 'test', role: 'coordinator' as const, organizationId: null, organizationKind: null }
  const cohortIds: string[] = []
  const matchIds: string[] = []
  for (const { college, seats } of parties) {
    const bidId = newId(at.getTime())
    await tx.orm.insert(bids).values({
      id: bidId, orderId, organizationId: college.organizationId!, createdBy: college.userId, status: 'accepted', cohortSize: seats,
      startDate: '2027-03-01', durationWeeks: 12, pricePerTrainee: 4800, curriculum: [{ title: '数控编程', hours: 40, kind: 'theory' }],
      message: '', totalHours: 40, totalPrice: 4800 * seats, createdAt: now, updatedAt: now
    })
    const matchId = newId(at.getTime())
    await tx.orm.insert(matches).values({
      id: matchId, orderId, bidId, collegeId: college.organizationId!, allianceId: aId, seats, status: 'approved',
      proposedBy: input.enterprise.userId, decidedBy: input.coordinator.userId, decidedAt: now, createdAt: now, updatedAt: now
    })
    matchIds.push(matchId)
    cohortIds.push(await createCohortForMatch(tx, {
      match: { id: matchId, seats },
      order: { id: orderId, allianceId: aId, organizationId: input.enterprise.organizationId! },
      bid: { organizationId: college.organizationId!, startDate: '2027-03-01', durationWeeks: 12 }
    }, actor, at))
  }
  return { orderId, cohortIds, matchIds }
}

export const traineeBatch = (count: number, prefix = 'S') =>
  Array.from({ length: count }, (_, i) => ({ name: `学员${prefix}${i + 1}`, studentNo: `${prefix}${String(i + 1).padStart(4, '0')}` }))

export async function enrol (app: FastifyInstance, token: string, cohortId: string, trainees: Array<{ name: string, studentNo: string }>) {
  const res = await api(app, token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees`, payload: { trainees } })
  if (res.statusCode !== 201) throw new Error(`enrol failed: ${res.statusCode} ${res.body}`)
  return res.json().items as Array<{ id: string, studentNo: string }>
}

/** Starts (early if need be: test cohorts start on 2027-03-01, the test clock is earlier) or completes a cohort. */
export async function cohortAction (app: FastifyInstance, token: string, cohortId: string, action: 'start' | 'complete') {
  const res = await api(app, token, { method: 'POST', url: `/v1/cohorts/${cohortId}/${action}`, ...(action === 'start' ? { payload: { early: true } } : {}) })
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function setTrainee (app: FastifyInstance, token: string, cohortId: string, traineeId: string, status: 'completed' | 'dropped') {
  const res = await api(app, token, { method: 'PATCH', url: `/v1/cohorts/${cohortId}/trainees/${traineeId}`, payload: { status } })
  if (res.statusCode !== 200) throw new Error(`trainee ${status} failed: ${res.statusCode} ${res.body}`)
}

export async function hire (app: FastifyInstance, token: string, cohortId: string, traineeId: string) {
  const res = await api(app, token, { method: 'POST', url: `/v1/cohorts/${cohortId}/trainees/${traineeId}/hire` })
  if (res.statusCode !== 200) throw new Error(`hire failed: ${res.statusCode} ${res.body}`)
}

/**
 * Runs a cohort to an outcome through the API: enrols `enrolled`, starts, completes `completed`
 * (of whom the enterprise hires `hired`), drops the rest, and completes the cohort.
 */
export async function runCohort (app: FastifyInstance, college: Session, enterprise: Session, cohortId: string, outcome: { enrolled: number, completed: number, hired: number, prefix?: string, finish?: boolean }) {
  const items = outcome.enrolled > 0 ? await enrol(app, college.token, cohortId, traineeBatch(outcome.enrolled, outcome.prefix ?? 'S')) : []
  await cohortAction(app, college.token, cohortId, 'start')
  for (const [i, t] of items.entries()) await setTrainee(app, college.token, cohortId, t.id, i < outcome.completed ? 'completed' : 'dropped')
  for (const t of items.slice(0, outcome.hired)) await hire(app, enterprise.token, cohortId, t.id)
  if (outcome.finish !== false) await cohortAction(app, college.token, cohortId, 'complete')
  return items
}
