// Pure cohort and roster rules: lifecycle transitions, seat limits, trainee status changes.
import type { CohortStatus, TraineeStatus } from '../../../db/schema/index.ts'
import { conflict, ruleViolation } from '../../lib/problems.ts'

export type CohortAction = 'start' | 'complete' | 'cancel'

const transitions: Record<CohortAction, { from: CohortStatus[], to: CohortStatus }> = {
  start: { from: ['planned'], to: 'in_training' },
  complete: { from: ['in_training'], to: 'completed' },
  cancel: { from: ['planned', 'in_training'], to: 'cancelled' }
}

/** The status a cohort moves to; 409 when the action is not allowed from its current status. */
export function nextCohortStatus (status: CohortStatus, action: CohortAction): CohortStatus {
  const rule = transitions[action]
  if (!rule.from.includes(status)) throw conflict(`cannot ${action} a cohort that is ${status}`, 'invalid_state')
  return rule.to
}

/** A cohort completes only once nobody on its roster is still enrolled. */
export function assertCanComplete (stillEnrolled: number): void {
  if (stillEnrolled > 0) throw conflict(`${stillEnrolled} trainee(s) still enrolled: mark each completed or dropped first`, 'trainees_still_enrolled')
}

/** Trainees are enrolled while the cohort is planned or in training, never past its seats. */
export function assertCanEnrol (cohort: { status: CohortStatus, seats: number, enrolledCount: number }, adding: number): void {
  if (cohort.status !== 'planned' && cohort.status !== 'in_training') throw conflict(`cannot enrol trainees in a ${cohort.status} cohort`, 'invalid_state')
  const left = cohort.seats - cohort.enrolledCount
  if (adding > left) throw ruleViolation(`the cohort has ${left} seat(s) left of ${cohort.seats}; ${adding} requested`, 'seats_exceeded')
}

/**
 * A cohort starts on or after its startDate (UTC calendar day), or earlier only when the college says so
 * (`early: true`): a start weeks ahead is more often a slip than a plan.
 */
export function assertStartNotEarly (startDate: string, at: Date, early: boolean): void {
  const today = at.toISOString().slice(0, 10)
  if (today < startDate && !early) throw conflict(`the cohort is planned to start on ${startDate}; send {"early": true} to start it now`, 'too_early')
}

/**
 * A cohort starts once the standstill after its match's approval is over (`standstillUntil`: null for matches approved
 * before standstills existed) and no complaint on the match is pending: both a 409 `standstill`.
 */
export function assertStandstillOver (standstill: { standstillUntil: string | null, pendingComplaints: number }, at: Date): void {
  if (standstill.pendingComplaints > 0) throw conflict("a complaint on this cohort's match is pending; the cohort starts once the coordinator has decided it", 'standstill')
  const until = standstill.standstillUntil
  if (!isStandstillOver(until, at)) throw conflict(`other bidders may complain about the award until ${until}; the cohort starts after that`, 'standstill')
}

/** The standstill is over at `standstillUntil` (null: approved before standstills existed, so there is none); complaints close then. */
export const isStandstillOver = (standstillUntil: string | null, at: Date) =>
  standstillUntil === null || at.getTime() >= new Date(standstillUntil).getTime()

/** The form a studentNo is compared and stored in: NFKC, so full-width ＳＮ０１ and SN01 are one number. */
export const normalizeStudentNo = (studentNo: string) => studentNo.normalize('NFKC')

/** studentNo values that occur more than once in one batch. */
export function duplicatesIn (studentNos: string[]): string[] {
  const seen = new Set<string>()
  const dups = new Set<string>()
  for (const no of studentNos) (seen.has(no) ? dups : seen).add(no)
  return [...dups]
}

/** A trainee is marked completed or dropped only from enrolled, while the cohort is in training. */
export function assertCanFinishTrainee (cohortStatus: CohortStatus, traineeStatus: TraineeStatus, target: 'completed' | 'dropped'): void {
  if (cohortStatus !== 'in_training') throw conflict(`trainees are marked ${target} only while the cohort is in training; it is ${cohortStatus}`, 'invalid_state')
  if (traineeStatus !== 'enrolled') throw conflict(`the trainee is already ${traineeStatus}`, 'invalid_state')
}

/** Only a completed trainee is hired. */
export function assertCanHire (traineeStatus: TraineeStatus): void {
  if (traineeStatus !== 'completed') throw conflict(`only a completed trainee can be hired; this one is ${traineeStatus}`, 'invalid_state')
}

export type RosterCounters = { enrolledCount: number, completedCount: number, droppedCount: number, hiredCount: number }

export type MovedCounter = 'completedCount' | 'droppedCount' | 'hiredCount'

/** The one counter a trainee's move adds to (completed stays counted when hired). */
export function counterMoved (from: TraineeStatus, to: TraineeStatus): MovedCounter {
  if (from === 'enrolled' && to === 'completed') return 'completedCount'
  if (from === 'enrolled' && to === 'dropped') return 'droppedCount'
  if (from === 'completed' && to === 'hired') return 'hiredCount'
  throw new Error(`no counter rule for ${from} → ${to}`)
}

/** The roster counters after one trainee moves between statuses. */
export function countersAfter (counters: RosterCounters, from: TraineeStatus, to: TraineeStatus): RosterCounters {
  const counter = counterMoved(from, to)
  return { ...counters, [counter]: counters[counter] + 1 }
}

export const stillEnrolled = (c: RosterCounters) => c.enrolledCount - c.completedCount - c.droppedCount
