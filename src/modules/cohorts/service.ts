// Cohort and roster changes: each one check-then-write transaction that also keeps counters and records events.
import { and, eq } from 'drizzle-orm'
import type { Database, Transaction } from '../../../db/client.ts'
import { cohorts, trainees, type CohortStatus } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, notFound } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { assertCollege, assertEnterprise, requireVisibleCohort } from './access.ts'
import { existingStudentNos, findTrainee, type CohortRow, type TraineeRow } from './repository.ts'
import {
  assertCanComplete, assertCanEnrol, assertStartNotEarly, assertCanFinishTrainee, assertCanHire, countersAfter, duplicatesIn,
  nextCohortStatus, normalizeStudentNo, stillEnrolled, type CohortAction, type RosterCounters
} from './rules.ts'

type TraineeInput = { name: string, studentNo: string }

const cohortEvent = (tx: Transaction, cohort: CohortRow, type: string, actor: Actor, at: Date, data: Record<string, unknown>) =>
  recordEvent(tx, { type, subjectType: 'cohort', subjectId: cohort.id, orderId: cohort.orderId, allianceId: cohort.allianceId, actor, at, data })

// Trainee events name the trainee by id and studentNo, never by name: the event log is permanent.
const traineeEvent = (tx: Transaction, cohort: CohortRow, trainee: { id: string, studentNo: string }, type: string, actor: Actor, at: Date, data: Record<string, unknown> = {}) =>
  recordEvent(tx, { type, subjectType: 'trainee', subjectId: trainee.id, orderId: cohort.orderId, allianceId: cohort.allianceId, actor, at, data: { cohortId: cohort.id, studentNo: trainee.studentNo, ...data } })

/** Enrols the whole batch or nothing; never past the cohort's seats, studentNo unique in the cohort. */
export function enrolTrainees (db: Database, actor: Actor, cohortId: string, batch: TraineeInput[], at: Date): TraineeRow[] {
  const now = at.toISOString()
  return db.transaction((tx) => {
    const { cohort, relation } = requireVisibleCohort(tx, actor, cohortId)
    assertCollege(relation)
    assertCanEnrol(cohort, batch.length)
    const studentNos = batch.map((t) => normalizeStudentNo(t.studentNo))
    const repeated = duplicatesIn(studentNos)
    if (repeated.length > 0) throw conflict(`studentNo repeated in the request: ${repeated.slice(0, 10).join(', ')}`, 'duplicate_student_no')
    const taken = existingStudentNos(tx, cohort.id, studentNos)
    if (taken.length > 0) throw conflict(`studentNo already enrolled in this cohort: ${taken.slice(0, 10).join(', ')}`, 'duplicate_student_no')
    const rows: TraineeRow[] = batch.map((t, i) => ({
      id: newId(at.getTime()), cohortId: cohort.id, name: t.name.trim(), studentNo: studentNos[i]!, status: 'enrolled',
      createdAt: now, updatedAt: now, completedAt: null, droppedAt: null, hiredAt: null
    }))
    for (let i = 0; i < rows.length; i += 100) tx.insert(trainees).values(rows.slice(i, i + 100)).run()
    const updated = tx.update(cohorts).set({ enrolledCount: cohort.enrolledCount + rows.length, updatedAt: now })
      .where(and(eq(cohorts.id, cohort.id), eq(cohorts.enrolledCount, cohort.enrolledCount))).run()
    if (updated.changes !== 1) throw conflict('the roster changed meanwhile; retry')
    for (const row of rows) traineeEvent(tx, cohort, row, 'trainee.enrolled', actor, at)
    return rows
  }, { behavior: 'immediate' })
}

const actionEvents: Record<CohortAction, string> = { start: 'cohort.started', complete: 'cohort.completed', cancel: 'cohort.cancelled' }

/**
 * start, complete or cancel (the cohort's college); complete needs nobody still enrolled; start before the
 * startDate needs `early` (the event then says so).
 */
