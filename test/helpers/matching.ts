// Matching test helpers: an alliance with colleges of chosen skills, cohorts inserted through drizzle (with their figures), recommendation calls.
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { alliances, bids, cohorts, matches, orders, type CohortStatus } from '../../db/schema/index.ts'
import { newId } from '../../src/lib/ids.ts'
import { refreshMatchFacts } from '../../db/figures/order-match-facts.ts'
import { addToCollegeRecord, completedCohortDelta, syncCommitments } from '../../db/figures/college-figures.ts'
import { api, createCoordinator, joinAlliance, loginAdmin, registerOrg, type Session, type TestApp } from '../helper.ts'

export type World = { code: string, coordinator: Session, enterprise: Session, admin: Session }

/** An alliance with its coordinator, an enterprise member and the admin. */
export async function matchingWorld (app: FastifyInstance, code = 'equipment'): Promise<World> {
  const coordinator = await createCoordinator(app, [code])
  const enterprise = await registerOrg(app, 'enterprise', { name: '宁波精工汽车零部件' })
  await joinAlliance(app, enterprise, coordinator, code)
  return { code, coordinator, enterprise, admin: await loginAdmin(app) }
}

export type CollegeOptions = { name: string, specialties: string[], annualCapacity?: number, join?: boolean }

/** Registers a college through the API and (unless join is false) makes it an active member of the world's alliance. */
export async function addCollege (app: FastifyInstance, world: World, options: CollegeOptions): Promise<Session & { organizationId: string }> {
  const college = await registerOrg(app, 'college', {
    name: options.name, specialties: options.specialties, ...(options.annualCapacity !== undefined ? { annualCapacity: options.annualCapacity } : {})
  })
  if (options.join !== false) await joinAlliance(app, college, world.coordinator, world.code)
  return college
}

export type CohortInput = {
  college: Session
  world: World
  seats: number
  startDate?: string
  durationWeeks?: number
  status?: CohortStatus
  roster?: { enrolled: number, completed: number, hired: number }
}

/** Inserts an awarded order, an accepted bid, an approved match and the cohort, with the figures the code keeps for them. */
export async function insertCohort (app: TestApp, input: CohortInput): Promise<string> {
  const at = app.testClock.now()
  const now = at.toISOString()
  const allianceId = (await app.data.orm.select().from(alliances).where(eq(alliances.code, input.world.code)).get())!.id
  const { enterprise } = input.world
  const orderId = newId(at.getTime())
  await app.data.orm.insert(orders).values({
    id: orderId, allianceId, organizationId: enterprise.organizationId!, createdBy: enterprise.userId, status: 'awarded',
    title: '往期订单', occupation: '焊工', description: '', skills: ['welding'], headcount: input.seats, location: '宁波',
    trainingStart: '2026-03-01', trainingEnd: '2026-06-30', bidDeadline: '2026-02-01T00:00:00.000Z', publishedAt: now, createdAt: now, updatedAt: now
  }).run()
  const bidId = newId(at.getTime())
  await app.data.orm.insert(bids).values({
    id: bidId, orderId, organizationId: input.college.organizationId!, createdBy: input.college.userId, status: 'accepted', cohortSize: input.seats,
    startDate: input.startDate ?? '2027-03-01', durationWeeks: input.durationWeeks ?? 12, pricePerTrainee: 5000,
    curriculum: [{ title: '焊接实训', hours: 40, kind: 'practice' }], message: '', totalHours: 40, totalPrice: 5000 * input.seats, createdAt: now, updatedAt: now
  }).run()
  const matchId = newId(at.getTime())
  await app.data.orm.insert(matches).values({
    id: matchId, orderId, bidId, collegeId: input.college.organizationId!, allianceId, seats: input.seats, status: 'approved',
    proposedBy: enterprise.userId, decidedBy: input.world.coordinator.userId, decidedAt: now, createdAt: now, updatedAt: now
  }).run()
  const cohortId = newId(at.getTime())
  const roster = input.roster ?? { enrolled: 0, completed: 0, hired: 0 }
  await app.data.orm.insert(cohorts).values({
    id: cohortId, orderId, matchId, allianceId, collegeId: input.college.organizationId!, enterpriseId: enterprise.organizationId!,
    seats: input.seats, startDate: input.startDate ?? '2027-03-01', durationWeeks: input.durationWeeks ?? 12, status: input.status ?? 'planned',
    enrolledCount: roster.enrolled, completedCount: roster.completed, droppedCount: roster.enrolled - roster.completed, hiredCount: roster.hired,
    createdAt: now, updatedAt: now
  }).run()
  await refreshMatchFacts(app.data, [orderId])
  await syncCommitments(app.data, [cohortId])
  if (input.status === 'completed') {
    await addToCollegeRecord(app.data, input.college.organizationId!, completedCohortDelta({ enrolledCount: roster.enrolled, completedCount: roster.completed, hiredCount: roster.hired }))
  }
  return cohortId
}

export type Reason = { factor: string, weight: number, score: number, detail: string }
export type CollegeItem = { college: { id: string, name: string }, score: number, hasBid: boolean | null, reasons: Reason[] }
export type OrderItem = { order: Record<string, unknown> & { id: string, title: string }, score: number, hasBid: boolean, reasons: Reason[] }

export const collegeRecommendations = (app: FastifyInstance, token: string | null, orderId: unknown, query = '') =>
  api(app, token, { method: 'GET', url: `/v1/orders/${String(orderId)}/recommendations${query}` })

export const orderRecommendations = (app: FastifyInstance, token: string | null, query = '') =>
  api(app, token, { method: 'GET', url: `/v1/recommendations/orders${query}` })

/** The factor's reason of an item (throws when absent, so a missing factor fails the test). */
export function reasonOf (item: { reasons: Reason[] }, factor: string): Reason {
  const found = item.reasons.find((r) => r.factor === factor)
  if (!found) throw new Error(`no ${factor} reason in ${JSON.stringify(item.reasons)}`)
  return found
}

/** The weighted sum of an item's reasons, as the score is defined. */
export const weightedSum = (item: { reasons: Reason[] }) => item.reasons.reduce((sum, r) => sum + r.weight * r.score, 0)
