// college_commitments and college_records: kept by the cohort writers in their transaction (commitments per cohort row, records by deltas).
import { inArray } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { cohorts, type CohortStatus } from '../schema/index.ts'

/** Cohorts that commit their seats: planned and in training. */
export const COMMITTING: readonly CohortStatus[] = ['planned', 'in_training']

/** The day a cohort ends: its start date plus 7 days a week, in UTC calendar days (`YYYY-MM-DD`). */
export function commitmentEnd (startDate: string, durationWeeks: number): string {
  const end = new Date(`${startDate}T00:00:00.000Z`)
  end.setUTCDate(end.getUTCDate() + 7 * durationWeeks)
  return end.toISOString().slice(0, 10)
}

export type CommitmentSource = Pick<typeof cohorts.$inferSelect, 'id' | 'collegeId' | 'status' | 'seats' | 'startDate' | 'durationWeeks'>
export type CommitmentRow = { cohortId: string, collegeId: string, seats: number, startDate: string, endDate: string }

/** The commitment a cohort makes, or undefined once it no longer commits seats. */
export function buildCommitment (cohort: CommitmentSource): CommitmentRow | undefined {
  if (!COMMITTING.includes(cohort.status)) return undefined
  return { cohortId: cohort.id, collegeId: cohort.collegeId, seats: cohort.seats, startDate: cohort.startDate, endDate: commitmentEnd(cohort.startDate, cohort.durationWeeks) }
}

const UPSERT_COMMITMENT = `insert into college_commitments (cohort_id, college_id, seats, start_date, end_date)
  values (@cohortId, @collegeId, @seats, @startDate, @endDate)
  on conflict (cohort_id) do update set college_id = excluded.college_id, seats = excluded.seats,
    start_date = excluded.start_date, end_date = excluded.end_date`

const CHUNK = 500

/** The cohort rows a commitment is built from. */
export async function commitmentSources (ex: Executor, cohortIds: readonly string[]): Promise<CommitmentSource[]> {
  const found: CommitmentSource[] = []
  for (let i = 0; i < cohortIds.length; i += CHUNK) {
    found.push(...await ex.orm.select({
      id: cohorts.id, collegeId: cohorts.collegeId, status: cohorts.status, seats: cohorts.seats, startDate: cohorts.startDate, durationWeeks: cohorts.durationWeeks
    }).from(cohorts).where(inArray(cohorts.id, cohortIds.slice(i, i + CHUNK))).all())
  }
  return found
}

/**
 * Rewrites the commitments of these cohorts from their rows: upserted while planned or in training, deleted
 * otherwise (and for a cohort that no longer exists). Call it after any write of a cohort's status, seats,
 * dates or college, in that transaction (the cohort row it just wrote is locked, so the row read here is current).
 */
export async function syncCommitments (tx: Executor, cohortIds: readonly string[]): Promise<void> {
  const ids = [...new Set(cohortIds)]
  if (ids.length === 0) return
  const found = await commitmentSources(tx, ids)
  const live = new Set<string>()
  for (const cohort of found) {
    const row = buildCommitment(cohort)
    if (!row) continue
    live.add(row.cohortId)
    await tx.run(UPSERT_COMMITMENT, row)
  }
  const ended = ids.filter((id) => !live.has(id))
  for (let i = 0; i < ended.length; i += CHUNK) {
    const chunk = ended.slice(i, i + CHUNK)
    await tx.run(`delete from college_commitments where cohort_id in (${chunk.map(() => '?').join(', ')})`, chunk)
  }
}

/** A change of a college's track record: completed cohorts and their trainees enrolled, completed and hired. */
export type RecordDelta = { cohorts?: number, enrolled?: number, completed?: number, hired?: number }

// An increment of the stored row (the first one inserts it). Never read, summed in JS and written back: on PostgreSQL
// two transactions completing cohorts of one college would each miss the other's uncommitted change; the row lock
// of the upsert makes the second wait and add to what the first stored.
const ADD_TO_RECORD = `insert into college_records (college_id, cohorts_completed, trainees_enrolled, trainees_completed, trainees_hired)
  values (@collegeId, @cohorts, @enrolled, @completed, @hired)
  on conflict (college_id) do update set
    cohorts_completed = college_records.cohorts_completed + excluded.cohorts_completed,
    trainees_enrolled = college_records.trainees_enrolled + excluded.trainees_enrolled,
    trainees_completed = college_records.trainees_completed + excluded.trainees_completed,
    trainees_hired = college_records.trainees_hired + excluded.trainees_hired`

/**
 * Adds to the college's record: when a cohort completes (one cohort and its counters as the completing update
 * returned them), and when a completed cohort's counters move (a trainee hired afterwards).
 */
export async function addToCollegeRecord (tx: Executor, collegeId: string, delta: RecordDelta): Promise<void> {
  await tx.run(ADD_TO_RECORD, {
    collegeId, cohorts: delta.cohorts ?? 0, enrolled: delta.enrolled ?? 0, completed: delta.completed ?? 0, hired: delta.hired ?? 0
  })
}

/** The record one completed cohort contributes. */
export const completedCohortDelta = (cohort: { enrolledCount: number, completedCount: number, hiredCount: number }): RecordDelta =>
  ({ cohorts: 1, enrolled: cohort.enrolledCount, completed: cohort.completedCount, hired: cohort.hiredCount })

/**
 * Recomputes every college's record from its completed cohorts, for a bulk load or a recount of the roster
 * counters (a repair, in one write transaction while no cohort completes; the routes only add deltas).
 */
export async function rebuildCollegeRecords (tx: Executor): Promise<void> {
  await tx.run('delete from college_records')
  await tx.run(`insert into college_records (college_id, cohorts_completed, trainees_enrolled, trainees_completed, trainees_hired)
    select college_id, count(*), sum(enrolled_count), sum(completed_count), sum(hired_count) from cohorts where status = 'completed' group by college_id`)
}
