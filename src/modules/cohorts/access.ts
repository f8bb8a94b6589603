// Who may see a cohort, read its roster, and act on it (throws 404 for outsiders, 403 for onlookers).
import type { Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { isCoordinatorOf } from '../alliances/index.ts'
import { findCohortView, type CohortRow, type CohortView } from './repository.ts'

/** The caller's part in a cohort, or null when the cohort is none of its business. */
export type CohortRelation = 'college' | 'enterprise' | 'coordinator' | 'admin' | null

export async function relationTo (ex: Executor, actor: Actor, cohort: CohortRow): Promise<CohortRelation> {
  if (actor.organizationId !== null && actor.organizationId === cohort.collegeId) return 'college'
  if (actor.organizationId !== null && actor.organizationId === cohort.enterpriseId) return 'enterprise'
  if (await isCoordinatorOf(ex, actor, cohort.allianceId)) return 'coordinator'
  if (actor.role === 'admin') return 'admin'
  return null
}

/** The cohort with its relation to the caller; 404 when the caller may not know it exists. */
export async function requireVisibleCohort (ex: Executor, actor: Actor, id: string): Promise<CohortView & { relation: Exclude<CohortRelation, null> }> {
  const view = await findCohortView(ex, id)
  const relation = view ? await relationTo(ex, actor, view.cohort) : null
  if (!view || relation === null) throw notFound('cohort')
  return { ...view, relation }
}

/** Rosters hold personal data: the cohort's college, its enterprise and the alliance's coordinators read them; admins do not. */
export function assertRosterReader (relation: CohortRelation): void {
  if (relation !== 'college' && relation !== 'enterprise' && relation !== 'coordinator') {
    throw forbidden("a roster is visible to the cohort's college, its enterprise and the alliance's coordinators only")
  }
}

export function assertCollege (relation: CohortRelation): void {
  if (relation !== 'college') throw forbidden("only the cohort's college runs the cohort and its roster")
}

export function assertEnterprise (relation: CohortRelation): void {
  if (relation !== 'enterprise') throw forbidden("only the order's enterprise hires its trainees")
}
