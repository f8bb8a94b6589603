// Cohort and roster changes: each one check-then-write transaction that also keeps counters and records events.
import { and, eq, sql } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { cohorts, trainees, type CohortStatus } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, notFound } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { addToCollegeRecord, completedCohortDelta, syncCommitments } from '../../../db/figures/college-figures.ts'
import { addHireToEnterpriseRecord, countOrderIfEnded } from '../../../db/figures/enterprise-figures.ts'
import { assertCollege, assertEnterprise, requireVisibleCohort } from './access.ts'
import { existingStudentNos, findCohort, findMatchStandstill, findTrainee, lockOrderRow, type CohortRow, type TraineeRow } from './repository.ts'
import {
  assertCanComplete, assertCanEnrol, assertStartNotEarly, assertStandstillOver, assertCanFinishTrainee, assertCanHire, counterMoved, duplicatesIn,
  nextCohortStatus, normalizeStudentNo, stillEnrolled, type CohortAction, type MovedCounter
} from './rules.ts'

type TraineeInput = { name: string, studentNo: string }

const cohortEvent = (tx: Executor, cohort: CohortRow, type: string, actor: Actor, at: Date, data: Record<string, unknown>) =>
  recordEvent(tx, { type, subjectType: 'cohort', subjectId: cohort.id, orderId: cohort.orderId, allianceId: cohort.allianceId, actor, at, data })

// Trainee events name the trainee by id and studentNo, never by name: the event log is permanent.
const traineeEvent = (tx: Executor, cohort: CohortRow, trainee: { id: string, studentNo: string }, type: string, actor: Actor, at: Date, data: Record<string, unknown> = {}) =>
  recordEvent(tx, { type, subjectType: 'trainee', subjectId: trainee.id, orderId: cohort.orderId, allianceId: cohort.allianceId, actor, at, data: { cohortId: cohort.id, studentNo: trainee.studentNo, ...data } })

// Counters move in SQL (never read into JS and written back). Each roster change updates the cohort row
// before any trainee row, so on PostgreSQL its row lock orders concurrent changes of one roster.
const ENROL = `update cohorts set enrolled_count = enrolled_count + cast(@adding as integer), updated_at = @now
  where id = @id and status in ('planned', 'in_training') and enrolled_count + cast(@adding as integer) <= seats`

// Each returns the cohort's status and college after the move: a hire in a completed cohort adds to its college's record.
const BUMP: Record<MovedCounter, string> = {
  completedCount: "update cohorts set completed_count = completed_count + 1, updated_at = @now where id = @id and status = 'in_training' returning status, college_id as \"collegeId\"",
  droppedCount: "update cohorts set dropped_count = dropped_count + 1, updated_at = @now where id = @id and status = 'in_training' returning status, college_id as \"collegeId\"",
  hiredCount: 'update cohorts set hired_count = hired_count + 1, updated_at = @now where id = @id returning status, college_id as "collegeId"'
}

/** Enrols the whole batch or nothing; never past the cohort's seats, studentNo unique in the cohort. */
export async function enrolTrainees (data: DataLayer, actor: Actor, cohortId: string, batch: TraineeInput[], at: Date): Promise<TraineeRow[]> {
  const now = at.toISOString()
  return await data.write(async (tx) => {
    const { cohort, relation } = await requireVisibleCohort(tx, actor, cohortId)
    assertCollege(relation)
    assertCanEnrol(cohort, batch.length)
    const studentNos = batch.map((t) => normalizeStudentNo(t.studentNo))
    const repeated = duplicatesIn(studentNos)
    if (repeated.length > 0) throw conflict(`studentNo repeated in the request: ${repeated.slice(0, 10).join(', ')}`, 'duplicate_student_no')
    const seated = await tx.run(ENROL, { adding: batch.length, now, id: cohort.id })
    if (seated.changes !== 1) {
      const current = await findCohort(tx, cohort.id)
      if (current) assertCanEnrol(current, batch.length)
      throw conflict('the roster changed meanwhile; retry')
    }
    // After the cohort row is held: a batch enrolled meanwhile has committed and is seen here.
    const taken = await existingStudentNos(tx, cohort.id, studentNos)
    if (taken.length > 0) throw conflict(`studentNo already enrolled in this cohort: ${taken.slice(0, 10).join(', ')}`, 'duplicate_student_no')
    const rows: TraineeRow[] = batch.map((t, i) => ({
      id: newId(at.getTime()), cohortId: cohort.id, name: t.name.trim(), studentNo: studentNos[i]!, status: 'enrolled',
      createdAt: now, updatedAt: now, completedAt: null, droppedAt: null, hiredAt: null
    }))
    for (let i = 0; i < rows.length; i += 100) await tx.orm.insert(trainees).values(rows.slice(i, i + 100))
    for (const row of rows) await traineeEvent(tx, cohort, row, 'trainee.enrolled', actor, at)
    return rows
  })
}

