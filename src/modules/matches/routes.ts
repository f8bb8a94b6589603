// Match routes: the owner proposes and withdraws; the alliance's coordinator approves or rejects; parties (and, for awards, bidders) read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, EmptyBody, IdParams } from '../../../schemas/common.ts'
import { ApproveMatchBody, MatchList, MatchListQuery, ProposeMatchBody, RejectMatchBody } from '../../../schemas/matches.ts'
import type { Actor } from '../../lib/actor.ts'
import { notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { findAllianceByCode } from '../alliances/index.ts'
import { viewerOf } from '../orders/index.ts'
import { findMatchAccess, listMatches, toMatchDto } from './repository.ts'
import { approveMatch, proposeMatch, rejectMatch, withdrawMatch } from './service.ts'

const MatchResponse = Type.Ref('Match')

export const matchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readMatch = async (id: string, actor: Actor) => {
    const match = await findMatchAccess(app.data, id, viewerOf(actor, app.clock()))
    if (!match?.visible) throw notFound('match')
    return toMatchDto(match)
  }

  app.post('/orders/:id/matches', {
    config: { idempotent: true, location: '/v1/matches/{id}' },
    schema: { tags: ['matches'], operationId: 'proposeMatch', summary: 'Propose taking seats from a bid of an evaluating order (owner)', security: bearer, params: IdParams, body: ProposeMatchBody, response: { 201: MatchResponse, ...authedProblems(403, 404, 409, 422, { 409: ['order_not_evaluating', 'bid_not_live', 'duplicate_match'], 422: ['seats_exceeded'] }) } }
  }, async (request, reply) => {
    const id = await proposeMatch(app.data, request.actor, request.params.id, request.body, app.clock())
    reply.code(201)
    return readMatch(id, request.actor)
  })

  app.get('/matches', {
    schema: { tags: ['matches'], operationId: 'listMatches', summary: "Matches the caller is party to or coordinates, and the award notices of orders it bid on, newest first (a coordinator's queue: status=proposed)", security: bearer, querystring: MatchListQuery, response: { 200: MatchList, ...authedProblems() } }
  }, async (request) => {
    const { status, alliance, orderId, limit, cursor } = request.query
    const beforeId = decodeCursor(cursor)
    let allianceId: string | undefined
    if (alliance !== undefined) {
      const found = await findAllianceByCode(app.data, alliance)
      if (!found) return { items: [], nextCursor: null }
      allianceId = found.id
    }
    const rows = await listMatches(app.data, viewerOf(request.actor, app.clock()), { status, allianceId, orderId, beforeId, limit })
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map(toMatchDto), nextCursor: page.nextCursor }
  })

  app.get('/matches/:id', {
    schema: { tags: ['matches'], operationId: 'getMatch', summary: 'One match (its parties, the alliance coordinators, admins; an approved or revoked one also to the colleges that bid on the order)', security: bearer, params: IdParams, response: { 200: MatchResponse, ...authedProblems(404) } }
  }, async (request) => readMatch(request.params.id, request.actor))

  app.post('/matches/:id/approve', {
    schema: { tags: ['matches'], operationId: 'approveMatch', summary: "Approve a proposed match with an optional note (coordinator of the order's alliance); creates the cohort", security: bearer, params: IdParams, body: ApproveMatchBody, response: { 200: MatchResponse, ...authedProblems(403, 404, 409, { 409: ['already_decided'] }) } }
  }, async (request) => {
    await approveMatch(app.data, request.actor, request.params.id, request.body?.note, app.clock(), app.config.STANDSTILL_SECONDS)
    return readMatch(request.params.id, request.actor)
  })

  app.post('/matches/:id/reject', {
    schema: { tags: ['matches'], operationId: 'rejectMatch', summary: "Reject a proposed match with a reason (coordinator of the order's alliance)", security: bearer, params: IdParams, body: RejectMatchBody, response: { 200: MatchResponse, ...authedProblems(403, 404, 409, { 409: ['already_decided'] }) } }
  }, async (request) => {
    await rejectMatch(app.data, request.actor, request.params.id, request.body.reason, app.clock())
    return readMatch(request.params.id, request.actor)
  })

  app.post('/matches/:id/withdraw', {
    schema: { tags: ['matches'], operationId: 'withdrawMatch', summary: 'Withdraw a proposed match (the enterprise that owns the order)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: MatchResponse, ...authedProblems(403, 404, 409, { 409: ['already_decided', 'order_not_evaluating'] }) } }
  }, async (request) => {
    await withdrawMatch(app.data, request.actor, request.params.id, app.clock())
    return readMatch(request.params.id, request.actor)
  })
}
