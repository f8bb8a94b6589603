// Cohort and trainee queries: one cohort with its parties, the caller's cohorts, rosters.
import { and, asc, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Executor } from '../../../db/executor.ts'
import { alliances, cohorts, orders, organizations, trainees, type CohortStatus, type TraineeStatus } from '../../../db/schema/index.ts'
import type { CohortDto, TraineeDto } from '../../../schemas/cohorts.ts'

export type CohortRow = typeof cohorts.$inferSelect
export type TraineeRow = typeof trainees.$inferSelect

const college = alias(organizations, 'college')
const enterprise = alias(organizations, 'enterprise')

const cohortViewQuery = (ex: Executor) => ex.orm.select({
  cohort: cohorts,
  allianceCode: alliances.code,
  orderTitle: orders.title,
  collegeName: college.name,
  enterpriseName: enterprise.name
}).from(cohorts)
  .innerJoin(alliances, eq(alliances.id, cohorts.allianceId))
  .innerJoin(orders, eq(orders.id, cohorts.orderId))
  .innerJoin(college, eq(college.id, cohorts.collegeId))
  .innerJoin(enterprise, eq(enterprise.id, cohorts.enterpriseId))

export type CohortView = { cohort: CohortRow, allianceCode: string, orderTitle: string, collegeName: string, enterpriseName: string }

export const findCohortView = async (ex: Executor, id: string): Promise<CohortView | undefined> =>
  await cohortViewQuery(ex).where(eq(cohorts.id, id)).get()

export const findCohort = async (ex: Executor, id: string): Promise<CohortRow | undefined> =>
  await ex.orm.select().from(cohorts).where(eq(cohorts.id, id)).get()

/** Which cohorts a caller may list: its organization's (as college or enterprise), a coordinator's alliances, or all. */
export type CohortScope =
  | { kind: 'all' }
  | { kind: 'college', organizationId: string }
  | { kind: 'enterprise', organizationId: string }
  | { kind: 'alliances', allianceIds: string[] }

export type CohortFilters = { status?: CohortStatus | undefined, orderId?: string | undefined, allianceId?: string | undefined }

function scopeCondition (scope: CohortScope): SQL | undefined {
  switch (scope.kind) {
    case 'all': return undefined
    case 'college': return eq(cohorts.collegeId, scope.organizationId)
    case 'enterprise': return eq(cohorts.enterpriseId, scope.organizationId)
    case 'alliances': return inArray(cohorts.allianceId, scope.allianceIds)
  }
}

/** Newest first, keyset over ids; `limit + 1` rows so the caller can tell whether more follow. */
export async function listCohortViews (ex: Executor, scope: CohortScope, filters: CohortFilters, beforeId: string | undefined, limit: number): Promise<CohortView[]> {
  if (scope.kind === 'alliances' && scope.allianceIds.length === 0) return []
  const conditions = [scopeCondition(scope)]
  if (filters.status) conditions.push(eq(cohorts.status, filters.status))
  if (filters.orderId) conditions.push(eq(cohorts.orderId, filters.orderId))
  if (filters.allianceId) conditions.push(eq(cohorts.allianceId, filters.allianceId))
  if (beforeId) conditions.push(lt(cohorts.id, beforeId))
  return await cohortViewQuery(ex).where(and(...conditions)).orderBy(desc(cohorts.id)).limit(limit + 1).all()
}

export const toCohortDto = ({ cohort: c, allianceCode, orderTitle, collegeName, enterpriseName }: CohortView): CohortDto => ({
  id: c.id,
  orderId: c.orderId,
  orderTitle,
  matchId: c.matchId,
  allianceCode,
  college: { id: c.collegeId, name: collegeName },
  enterprise: { id: c.enterpriseId, name: enterpriseName },
  seats: c.seats,
  startDate: c.startDate,
  durationWeeks: c.durationWeeks,
  status: c.status,
  cancelReason: c.cancelReason,
  roster: { enrolled: c.enrolledCount, completed: c.completedCount, dropped: c.droppedCount, hired: c.hiredCount },
  createdAt: c.createdAt,
  startedAt: c.startedAt,
  completedAt: c.completedAt,
  cancelledAt: c.cancelledAt
})

export const findTrainee = async (ex: Executor, cohortId: string, traineeId: string): Promise<TraineeRow | undefined> =>
  await ex.orm.select().from(trainees).where(and(eq(trainees.cohortId, cohortId), eq(trainees.id, traineeId))).get()

/** The trainees of the cohort among `ids` (a batch's lookup). */
export const findTrainees = async (ex: Executor, cohortId: string, ids: string[]): Promise<TraineeRow[]> =>
  ids.length === 0 ? [] : await ex.orm.select().from(trainees).where(and(eq(trainees.cohortId, cohortId), inArray(trainees.id, ids))).all()

export async function existingStudentNos (ex: Executor, cohortId: string, studentNos: string[]): Promise<string[]> {
  if (studentNos.length === 0) return []
  const rows = await ex.orm.select({ studentNo: trainees.studentNo }).from(trainees)
    .where(and(eq(trainees.cohortId, cohortId), inArray(trainees.studentNo, studentNos))).all()
  return rows.map((r) => r.studentNo)
}

/** The roster in enrolment order, keyset over ids. */
export async function listTrainees (ex: Executor, cohortId: string, status: TraineeStatus | undefined, afterId: string | undefined, limit: number): Promise<TraineeRow[]> {
  const conditions = [eq(trainees.cohortId, cohortId)]
  if (status) conditions.push(eq(trainees.status, status))
  if (afterId) conditions.push(gt(trainees.id, afterId))
  return await ex.orm.select().from(trainees).where(and(...conditions)).orderBy(asc(trainees.id)).limit(limit + 1).all()
}

export const toTraineeDto = (t: TraineeRow): TraineeDto => ({
  id: t.id,
  cohortId: t.cohortId,
  name: t.name,
  studentNo: t.studentNo,
  status: t.status,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  completedAt: t.completedAt,
  droppedAt: t.droppedAt,
  hiredAt: t.hiredAt
})

/**
 * On PostgreSQL, locks the row of the cohort's order until the transaction ends. A start takes it before it checks the
 * standstill, as complaint filing and deciding do before they write: a complaint and a start on one match serialize.
 * SQLite has one writer and needs no lock.
 */
export async function lockOrderRow (tx: Executor, orderId: string): Promise<void> {
  if (tx.engine === 'postgres') await tx.get('select id from orders where id = @orderId for update', { orderId })
}

export type MatchStandstill = { standstillUntil: string | null, pendingComplaints: number }

const STANDSTILL_SQL = `select m.standstill_until as "standstillUntil",
  (select count(*) from complaints c where c.match_id = m.id and c.status = 'pending') as "pendingComplaints"
  from matches m where m.id = @matchId`

/** The standstill of the cohort's match and how many complaints on it wait for a decision. */
export async function findMatchStandstill (ex: Executor, matchId: string): Promise<MatchStandstill> {
  const row = await ex.get<{ standstillUntil: string | null, pendingComplaints: number | string }>(STANDSTILL_SQL, { matchId })
  return { standstillUntil: row?.standstillUntil ?? null, pendingComplaints: Number(row?.pendingComplaints ?? 0) }
}