const actionEvents: Record<CohortAction, string> = { start: 'cohort.started', complete: 'cohort.completed', cancel: 'cohort.cancelled' }

/**
 * start, complete or cancel (the cohort's college); complete needs nobody still enrolled; start before the
 * startDate needs `early` (the event then says so), and waits for the standstill of its match and every pending
 * complaint on it (409 `standstill`).
 */
export async function changeCohortStatus (data: DataLayer, actor: Actor, cohortId: string, action: CohortAction, at: Date, reason?: string, early = false): Promise<void> {
  const now = at.toISOString()
  await data.write(async (tx) => {
    const { cohort, relation } = await requireVisibleCohort(tx, actor, cohortId)
    assertCollege(relation)
    const status: CohortStatus = nextCohortStatus(cohort.status, action)
    if (action === 'complete') assertCanComplete(stillEnrolled(cohort))
    if (action === 'start') assertStartNotEarly(cohort.startDate, at, early)
    // With the order's row held: a complaint filed or decided meanwhile has committed and is seen here, and so has any
    // other cohort of the order that ended (the last one to end counts the order in its enterprise's record).
    await lockOrderRow(tx, cohort.orderId)
    if (action === 'start') assertStandstillOver(await findMatchStandstill(tx, cohort.matchId), at)
    const changes: Partial<CohortRow> = { status, updatedAt: now }
    if (action === 'start') changes.startedAt = now
    if (action === 'complete') changes.completedAt = now
    if (action === 'cancel') Object.assign(changes, { cancelledAt: now, cancelReason: reason ?? null })
    // Complete re-checks in the update itself that nobody was enrolled meanwhile.
    const nobodyEnrolled = action === 'complete' ? sql`${cohorts.enrolledCount} = ${cohorts.completedCount} + ${cohorts.droppedCount}` : undefined
    // The counters as the update left them (the row is locked from here on): what a completed cohort adds to its college's record.
    const updated = await tx.orm.update(cohorts).set(changes)
      .where(and(eq(cohorts.id, cohort.id), eq(cohorts.status, cohort.status), nobodyEnrolled))
      .returning({ collegeId: cohorts.collegeId, enrolledCount: cohorts.enrolledCount, completedCount: cohorts.completedCount, hiredCount: cohorts.hiredCount })
    if (updated.length !== 1) throw conflict('the cohort changed meanwhile; retry')
    await syncCommitments(tx, [cohort.id])
    if (status === 'completed') await addToCollegeRecord(tx, updated[0]!.collegeId, completedCohortDelta(updated[0]!))
    if (action !== 'start') await countOrderIfEnded(tx, cohort.orderId)
    const eventData: Record<string, unknown> = { from: cohort.status, to: status }
    if (action === 'cancel') eventData['reason'] = reason
    if (action === 'start' && now.slice(0, 10) < cohort.startDate) Object.assign(eventData, { early: true, plannedStartDate: cohort.startDate })
    if (action === 'complete') Object.assign(eventData, { enrolled: cohort.enrolledCount, completed: cohort.completedCount, dropped: cohort.droppedCount })
    await cohortEvent(tx, cohort, actionEvents[action], actor, at, eventData)
  })
}

/**
 * Cancels the planned cohort of a match whose approval a complaint has revoked, inside the caller's transaction (which
 * holds the order's row, so no start runs meanwhile). A cohort in training or completed is a 409 `cohort_started`; one
 * already cancelled stays as it is. Returns the id of the cohort it cancelled, or null.
 */
