// Alliance routes: the public list, admin creation, membership requests and coordinator decisions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems, authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { AllianceList, AllianceListQuery, CreateAllianceBody, AllianceCodeParams, MembershipList, MembershipListQuery, RejectBody } from '../../../schemas/alliances.ts'
import { requireRole, requireOrganization, isAdmin, type Actor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { memberships } from '../../../db/schema/index.ts'
import { eq, and } from 'drizzle-orm'
import { recordEvent } from '../events/recorder.ts'
import { listAlliances, insertAlliance, findMembershipView, findMembershipFor, listMemberships, toMembershipDto } from './repository.ts'
import { requireAlliance, findAllianceByCode, isCoordinatorOf } from './access.ts'
import { newId } from '../../lib/ids.ts'

const CODE_CURSOR = /^[a-z][a-z0-9-]{1,39}$/

export const publicAllianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/alliances', {
    schema: { tags: ['alliances'], summary: 'The alliances, with active member counts', security: [], querystring: AllianceListQuery, response: { 200: AllianceList, ...problems() } }
  }, async (request) => {
    const rows = listAlliances(app.db, decodeCursor(request.query.cursor, CODE_CURSOR), request.query.limit)
    return toPage(rows, request.query.limit, (r) => r.code)
  })
}

export const allianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/alliances', {
    config: { idempotent: true },
    schema: { tags: ['alliances'], summary: 'Create an alliance (admin)', security: bearer, body: CreateAllianceBody, response: { 201: Type.Ref('Alliance'), ...authedProblems(403, 409) } }
  }, async (request, reply) => {
    requireRole(request.actor, 'admin')
    const at = app.clock()
    const row = app.db.transaction((tx) => {
      if (findAllianceByCode(tx, request.body.code)) throw conflict(`alliance ${request.body.code} already exists`)
      return insertAlliance(tx, request.body, at)
    }, { behavior: 'immediate' })
    reply.code(201)
    return { code: row.code, name: row.name, nameZh: row.nameZh, description: row.description, createdAt: row.createdAt, memberCount: 0, enterpriseCount: 0, collegeCount: 0 }
  })

  app.post('/alliances/:code/memberships', {
    config: { idempotent: true },
    schema: { tags: ['alliances'], summary: "Request membership for the caller's organization", security: bearer, params: AllianceCodeParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 201: Type.Ref('Membership'), ...authedProblems(403, 404, 409) } }
  }, async (request, reply) => {
    const actor = request.actor
    const alliance = requireAlliance(app.db, request.params.code)
    requireOrganization(actor)
    const at = app.clock()
    const id = app.db.transaction((tx) => {
      const existing = findMembershipFor(tx, actor.organizationId, alliance.id)
      if (existing && existing.status !== 'rejected') throw conflict(`membership is already ${existing.status}`, existing.status === 'active' ? 'already_member' : 'already_requested')
      const membershipId = existing?.id ?? newId(at.getTime())
      if (existing) {
        tx.update(memberships).set({ status: 'pending', reason: null, decidedAt: null, decidedBy: null, requestedBy: actor.userId, createdAt: at.toISOString() }).where(eq(memberships.id, existing.id)).run()
      } else {
        tx.insert(memberships).values({ id: membershipId, organizationId: actor.organizationId, allianceId: alliance.id, status: 'pending', requestedBy: actor.userId, createdAt: at.toISOString() }).run()
      }
      recordEvent(tx, { type: 'membership.requested', subjectType: 'membership', subjectId: membershipId, allianceId: alliance.id, actor, at })
      return membershipId
    }, { behavior: 'immediate' })
    reply.code(201)
    return toMembershipDto(findMembershipView(app.db, id)!)
  })

  app.get('/alliances/:code/memberships', {
    schema: { tags: ['alliances'], summary: 'List memberships of an alliance (its coordinators, admins)', security: bearer, params: AllianceCodeParams, querystring: MembershipListQuery, response: { 200: MembershipList, ...authedProblems(403, 404) } }
  }, async (request) => {
    const alliance = requireAlliance(app.db, request.params.code)
    if (!isAdmin(request.actor) && !isCoordinatorOf(app.db, request.actor, alliance.id)) throw forbidden('only the alliance coordinators and admins list memberships')
    const { status, limit, cursor } = request.query
    const rows = listMemberships(app.db, alliance.id, status, decodeCursor(cursor), limit)
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map(toMembershipDto), nextCursor: page.nextCursor }
  })

  const decide = (decision: 'approve' | 'reject') => async (membershipId: string, actor: Actor, reason?: string) => {
    const at = app.clock()
    app.db.transaction((tx) => {
      const view = findMembershipView(tx, membershipId)
      const ownOrganization = view !== undefined && actor.organizationId === view.organizationId
      if (!view || !(isAdmin(actor) || isCoordinatorOf(tx, actor, view.allianceId) || ownOrganization)) throw notFound('membership')
      if (!isCoordinatorOf(tx, actor, view.allianceId)) throw forbidden('only a coordinator of this alliance decides memberships')
      if (view.status !== 'pending') throw conflict(`membership is already ${view.status}`, 'already_decided')
      const status = decision === 'approve' ? 'active' as const : 'rejected' as const
      tx.update(memberships).set({ status, reason: reason ?? null, decidedBy: actor.userId, decidedAt: at.toISOString() })
        .where(and(eq(memberships.id, membershipId), eq(memberships.status, 'pending'))).run()
      recordEvent(tx, { type: decision === 'approve' ? 'membership.approved' : 'membership.rejected', subjectType: 'membership', subjectId: membershipId, allianceId: view.allianceId, actor, at, data: reason ? { reason } : {} })
    }, { behavior: 'immediate' })
    return toMembershipDto(findMembershipView(app.db, membershipId)!)
  }

  app.post('/memberships/:id/approve', {
    schema: { tags: ['alliances'], summary: 'Approve a pending membership (coordinator of the alliance)', security: bearer, params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Type.Ref('Membership'), ...authedProblems(403, 404, 409) } }
  }, async (request) => decide('approve')(request.params.id, request.actor))

  app.post('/memberships/:id/reject', {
    schema: { tags: ['alliances'], summary: 'Reject a pending membership with a reason (coordinator of the alliance)', security: bearer, params: IdParams, body: RejectBody, response: { 200: Type.Ref('Membership'), ...authedProblems(403, 404, 409) } }
  }, async (request) => decide('reject')(request.params.id, request.actor, request.body.reason))
}
