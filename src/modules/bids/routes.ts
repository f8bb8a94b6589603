// Bid routes: submit and list on an order, the caller's bids, read, revise and withdraw; sealed while bidding is open.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, EmptyBody, IdParams } from '../../../schemas/common.ts'
import { BidList, BidListQuery, CreateBidBody, OrderBidsQuery, PatchBidBody } from '../../../schemas/bids.ts'
import type { BidStatus } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { bidsSealed, findOrderAccess, viewerOf } from '../orders/index.ts'
import { findBid, listBids, toBidDto } from './repository.ts'
import { bidReading } from './rules.ts'
import { submitBid, reviseBid, withdrawBid, confirmBid } from './service.ts'

const BidResponse = Type.Ref('Bid')
const START_DATE_CODES = ['start_date_past', 'start_date_outside_window']
const sealedProblem = () => conflict('bids stay sealed until bidding closes; bidCount on the order says how many came', 'bids_sealed')

export const bidRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A bid the caller may read now: its own college's, or any once bidding has closed for the owner, coordinators, admins. */
  const readBid = async (id: string, actor: Actor) => {
    const bid = await findBid(app.data, id, app.clock())
    if (!bid) throw notFound('bid')
    const order = await findOrderAccess(app.data, bid.orderId, viewerOf(actor, app.clock()))
    const reading = bidReading(actor, bid, order ?? { visible: false, privileged: false, status: 'draft', biddingClosedAt: null })
    if (reading === 'hidden') throw notFound('bid')
    if (reading === 'sealed') throw sealedProblem()
    return toBidDto(bid)
  }

  /** An order's bids: a college its own; the owner, coordinators and admins all of them once unsealed. */
  const orderBids = async (orderId: string, actor: Actor, query: { status?: BidStatus | undefined, limit: number, cursor?: string | undefined }) => {
    const order = await findOrderAccess(app.data, orderId, viewerOf(actor, app.clock()))
    if (!order?.visible) throw notFound('order')
    const beforeId = decodeCursor(query.cursor)
    let organizationId: string | undefined
    if (actor.organizationKind === 'college' && actor.organizationId !== null) {
      organizationId = actor.organizationId
    } else if (!order.privileged) {
      throw forbidden("only the owner, the alliance's coordinators and admins read an order's bids")
    } else if (bidsSealed(order)) {
      throw sealedProblem()
    }
    const rows = await listBids(app.data, { orderId, organizationId, status: query.status, beforeId, limit: query.limit, now: app.clock() })
    const page = toPage(rows, query.limit, (r) => r.id)
    return { items: page.items.map(toBidDto), nextCursor: page.nextCursor }
  }

  app.post('/orders/:id/bids', {
    config: { idempotent: true, location: '/v1/bids/{id}' },
    schema: { tags: ['bids'], operationId: 'submitBid', summary: 'Submit a sealed bid on an open order (college, one live bid per order)', security: bearer, params: IdParams, body: CreateBidBody, response: { 201: BidResponse, ...authedProblems(403, 404, 409, 422, { 409: ['duplicate_bid', 'order_not_open', 'deadline_passed'], 422: START_DATE_CODES }) } }
  }, async (request, reply) => {
    const id = await submitBid(app.data, request.actor, request.params.id, request.body, app.clock())
    reply.code(201)
    return readBid(id, request.actor)
  })

  app.get('/orders/:id/bids', {
    schema: { tags: ['bids'], operationId: 'listOrderBids', summary: "An order's bids: a college its own; owner, coordinators and admins all once bidding closed (409 bids_sealed before)", security: bearer, params: IdParams, querystring: OrderBidsQuery, response: { 200: BidList, ...authedProblems(403, 404, 409, { 409: ['bids_sealed'] }) } }
  }, async (request) => orderBids(request.params.id, request.actor, request.query))

  app.get('/bids', {
    schema: { tags: ['bids'], operationId: 'listBids', summary: "The caller's college's bids; with orderId, that order's bids as GET /orders/{id}/bids", security: bearer, querystring: BidListQuery, response: { 200: BidList, ...authedProblems(403, 404, 409, { 409: ['bids_sealed'] }) } }
  }, async (request) => {
    const { orderId, status, limit, cursor } = request.query
    if (orderId !== undefined) return orderBids(orderId, request.actor, { status, limit, cursor })
    const actor = request.actor
    if (actor.organizationKind !== 'college' || actor.organizationId === null) throw forbidden('only colleges have bids; give orderId to read the bids of an order')
    const rows = await listBids(app.data, { organizationId: actor.organizationId, status, beforeId: decodeCursor(cursor), limit, now: app.clock() })
    const page = toPage(rows, limit, (r) => r.id)
    return { items: page.items.map(toBidDto), nextCursor: page.nextCursor }
  })

  app.get('/bids/:id', {
    schema: { tags: ['bids'], operationId: 'getBid', summary: 'One bid: its college; owner, coordinators and admins once bidding closed (409 bids_sealed before)', security: bearer, params: IdParams, response: { 200: BidResponse, ...authedProblems(404, 409, { 409: ['bids_sealed'] }) } }
  }, async (request) => readBid(request.params.id, request.actor))

  app.patch('/bids/:id', {
    schema: { tags: ['bids'], operationId: 'reviseBid', summary: 'Revise a submitted bid while the order is open (its college); revision + 1', security: bearer, params: IdParams, body: PatchBidBody, response: { 200: BidResponse, ...authedProblems(403, 404, 409, 422, { 409: ['bid_not_live', 'order_not_open', 'deadline_passed', 'bids_sealed'], 422: START_DATE_CODES }) } }
  }, async (request) => {
    await reviseBid(app.data, request.actor, request.params.id, request.body, app.clock())
    return readBid(request.params.id, request.actor)
  })

  app.post('/bids/:id/confirm', {
    schema: {
      tags: ['bids'],
      operationId: 'confirmBid',
      summary: 'Confirm a bid unchanged after an amendment of its order (its college, while the order is open); 422 when it no longer fits',
      security: bearer,
      params: IdParams,
      body: EmptyBody,
      response: {
        200: BidResponse,
        ...authedProblems(403, 404, 409, 422, { 409: ['bid_not_awaiting_confirmation', 'order_not_open', 'deadline_passed'], 422: START_DATE_CODES })
      }
    }
  }, async (request) => {
    await confirmBid(app.data, request.actor, request.params.id, app.clock())
    return readBid(request.params.id, request.actor)
  })

  app.post('/bids/:id/withdraw', {
    schema: { tags: ['bids'], operationId: 'withdrawBid', summary: 'Withdraw a submitted bid while the order is open (its college)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: BidResponse, ...authedProblems(403, 404, 409, { 409: ['bid_not_live', 'order_not_open', 'deadline_passed', 'bids_sealed'] }) } }
  }, async (request) => {
    await withdrawBid(app.data, request.actor, request.params.id, app.clock())
    return readBid(request.params.id, request.actor)
  })
}
