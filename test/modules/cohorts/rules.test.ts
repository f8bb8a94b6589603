// Pure cohort rules without HTTP, and the roster recount agreeing with the counters kept by the routes.
import t from 'tap'
import { HttpProblem } from '../../../src/lib/problems.ts'
import { assertCanComplete, assertCanEnrol, assertCanFinishTrainee, assertCanHire, countersAfter, duplicatesIn, nextCohortStatus, stillEnrolled } from '../../../src/modules/cohorts/rules.ts'
import { recountRosters } from '../../../src/modules/cohorts/recount.ts'
import { cohorts } from '../../../db/schema/index.ts'
import { buildTestApp } from '../../helper.ts'
import { reportScenario } from '../../helpers/report-scenario.ts'

const statusOf = (fn: () => unknown) => {
  try { fn(); return 'ok' } catch (error) { return error instanceof HttpProblem ? `${error.status} ${error.code}` : 'other' }
}

await t.test('cohort transitions: only the ones in the lifecycle', async (t) => {
  const table = {
    planned: { start: 'in_training', complete: '409', cancel: 'cancelled' },
    in_training: { start: '409', complete: 'completed', cancel: 'cancelled' },
    completed: { start: '409', complete: '409', cancel: '409' },
    cancelled: { start: '409', complete: '409', cancel: '409' }
  } as const
  for (const [from, actions] of Object.entries(table)) {
    for (const [action, expected] of Object.entries(actions)) {
      const got = statusOf(() => nextCohortStatus(from as keyof typeof table, action as 'start'))
      if (expected === '409') t.equal(got, '409 invalid_state', `${action} from ${from}`)
      else t.equal(nextCohortStatus(from as keyof typeof table, action as 'start'), expected, `${action} from ${from}`)
    }
  }
  t.equal(statusOf(() => assertCanComplete(1)), '409 trainees_still_enrolled')
  t.equal(statusOf(() => assertCanComplete(0)), 'ok')
})

await t.test('enrolment limits and duplicates', async (t) => {
  t.equal(statusOf(() => assertCanEnrol({ status: 'planned', seats: 3, enrolledCount: 1 }, 2)), 'ok')
  t.equal(statusOf(() => assertCanEnrol({ status: 'in_training', seats: 3, enrolledCount: 1 }, 3)), '422 seats_exceeded')
  t.equal(statusOf(() => assertCanEnrol({ status: 'completed', seats: 3, enrolledCount: 0 }, 1)), '409 invalid_state')
  t.equal(statusOf(() => assertCanEnrol({ status: 'cancelled', seats: 3, enrolledCount: 0 }, 1)), '409 invalid_state')
  t.same(duplicatesIn(['a', 'b', 'a', 'c', 'b', 'a']), ['a', 'b'])
  t.same(duplicatesIn(['学号1', '学号2']), [])
})

await t.test('trainee changes and counters: hired stays counted as completed', async (t) => {
  t.equal(statusOf(() => assertCanFinishTrainee('in_training', 'enrolled', 'dropped')), 'ok')
  t.equal(statusOf(() => assertCanFinishTrainee('planned', 'enrolled', 'completed')), '409 invalid_state')
  t.equal(statusOf(() => assertCanFinishTrainee('in_training', 'dropped', 'completed')), '409 invalid_state')
  t.equal(statusOf(() => assertCanHire('completed')), 'ok')
  for (const s of ['enrolled', 'dropped', 'hired'] as const) t.equal(statusOf(() => assertCanHire(s)), '409 invalid_state', s)
  let c = { enrolledCount: 3, completedCount: 0, droppedCount: 0, hiredCount: 0 }
  c = countersAfter(c, 'enrolled', 'completed')
  c = countersAfter(c, 'enrolled', 'dropped')
  c = countersAfter(c, 'completed', 'hired')
  t.same(c, { enrolledCount: 3, completedCount: 1, droppedCount: 1, hiredCount: 1 })
  t.equal(stillEnrolled(c), 1)
  t.throws(() => countersAfter(c, 'hired', 'completed'))
})

await t.test('recountRosters rebuilds exactly the counters the routes kept', async (t) => {
  const app = await buildTestApp(t)
  await reportScenario(app)
  const before = await app.data.orm.select().from(cohorts).orderBy(cohorts.id).all()
  t.ok(before.some((c) => c.hiredCount > 0 && c.droppedCount > 0), 'the scenario has hires and dropouts')
  await app.data.orm.update(cohorts).set({ enrolledCount: 0, completedCount: 0, droppedCount: 0, hiredCount: 0 })
  await app.data.write((tx) => recountRosters(tx))
  t.same(await app.data.orm.select().from(cohorts).orderBy(cohorts.id).all(), before)
})
