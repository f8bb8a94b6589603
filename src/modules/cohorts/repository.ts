// Cohort and trainee queries: one cohort with its parties, the caller's cohorts, rosters.
import { and, asc, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { DbOrTx } from '../../../db/client.ts'
import { alliances, cohorts, orders, organizations, trainees, type CohortStatus, type TraineeStatus } from '../../../db/schema/index.ts'
import type { CohortDto, TraineeDto } from '../../../schemas/cohorts.ts'

export type CohortRow = typeof cohorts.$inferSelect
export type TraineeRow = typeof trainees.$inferSelect

const college = alias(organizations, 'college')
const enterprise = alias(organizations, 'enterprise')

const cohortViewQuery = (tx: DbOrTx) => tx.select({
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

export const findCohortView = (tx: DbOrTx, id: string): CohortView | undefined =>
  cohortViewQuery(tx).where(eq(cohorts.id, id)).get()

export const findCohort = (tx: DbOrTx, id: string): CohortRow | undefined =>
  tx.select().from(cohorts).where(eq(cohorts.id, id)).get()

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
export function listCohortViews (tx: DbOrTx, scope: CohortScope, filters: CohortFilters, beforeId: string | undefined, limit: number): CohortView[] {
  if (scope.kind === 'alliances' && scope.allianceIds.length === 0) return []
  const conditions = [scopeCondition(scope)]
  if (filters.status) conditions.push(eq(cohorts.status, filters.status))
  if (filters.orderId) conditions.push(eq(cohorts.orderId, filters.orderId))
  if (filters.allianceId) conditions.push(eq(cohorts.allianceId, filters.allianceId))
  if (beforeId) conditions.push(lt(cohorts.id, beforeId))
  return cohortViewQuery(tx).where(and(...conditions)).orderBy(desc(cohorts.id)).limit(limit + 1).all()
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

export const findTrainee = (tx: DbOrTx, cohortId: string, traineeId: string): TraineeRow | undefined =>
  tx.select().from(trainees).where(and(eq(trainees.cohortId, cohortId), eq(trainees.id, traineeId))).get()

export const existingStudentNos = (tx: DbOrTx, cohortId: string, studentNos: string[]): string[] =>
  studentNos.length === 0
    ? []
    : tx.select({ studentNo: trainees.studentNo }).from(trainees)
      .where(and(eq(trainees.cohortId, cohortId), inArray(trainees.studentNo, studentNos))).all().map((r) => r.studentNo)

/** The roster in enrolment order, keyset over ids. */
export function listTrainees (tx: DbOrTx, cohortId: string, status: TraineeStatus | undefined, afterId: string | undefined, limit: number): TraineeRow[] {
  const conditions = [eq(trainees.cohortId, cohortId)]
  if (status) conditions.push(eq(trainees.status, status))
  if (afterId) conditions.push(gt(trainees.id, afterId))
  return tx.select().from(trainees).where(and(...conditions)).orderBy(asc(trainees.id)).limit(limit + 1).all()
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