export async function cancelCohortOfRevokedMatch (tx: Executor, matchId: string, reason: string, actor: Actor, at: Date): Promise<string | null> {
  const cohort = await tx.orm.select().from(cohorts).where(eq(cohorts.matchId, matchId)).get()
  if (!cohort || cohort.status === 'cancelled') return null
  const started = () => conflict(`the match's cohort is ${cohort.status}; an approval is revoked only before its training starts`, 'cohort_started')
  if (cohort.status !== 'planned') throw started()
  const now = at.toISOString()
  const updated = await tx.orm.update(cohorts).set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
    .where(and(eq(cohorts.id, cohort.id), eq(cohorts.status, 'planned'))).returning({ id: cohorts.id })
  if (updated.length !== 1) {
    // The college cancelled it meanwhile (nothing else changes a planned cohort without the order's row).
    if ((await findCohort(tx, cohort.id))?.status === 'cancelled') return null
    throw started()
  }
  await syncCommitments(tx, [cohort.id])
  await cohortEvent(tx, cohort, 'cohort.cancelled', actor, at, { from: 'planned', to: 'cancelled', reason, by: 'complaint_upheld' })
  return cohort.id
}

type TraineeTarget = 'completed' | 'dropped' | 'hired'

/**
 * One trainee's move inside the caller's transaction: the cohort's counter (an SQL increment), the guarded
 * trainee update and the event a single update records. Returns the trainee as stored.
 */
export async function applyTraineeStatus (tx: Executor, cohort: CohortRow, trainee: TraineeRow, target: TraineeTarget, actor: Actor, at: Date): Promise<TraineeRow> {
  const now = at.toISOString()
  const counted = await tx.all<{ status: CohortStatus, collegeId: string }>(BUMP[counterMoved(trainee.status, target)], { now, id: cohort.id })
  if (counted.length !== 1) throw conflict('the cohort changed meanwhile; retry')
  const cohortNow = counted[0]!
  if (target === 'hired' && cohortNow.status === 'completed') await addToCollegeRecord(tx, cohortNow.collegeId, { hired: 1 })
  // A hire from an ended cohort counts for its order's enterprise once the order is counted; the order's row orders it
  // against the transaction that ends the order's last cohort (which sums the hires with that row held).
  if (target === 'hired' && (cohortNow.status === 'completed' || cohortNow.status === 'cancelled')) {
    await lockOrderRow(tx, cohort.orderId)
    await addHireToEnterpriseRecord(tx, cohort.orderId)
  }
  const stamp = target === 'completed' ? { completedAt: now } : target === 'dropped' ? { droppedAt: now } : { hiredAt: now }
  const updated = await tx.orm.update(trainees).set({ status: target, updatedAt: now, ...stamp })
    .where(and(eq(trainees.id, trainee.id), eq(trainees.status, trainee.status))).returning({ id: trainees.id })
  if (updated.length !== 1) throw conflict('the trainee changed meanwhile; retry')
  await traineeEvent(tx, cohort, trainee, `trainee.${target}`, actor, at, { from: trainee.status, to: target, traineeId: trainee.id })
  return { ...trainee, status: target, updatedAt: now, ...stamp }
}

/** Moves one trainee to completed, dropped (the college, in training) or hired (the enterprise), keeping the counters. */
export async function changeTraineeStatus (data: DataLayer, actor: Actor, cohortId: string, traineeId: string, target: TraineeTarget, at: Date): Promise<TraineeRow> {
  return await data.write(async (tx) => {
    const { cohort, relation } = await requireVisibleCohort(tx, actor, cohortId)
    if (target === 'hired') assertEnterprise(relation)
    else assertCollege(relation)
    const trainee = await findTrainee(tx, cohort.id, traineeId)
    if (!trainee) throw notFound('trainee')
    if (target === 'hired') assertCanHire(trainee.status)
    else assertCanFinishTrainee(cohort.status, trainee.status, target)
    return await applyTraineeStatus(tx, cohort, trainee, target, actor, at)
  })
}
