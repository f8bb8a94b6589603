// Who sees an alliance's targets: its coordinators and admins manage them, its active members read them, others do not see them.
import type { Executor } from '../../../db/executor.ts'
import { isAdmin, type Actor } from '../../lib/actor.ts'
import { notFound } from '../../lib/problems.ts'
import { isActiveMember, isCoordinatorOf, requireAlliance } from '../alliances/index.ts'

export type TargetsAccess = { allianceId: string, manages: boolean }

/** The alliance and whether the caller may set its targets; 404 for an unknown alliance or a caller outside it. */
export async function targetsAccess (ex: Executor, actor: Actor, code: string): Promise<TargetsAccess> {
  const alliance = await requireAlliance(ex, code)
  if (isAdmin(actor) || await isCoordinatorOf(ex, actor, alliance.id)) return { allianceId: alliance.id, manages: true }
  if (await isActiveMember(ex, actor.organizationId, alliance.id)) return { allianceId: alliance.id, manages: false }
  throw notFound('targets')
}
