// Alliance and membership changes, each one write transaction with its event: requests by organizations, decisions by coordinators.
import { and, eq } from 'drizzle-orm'
import type { DataLayer } from '../../../db/executor.ts'
import { memberships } from '../../../db/schema/index.ts'
import type { Actor, OrgActor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { newId } from '../../lib/ids.ts'
import { recordEvent } from '../events/index.ts'
import { findMembershipFor, findMembershipView, insertAlliance } from './repository.ts'
import { findAllianceByCode, isCoordinatorOf, type AllianceRow } from './access.ts'
import { canDecideMembership, canRequestMembership, canSeeMembership, isDecidable } from './rules.ts'

/** Creates an alliance; a code that exists is a 409. */
export async function createAlliance (data: DataLayer, input: { code: string, name: string, nameZh: string, description?: string | undefined }, at: Date) {
  return await data.write(async (tx) => {
    if (await findAllianceByCode(tx, input.code)) throw conflict(`alliance ${input.code} already exists`)
    return await insertAlliance(tx, input, at)
  })
}

/** Asks for membership of the caller's organization (again after a rejection); returns the membership id. */
export async function requestMembership (data: DataLayer, actor: OrgActor, alliance: AllianceRow, at: Date): Promise<string> {
  return await data.write(async (tx) => {
    const existing = await findMembershipFor(tx, actor.organizationId, alliance.id)
    if (existing && !canRequestMembership(existing.status)) {
      throw conflict(`membership is already ${existing.status}`, existing.status === 'active' ? 'already_member' : 'already_requested')
    }
    const membershipId = existing?.id ?? newId(at.getTime())
    const requested = { status: 'pending' as const, reason: null, decidedAt: null, decidedBy: null, requestedBy: actor.userId, createdAt: at.toISOString() }
    if (existing) {
      // Only from the status just read: a request that raced this one (another process) already re-opened it.
      const reopened = await tx.orm.update(memberships).set(requested)
        .where(and(eq(memberships.id, existing.id), eq(memberships.status, existing.status))).returning({ id: memberships.id })
      if (reopened.length === 0) throw conflict('membership is already pending', 'already_requested')
    } else {
      await tx.orm.insert(memberships).values({ id: membershipId, organizationId: actor.organizationId, allianceId: alliance.id, ...requested }).run()
    }
    await recordEvent(tx, { type: 'membership.requested', subjectType: 'membership', subjectId: membershipId, allianceId: alliance.id, actor, at })
    return membershipId
  })
}

/** Approves (→ active) or rejects (→ rejected, with its reason) a pending membership. */
export async function decideMembership (data: DataLayer, actor: Actor, membershipId: string, decision: 'approve' | 'reject', reason: string | undefined, at: Date): Promise<void> {
  await data.write(async (tx) => {
    const view = await findMembershipView(tx, membershipId)
    if (!view) throw notFound('membership')
    const viewer = { isAdmin: actor.role === 'admin', coordinatesAlliance: await isCoordinatorOf(tx, actor, view.allianceId), isMemberOrganization: actor.organizationId === view.organizationId }
    if (!canSeeMembership(viewer)) throw notFound('membership')
    if (!canDecideMembership(viewer)) throw forbidden('only a coordinator of this alliance decides memberships')
    if (!isDecidable(view.status)) throw conflict(`membership is already ${view.status}`, 'already_decided')
    const status = decision === 'approve' ? 'active' as const : 'rejected' as const
    // Still pending when written: of two coordinators deciding at once (on PostgreSQL, in parallel), one wins.
    const decided = await tx.orm.update(memberships).set({ status, reason: reason ?? null, decidedBy: actor.userId, decidedAt: at.toISOString() })
      .where(and(eq(memberships.id, membershipId), eq(memberships.status, 'pending'))).returning({ id: memberships.id })
    if (decided.length === 0) throw conflict('membership is already decided', 'already_decided')
    await recordEvent(tx, { type: decision === 'approve' ? 'membership.approved' : 'membership.rejected', subjectType: 'membership', subjectId: membershipId, allianceId: view.allianceId, actor, at, data: reason ? { reason } : {} })
  })
}
