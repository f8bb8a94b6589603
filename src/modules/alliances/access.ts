// Alliance-scoped access facts: which alliances a coordinator serves, whether an organization is an active member.
import { and, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { alliances, coordinatorAlliances, memberships } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { notFound } from '../../lib/problems.ts'

export type AllianceRow = typeof alliances.$inferSelect

// Raw texts for the lookups every order write makes: drizzle's builder costs more than the indexed read itself.
const ALLIANCE_BY_CODE = 'select id, code, name, name_zh as "nameZh", description, created_at as "createdAt" from alliances where code = @code'
const ACTIVE_MEMBERSHIP = 'select id from memberships where organization_id = @organizationId and alliance_id = @allianceId and status = @status'

export const findAllianceByCode = async (ex: Executor, code: string): Promise<AllianceRow | undefined> =>
  await ex.get<AllianceRow>(ALLIANCE_BY_CODE, { code })

export async function requireAlliance (ex: Executor, code: string): Promise<AllianceRow> {
  const alliance = await findAllianceByCode(ex, code)
  if (!alliance) throw notFound('alliance')
  return alliance
}

export async function coordinatorAllianceIds (ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.orm.select({ id: coordinatorAlliances.allianceId }).from(coordinatorAlliances)
    .where(eq(coordinatorAlliances.userId, userId)).all()
  return rows.map((r) => r.id)
}

export async function isCoordinatorOf (ex: Executor, actor: Actor, allianceId: string): Promise<boolean> {
  if (actor.role !== 'coordinator') return false
  const row = await ex.orm.select({ one: coordinatorAlliances.userId }).from(coordinatorAlliances)
    .where(and(eq(coordinatorAlliances.userId, actor.userId), eq(coordinatorAlliances.allianceId, allianceId))).get()
  return row !== undefined
}

export async function isActiveMember (ex: Executor, organizationId: string | null, allianceId: string): Promise<boolean> {
  if (organizationId === null) return false
  return await ex.get<{ id: string }>(ACTIVE_MEMBERSHIP, { organizationId, allianceId, status: 'active' }) !== undefined
}

/** Alliance ids where the caller's organization is an active member. */
export async function activeAllianceIds (ex: Executor, organizationId: string | null): Promise<string[]> {
  if (organizationId === null) return []
  const rows = await ex.orm.select({ id: memberships.allianceId }).from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, 'active'))).all()
  return rows.map((r) => r.id)
}
