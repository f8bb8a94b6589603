// Complaint routes: another bidder files one against an approved match; the alliance's coordinator decides; the concerned read.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { ComplaintList, ComplaintListQuery, DecideComplaintBody, FileComplaintBody } from '../../../schemas/complaints.ts'
import type { Actor } from '../../lib/actor.ts'
import { notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { viewerOf } from '../orders/index.ts'
import { findComplaintAccess, listComplaints, toComplaintDto } from './repository.ts'
import { decideComplaint, fileComplaint, type ComplaintOutcome } from './service.ts'
import { fileComplaintConflicts, upholdConflicts } from './rules.ts'

const ComplaintResponse = Type.Ref('Complaint')

export const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const readComplaint = async (id: string, actor: Actor) => {
    const viewer = viewerOf(actor, app.clock())
    const complaint = await findComplaintAccess(app.data, id, viewer)
    if (!complaint?.visible) throw notFound('complaint')
    return toComplaintDto(complaint, viewer)
  }

  app.post('/matches/:id/complaints', {
    config: { idempotent: true, location: '/v1/complaints/{id}' },
    schema: {
      tags: ['complaints'],
      operationId: 'fileComplaint',
      summary: 'Complain about an approved match during its standstill (a college with a live bid on the order, not the matched one)',
      security: bearer,
      params: IdParams,
      body: FileComplaintBody,
      response: { 201: ComplaintResponse, ...authedProblems(403, 404, { 409: fileComplaintConflicts }) }
    }
  }, async (request, reply) => {
    const id = await fileComplaint(app.data, request.actor, request.params.id, request.body.reason, app.clock())
    reply.code(201)
    return readComplaint(id, request.actor)
  })

  app.get('/complaints', {
    schema: {
      tags: ['complaints'],
      operationId: 'listComplaints',
      summary: "Complaints the caller may read, newest first (its college's own, those on its matches or orders, a coordinator's alliances)",
      security: bearer,
      querystring: ComplaintListQuery,
      response: { 200: ComplaintList, ...authedProblems() }
    }
  }, async (request) => {
    const { status, orderId, limit, cursor } = request.query
    const viewer = viewerOf(request.actor, app.clock())
    const rows = await listComplaints(app.data, viewer, { status, orderId, beforeId: decodeCursor(cursor), limit })
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map((row) => toComplaintDto(row, viewer)), nextCursor: page.nextCursor }
  })

  app.get('/complaints/:id', {
    schema: {
      tags: ['complaints'],
      operationId: 'getComplaint',
      summary: "One complaint (the complaining college, the match's enterprise and college, the alliance's coordinators, admins)",
      security: bearer,
      params: IdParams,
      response: { 200: ComplaintResponse, ...authedProblems(404) }
    }
  }, async (request) => readComplaint(request.params.id, request.actor))

  const decide = (action: 'dismiss' | 'uphold', outcome: ComplaintOutcome, summary: string, conflicts: readonly string[]) =>
    app.post(`/complaints/:id/${action}`, {
      schema: {
        tags: ['complaints'],
        operationId: `${action}Complaint`,
        summary,
        security: bearer,
        params: IdParams,
        body: DecideComplaintBody,
        response: { 200: ComplaintResponse, ...authedProblems(403, 404, { 409: conflicts }) }
      }
    }, async (request) => {
      await decideComplaint(app.data, request.actor, request.params.id, outcome, request.body.decision, app.clock())
      return readComplaint(request.params.id, request.actor)
    })

  decide('dismiss', 'dismissed', "Dismiss a pending complaint with the decision's reasons (coordinator of the order's alliance)", ['already_decided'])
  decide('uphold', 'upheld', "Uphold a pending complaint (coordinator of the order's alliance): the match is revoked, its cohort cancelled, its seats returned; an awarded order is evaluated again", upholdConflicts)
}
