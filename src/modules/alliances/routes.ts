// Alliance routes: the public list, admin creation, membership requests and coordinator decisions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems, authedProblems, bearer, IdParams, EmptyBody } from '../../../schemas/common.ts'
import { AllianceList, AllianceListQuery, CreateAllianceBody, AllianceCodeParams, MembershipList, MembershipListQuery, RejectBody } from '../../../schemas/alliances.ts'
import { requireRole, requireOrganization, isAdmin, type Actor } from '../../lib/actor.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { listAlliances, findAllianceView, findMembershipView, listMemberships, toMembershipDto } from './repository.ts'
import { requireAlliance, isCoordinatorOf } from './access.ts'
import { createAlliance, requestMembership, decideMembership } from './service.ts'

const CODE_CURSOR = /^[a-z][a-z0-9-]{1,39}$/

export const publicAllianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/alliances', {
    schema: { tags: ['alliances'], operationId: 'listAlliances', summary: 'The alliances, with active member counts', security: [], querystring: AllianceListQuery, response: { 200: AllianceList, ...problems() } }
  }, async (request) => {
    const rows = await listAlliances(app.data, decodeCursor(request.query.cursor, CODE_CURSOR), request.query.limit)
    return toPage(rows, request.query.limit, (r) => r.code)
  })

  app.get('/alliances/:code', {
    schema: { tags: ['alliances'], operationId: 'getAlliance', summary: 'One alliance, with active member counts', security: [], params: AllianceCodeParams, response: { 200: Type.Ref('Alliance'), ...problems(404) } }
  }, async (request) => {
    const row = await findAllianceView(app.data, request.params.code)
    if (!row) throw notFound('alliance')
    return row
  })
}

export const allianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/alliances', {
    config: { idempotent: true, location: '/v1/alliances/{code}' },
    schema: { tags: ['alliances'], operationId: 'createAlliance', summary: 'Create an alliance (admin)', security: bearer, body: CreateAllianceBody, response: { 201: Type.Ref('Alliance'), ...authedProblems(403, 409) } }
  }, async (request, reply) => {
    requireRole(request.actor, 'admin')
    const row = await createAlliance(app.data, request.body, app.clock())
    reply.code(201)
    return { code: row.code, name: row.name, nameZh: row.nameZh, description: row.description, createdAt: row.createdAt, memberCount: 0, enterpriseCount: 0, collegeCount: 0 }
  })

  app.post('/alliances/:code/memberships', {
    config: { idempotent: true, location: '/v1/memberships/{id}' },
    schema: { tags: ['alliances'], operationId: 'requestMembership', summary: "Request membership for the caller's organization", security: bearer, params: AllianceCodeParams, body: EmptyBody, response: { 201: Type.Ref('Membership'), ...authedProblems(403, 404, 409, { 409: ['already_requested', 'already_member'] }) } }
  }, async (request, reply) => {
    const actor = request.actor
    const alliance = await requireAlliance(app.data, request.params.code)
    requireOrganization(actor)
    const id = await requestMembership(app.data, actor, alliance, app.clock())
    reply.code(201)
    return toMembershipDto((await findMembershipView(app.data, id))!)
  })

  app.get('/alliances/:code/memberships', {
    schema: { tags: ['alliances'], operationId: 'listAllianceMemberships', summary: 'List memberships of an alliance (its coordinators, admins)', security: bearer, params: AllianceCodeParams, querystring: MembershipListQuery, response: { 200: MembershipList, ...authedProblems(403, 404) } }
  }, async (request) => {
    const alliance = await requireAlliance(app.data, request.params.code)
    if (!isAdmin(request.actor) && !(await isCoordinatorOf(app.data, request.actor, alliance.id))) throw forbidden('only the alliance coordinators and admins list memberships')
    const { status, limit, cursor } = request.query
    const rows = await listMemberships(app.data, alliance.id, status, decodeCursor(cursor), limit)
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map(toMembershipDto), nextCursor: page.nextCursor }
  })

  app.get('/memberships/:id', {
    schema: { tags: ['alliances'], operationId: 'getMembership', summary: "One membership (the member organization's users, the alliance's coordinators, admins)", security: bearer, params: IdParams, response: { 200: Type.Ref('Membership'), ...authedProblems(404) } }
  }, async (request) => {
    const actor = request.actor
    const row = await findMembershipView(app.data, request.params.id)
    const sees = row !== undefined && (isAdmin(actor) || actor.organizationId === row.organizationId || await isCoordinatorOf(app.data, actor, row.allianceId))
    if (!sees) throw notFound('membership')
    return toMembershipDto(row)
  })

  const decide = (decision: 'approve' | 'reject') => async (membershipId: string, actor: Actor, reason?: string) => {
    await decideMembership(app.data, actor, membershipId, decision, reason, app.clock())
    return toMembershipDto((await findMembershipView(app.data, membershipId))!)
  }

  app.post('/memberships/:id/approve', {
    schema: { tags: ['alliances'], operationId: 'approveMembership', summary: 'Approve a pending membership (coordinator of the alliance)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: Type.Ref('Membership'), ...authedProblems(403, 404, 409, { 409: ['already_decided'] }) } }
  }, async (request) => decide('approve')(request.params.id, request.actor))

  app.post('/memberships/:id/reject', {
    schema: { tags: ['alliances'], operationId: 'rejectMembership', summary: 'Reject a pending membership with a reason (coordinator of the alliance)', security: bearer, params: IdParams, body: RejectBody, response: { 200: Type.Ref('Membership'), ...authedProblems(403, 404, 409, { 409: ['already_decided'] }) } }
  }, async (request) => decide('reject')(request.params.id, request.actor, request.body.reason))
}
