// Order routes: create, list and search, read, edit, the lifecycle actions and the timeline.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { authedProblems, bearer, EmptyBody, IdParams } from '../../../schemas/common.ts'
import { CreateOrderBody, PatchOrderBody, OrderList, OrderListQuery, CancelOrderBody, OrderEventList, OrderEventQuery, type OrderDto } from '../../../schemas/orders.ts'
import { isAdmin, type Actor } from '../../lib/actor.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { decodeCursor, toPage } from '../../lib/pagination.ts'
import { skillKeys } from '../skills/index.ts'
import { findAllianceIdByCode, findOrderAccess, findVisibleOrder, viewerOf } from './repository.ts'
import { toOrderDto } from './dto.ts'
import { listPage } from './search-page.ts'
import { SEARCH_CURSOR } from './search-near.ts'
import { createOrder, patchOrder, publishOrder, closeBidding } from './service.ts'
import { finalizeOrder, cancelOrder, finalizeCodes } from './lifecycle.ts'
import { listOrderEvents, EVENT_CURSOR } from './events.ts'
import { deadlineSweepPlugin } from './deadline.ts'
import { isOwner } from './access.ts'
import { bidsSealed } from './rules.ts'

const OrderResponse = Type.Ref('Order')

export const orderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(deadlineSweepPlugin)

  /** The order as the caller sees it now, or 404. */
  const readOrder = async (id: string, actor: Actor) => {
    const row = await findVisibleOrder(app.data, id, viewerOf(actor, app.clock()))
    if (!row) throw notFound('order')
    return toOrderDto(app.data, row)
  }

  app.post('/orders', {
    config: { idempotent: true, location: '/v1/orders/{id}' },
    schema: { tags: ['orders'], operationId: 'createOrder', summary: 'Create a draft order (enterprise, active member of the alliance)', security: bearer, body: CreateOrderBody, response: { 201: OrderResponse, ...authedProblems(403, 422) } }
  }, async (request, reply) => {
    const id = await createOrder(app.data, request.actor, request.body, app.clock())
    reply.code(201)
    return readOrder(id, request.actor)
  })

  app.get('/orders', {
    schema: { tags: ['orders'], operationId: 'listOrders', summary: 'The orders the caller may see, newest first; filter and search', security: bearer, querystring: OrderListQuery, response: { 200: OrderList, ...authedProblems() } }
  }, async (request) => {
    const { status, alliance, skill, q, mine, limit, cursor } = request.query
    const empty = { items: [], nextCursor: null }
    // A cursor this API never gave is a 400 whatever the filters, also when they match nothing.
    decodeCursor(cursor, q === undefined ? undefined : SEARCH_CURSOR)
    let allianceId: string | undefined
    if (alliance !== undefined) {
      allianceId = await findAllianceIdByCode(app.data, alliance)
      if (allianceId === undefined) return empty
    }
    const keys = skill === undefined ? undefined : await skillKeys(app.data, [skill])
    if (keys !== undefined && keys.length === 0) return empty
    // Exact matches (and the orders tagged with a skill the query names), then near matches: search-page.ts.
    const page = await listPage(app.data, viewerOf(request.actor, app.clock()), { status, allianceId, skillKeys: keys, mine, limit }, q, cursor)
    // One at a time: a page's figures queries do not take a pool's connections all at once.
    const items: OrderDto[] = []
    for (const row of page.items) items.push(await toOrderDto(app.data, row))
    return { items, nextCursor: page.nextCursor }
  })

  app.get('/orders/:id', {
    schema: { tags: ['orders'], operationId: 'getOrder', summary: 'One order the caller may see', security: bearer, params: IdParams, response: { 200: OrderResponse, ...authedProblems(404) } }
  }, async (request) => readOrder(request.params.id, request.actor))

  app.patch('/orders/:id', {
    schema: {
      tags: ['orders'],
      operationId: 'updateOrder',
      summary: 'Edit an order (owner): a draft in full; an open order its description and a later bidDeadline, or an amendment of its terms',
      description: 'On an open order, a change of title, occupation, skills, headcount, location, trainingStart, trainingEnd, ' +
        'budgetPerTrainee, hiringCommitment, minBids or questionDeadline is an amendment: the bidDeadline moves so that at least ' +
        'AMENDMENT_MIN_HOURS remain, every submitted bid becomes needs_confirmation, and the event is order.amended.',
      security: bearer,
      params: IdParams,
      body: PatchOrderBody,
      response: { 200: OrderResponse, ...authedProblems(403, 404, 409, 422, { 409: ['order_not_editable', 'deadline_passed'] }) }
    }
  }, async (request) => {
    await patchOrder(app.data, request.actor, request.params.id, request.body, app.clock(), app.config.AMENDMENT_MIN_HOURS)
    return readOrder(request.params.id, request.actor)
  })

  app.post('/orders/:id/publish', {
    schema: { tags: ['orders'], operationId: 'publishOrder', summary: 'Publish a draft: bidding opens until bidDeadline (owner)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: OrderResponse, ...authedProblems(403, 404, 409, 422, { 409: ['order_not_draft', 'deadline_passed'] }) } }
  }, async (request) => {
    await publishOrder(app.data, request.actor, request.params.id, app.clock())
    return readOrder(request.params.id, request.actor)
  })

  app.post('/orders/:id/close-bidding', {
    schema: { tags: ['orders'], operationId: 'closeBidding', summary: 'Close bidding before the deadline; bids are unsealed (owner)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: OrderResponse, ...authedProblems(403, 404, 409, { 409: ['order_not_open', 'deadline_passed'] }) } }
  }, async (request) => {
    await closeBidding(app.data, request.actor, request.params.id, app.clock())
    return readOrder(request.params.id, request.actor)
  })

  app.post('/orders/:id/finalize', {
    schema: { tags: ['orders'], operationId: 'finalizeOrder', summary: 'Award an evaluating order with the seats approved so far (owner; at least one approved match, none proposed)', security: bearer, params: IdParams, body: EmptyBody, response: { 200: OrderResponse, ...authedProblems(403, 404, 409, { 409: Object.values(finalizeCodes) }) } }
  }, async (request) => {
    await finalizeOrder(app.data, request.actor, request.params.id, app.clock())
    return readOrder(request.params.id, request.actor)
  })

  app.post('/orders/:id/cancel', {
    schema: { tags: ['orders'], operationId: 'cancelOrder', summary: "Cancel a draft, open or evaluating order with a reason (owner or the alliance's coordinator)", security: bearer, params: IdParams, body: CancelOrderBody, response: { 200: OrderResponse, ...authedProblems(403, 404, 409, { 409: ['order_not_cancellable', 'cohorts_started'] }) } }
  }, async (request) => {
    await cancelOrder(app.data, request.actor, request.params.id, request.body.reason, app.clock())
    return readOrder(request.params.id, request.actor)
  })

  app.get('/orders/:id/events', {
    schema: { tags: ['orders'], operationId: 'listOrderEvents', summary: "The order's timeline, oldest first (owner, the alliance's coordinators, admins)", security: bearer, params: IdParams, querystring: OrderEventQuery, response: { 200: OrderEventList, ...authedProblems(403, 404) } }
  }, async (request) => {
    const actor = request.actor
    const order = await findOrderAccess(app.data, request.params.id, viewerOf(actor, app.clock()))
    if (!order?.visible) throw notFound('order')
    if (!isOwner(actor, order) && !order.coordinates && !isAdmin(actor)) throw forbidden('only the owner, the alliance coordinators and admins read the timeline')
    const { limit, cursor } = request.query
    const after = Number(decodeCursor(cursor, EVENT_CURSOR) ?? 0)
    // Rosters are for the order's enterprise and the alliance's coordinators, not admins (see cohorts/access.ts).
    const rows = await listOrderEvents(app.data, order.id, after, limit, {
      sealed: bidsSealed(order),
      rosters: isOwner(actor, order) || order.coordinates,
      identities: order.coordinates || isAdmin(actor)
    })
    const page = toPage(rows, limit, (r) => String(r.seq))
    return { items: page.items.map(({ seq: _seq, ...event }) => event), nextCursor: page.nextCursor }
  })
}
