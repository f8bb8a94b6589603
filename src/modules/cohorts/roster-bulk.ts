// Bulk roster outcomes: many trainees marked completed or dropped in one transaction, all or nothing.
import type { DataLayer } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { HttpProblem, ruleViolation } from '../../lib/problems.ts'
import { assertCollege, requireVisibleCohort } from './access.ts'
import { findTrainees, type TraineeRow } from './repository.ts'
import { assertCanFinishTrainee, duplicatesIn } from './rules.ts'
import { applyTraineeStatus } from './service.ts'

export type RosterUpdate = { traineeId: string, status: 'completed' | 'dropped' }

/** Names the entry that failed, so a client can point at the row; status and code stay the single update's. */
function atEntry (problem: unknown, index: number): unknown {
  if (!(problem instanceof HttpProblem)) return problem
  return new HttpProblem(problem.status, problem.code, `updates/${index}: ${problem.message}`, {
    errors: [{ path: `/updates/${index}/traineeId`, message: problem.message }]
  })
}

/**
 * Applies every update or none (the cohort's college, while in training). Each entry follows the rules of
 * PATCH /cohorts/{id}/trainees/{tid} and records the same event; the first bad entry aborts the whole batch.
 */
export async function changeTraineeStatuses (data: DataLayer, actor: Actor, cohortId: string, updates: RosterUpdate[], at: Date): Promise<TraineeRow[]> {
  const repeated = duplicatesIn(updates.map((u) => u.traineeId))
  if (repeated.length > 0) {
    throw ruleViolation(`a trainee appears more than once: ${repeated.slice(0, 10).join(', ')}`, 'duplicate_trainee',
      updates.flatMap((u, i) => repeated.includes(u.traineeId) ? [{ path: `/updates/${i}/traineeId`, message: 'repeated' }] : []))
  }
  return await data.write(async (tx) => {
    const { cohort, relation } = await requireVisibleCohort(tx, actor, cohortId)
    assertCollege(relation)
    const byId = new Map((await findTrainees(tx, cohort.id, updates.map((u) => u.traineeId))).map((row) => [row.id, row]))
    const rows: TraineeRow[] = []
    for (const [index, update] of updates.entries()) {
      try {
        const trainee = byId.get(update.traineeId)
        if (!trainee) throw new HttpProblem(404, 'not_found', 'trainee not found')
        assertCanFinishTrainee(cohort.status, trainee.status, update.status)
        rows.push(await applyTraineeStatus(tx, cohort, trainee, update.status, actor, at))
      } catch (problem) {
        throw atEntry(problem, index)
      }
    }
    return rows
  })
}
