// Alliance and membership changes, each one synchronous transaction with its event: requests by organizations, decisions by coordinators.
import { and, eq } from 'drizzle-orm'
import type { Database } from '../../../db/client.ts'
import { memberships } from '../../../db/schema/index.ts'
import type { Actor, OrgActor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { newId } from '../../lib/ids.ts'
import { recordEvent } from '../events/index.ts'
import { findMembershipFor, findMembershipView, insertAlliance } from './repository.ts'
import { findAllianceByCode, isCoordinatorOf, type AllianceRow } from './access.ts'
import { canDecideMembership, canRequestMembership, canSeeMembership, isDecidable } from './rules.ts'

/** Creates an alliance; a code that exists is a 409. */
export function createAlliance (db: Database, input: { code: string, name: string, nameZh: string, description?: string | undefined }, at: Date) {
  return db.transaction((tx) => {
    if (findAllianceByCode(tx, input.code)) throw conflict(`alliance ${input.code} already exists`)
    return insertAlliance(tx, input, at)
  }, { behavior: 'immediate' })
}

/** Asks for membership of the caller's organization (again after a rejection); returns the membership id. */
export function requestMembership (db: Database, actor: OrgActor, alliance: AllianceRow, at: Date): string {
  return db.transaction((tx) => {
    const existing = findMembershipFor(tx, actor.organizationId, alliance.id)
    if (existing && !canRequestMembership(existing.status)) {
      throw conflict(`membership is already ${existing.status}`, existing.status === 'active' ? 'already_member' : 'already_requested')
    }
    const membershipId = existing?.id ?? newId(at.getTime())
    const requested = { status: 'pending' as const, reason: null, decidedAt: null, decidedBy: null, requestedBy: actor.userId, createdAt: at.toISOString() }
    if (existing) tx.update(memberships).set(requested).where(eq(memberships.id, existing.id)).run()
    else tx.insert(memberships).values({ id: membershipId, organizationId: actor.organizationId, allianceId: alliance.id, ...requested }).run()
    recordEvent(tx, { type: 'membership.requested', subjectType: 'membership', subjectId: membershipId, allianceId: alliance.id, actor, at })
    return membershipId
  }, { behavior: 'immediate' })
}

/** Approves (→ active) or rejects (→ rejected, with its reason) a pending membership. */
export function decideMembership (db: Database, actor: Actor, membershipId: string, decision: 'approve' | 'reject', reason: string | undefined, at: Date): void {
  db.transaction((tx) => {
    const view = findMembershipView(tx, membershipId)
    if (!view) throw notFound('membership')
    const viewer = { isAdmin: actor.role === 'admin', coordinatesAlliance: isCoordinatorOf(tx, actor, view.allianceId), isMemberOrganization: actor.organizationId === view.organizationId }
    if (!canSeeMembership(viewer)) throw notFound('membership')
    if (!canDecideMembership(viewer)) throw forbidden('only a coordinator of this alliance decides memberships')
    if (!isDecidable(view.status)) throw conflict(`membership is already ${view.status}`, 'already_decided')
    const status = decision === 'approve' ? 'active' as const : 'rejected' as const
    tx.update(memberships).set({ status, reason: reason ?? null, decidedBy: actor.userId, decidedAt: at.toISOString() })
      .where(and(eq(memberships.id, membershipId), eq(memberships.status, 'pending'))).run()
    recordEvent(tx, { type: decision === 'approve' ? 'membership.approved' : 'membership.rejected', subjectType: 'membership', subjectId: membershipId, allianceId: view.allianceId, actor, at, data: reason ? { reason } : {} })
  }, { behavior: 'immediate' })
}