export function changeCohortStatus (db: Database, actor: Actor, cohortId: string, action: CohortAction, at: Date, reason?: string, early = false): void {
  const now = at.toISOString()
  db.transaction((tx) => {
    const { cohort, relation } = requireVisibleCohort(tx, actor, cohortId)
    assertCollege(relation)
    const status: CohortStatus = nextCohortStatus(cohort.status, action)
    if (action === 'complete') assertCanComplete(stillEnrolled(cohort))
    if (action === 'start') assertStartNotEarly(cohort.startDate, at, early)
    const changes: Partial<CohortRow> = { status, updatedAt: now }
    if (action === 'start') changes.startedAt = now
    if (action === 'complete') changes.completedAt = now
    if (action === 'cancel') Object.assign(changes, { cancelledAt: now, cancelReason: reason ?? null })
    const updated = tx.update(cohorts).set(changes).where(and(eq(cohorts.id, cohort.id), eq(cohorts.status, cohort.status))).run()
    if (updated.changes !== 1) throw conflict('the cohort changed meanwhile; retry')
    const data: Record<string, unknown> = { from: cohort.status, to: status }
    if (action === 'cancel') data['reason'] = reason
    if (action === 'start' && now.slice(0, 10) < cohort.startDate) Object.assign(data, { early: true, plannedStartDate: cohort.startDate })
    if (action === 'complete') Object.assign(data, { enrolled: cohort.enrolledCount, completed: cohort.completedCount, dropped: cohort.droppedCount })
    cohortEvent(tx, cohort, actionEvents[action], actor, at, data)
  }, { behavior: 'immediate' })
}

type TraineeTarget = 'completed' | 'dropped' | 'hired'

/**
 * One trainee's move inside the caller's transaction: the guarded update, the cohort's counters (from
 * `counters`, so a batch can chain them) and the event a single update records. Returns the new counters.
 */
export function applyTraineeStatus (tx: Transaction, cohort: CohortRow, counters: RosterCounters, trainee: TraineeRow, target: TraineeTarget, actor: Actor, at: Date): { row: TraineeRow, counters: RosterCounters } {
  const now = at.toISOString()
  const stamp = target === 'completed' ? { completedAt: now } : target === 'dropped' ? { droppedAt: now } : { hiredAt: now }
  const updated = tx.update(trainees).set({ status: target, updatedAt: now, ...stamp })
    .where(and(eq(trainees.id, trainee.id), eq(trainees.status, trainee.status))).run()
  if (updated.changes !== 1) throw conflict('the trainee changed meanwhile; retry')
  const next = countersAfter(counters, trainee.status, target)
  tx.update(cohorts).set({ ...next, updatedAt: now }).where(eq(cohorts.id, cohort.id)).run()
  traineeEvent(tx, cohort, trainee, `trainee.${target}`, actor, at, { from: trainee.status, to: target, traineeId: trainee.id })
  return { row: { ...trainee, status: target, updatedAt: now, ...stamp }, counters: next }
}

/** Moves one trainee to completed, dropped (the college, in training) or hired (the enterprise), keeping the counters. */
export function changeTraineeStatus (db: Database, actor: Actor, cohortId: string, traineeId: string, target: TraineeTarget, at: Date): TraineeRow {
  return db.transaction((tx) => {
    const { cohort, relation } = requireVisibleCohort(tx, actor, cohortId)
    if (target === 'hired') assertEnterprise(relation)
    else assertCollege(relation)
    const trainee = findTrainee(tx, cohort.id, traineeId)
    if (!trainee) throw notFound('trainee')
    if (target === 'hired') assertCanHire(trainee.status)
    else assertCanFinishTrainee(cohort.status, trainee.status, target)
    return applyTraineeStatus(tx, cohort, cohort, trainee, target, actor, at).row
  }, { behavior: 'immediate' })
}
