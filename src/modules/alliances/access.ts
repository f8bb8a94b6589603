// Alliance-scoped access facts: which alliances a coordinator serves, whether an organization is an active member.
import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.ts'
import { alliances, coordinatorAlliances, memberships } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { notFound } from '../../lib/problems.ts'

export type AllianceRow = typeof alliances.$inferSelect

export const findAllianceByCode = (tx: DbOrTx, code: string) =>
  tx.select().from(alliances).where(eq(alliances.code, code)).get()

export function requireAlliance (tx: DbOrTx, code: string): AllianceRow {
  const alliance = findAllianceByCode(tx, code)
  if (!alliance) throw notFound('alliance')
  return alliance
}

export const coordinatorAllianceIds = (tx: DbOrTx, userId: string): string[] =>
  tx.select({ id: coordinatorAlliances.allianceId }).from(coordinatorAlliances)
    .where(eq(coordinatorAlliances.userId, userId)).all().map((r) => r.id)

export function isCoordinatorOf (tx: DbOrTx, actor: Actor, allianceId: string): boolean {
  if (actor.role !== 'coordinator') return false
  return tx.select({ one: coordinatorAlliances.userId }).from(coordinatorAlliances)
    .where(and(eq(coordinatorAlliances.userId, actor.userId), eq(coordinatorAlliances.allianceId, allianceId))).get() !== undefined
}

export function isActiveMember (tx: DbOrTx, organizationId: string | null, allianceId: string): boolean {
  if (organizationId === null) return false
  return tx.select({ id: memberships.id }).from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.allianceId, allianceId), eq(memberships.status, 'active'))).get() !== undefined
}

/** Alliance ids where the caller's organization is an active member. */
export function activeAllianceIds (tx: DbOrTx, organizationId: string | null): string[] {
  if (organizationId === null) return []
  return tx.select({ id: memberships.allianceId }).from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, 'active'))).all().map((r) => r.id)
}
