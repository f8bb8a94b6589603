// Who may see a cohort, read its roster, and act on it (throws 404 for outsiders, 403 for onlookers).
import type { DbOrTx } from '../../../db/client.ts'
import type { Actor } from '../../lib/actor.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { isCoordinatorOf } from '../alliances/index.ts'
import { findCohortView, type CohortRow, type CohortView } from './repository.ts'

/** The caller's part in a cohort, or null when the cohort is none of its business. */
export type CohortRelation = 'college' | 'enterprise' | 'coordinator' | 'admin' | null

export function relationTo (tx: DbOrTx, actor: Actor, cohort: CohortRow): CohortRelation {
  if (actor.organizationId !== null && actor.organizationId === cohort.collegeId) return 'college'
  if (actor.organizationId !== null && actor.organizationId === cohort.enterpriseId) return 'enterprise'
  if (isCoordinatorOf(tx, actor, cohort.allianceId)) return 'coordinator'
  if (actor.role === 'admin') return 'admin'
  return null
}

/** The cohort with its relation to the caller; 404 when the caller may not know it exists. */
export function requireVisibleCohort (tx: DbOrTx, actor: Actor, id: string): CohortView & { relation: Exclude<CohortRelation, null> } {
  const view = findCohortView(tx, id)
  const relation = view ? relationTo(tx, actor, view.cohort) : null
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
