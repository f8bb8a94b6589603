// Recommendation routes: colleges ranked for an order (owner, coordinators, admins) and orders ranked for a college.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq } from 'drizzle-orm'
import { authedProblems, bearer, IdParams } from '../../../schemas/common.ts'
import { CollegeRecommendationList, OrderRecommendationList, RecommendationQuery } from '../../../schemas/recommendations.ts'
import { organizations } from '../../../db/schema/index.ts'
import { forbidden, notFound } from '../../lib/problems.ts'
import { requireOrganization } from '../../lib/actor.ts'
import { activeAllianceIds } from '../alliances/index.ts'
import { bidsSealed, findOrderAccess, viewerOf } from '../orders/index.ts'
import { skillKeys } from '../skills/index.ts'
import { rankCollegesForOrder } from './colleges-for-order.ts'
import { collegeFacts, rankOrdersForCollege } from './orders-for-college.ts'
import { explainColleges, explainOrders } from './explain.ts'

export const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/orders/:id/recommendations', {
    schema: {
      tags: ['recommendations'],
      operationId: 'recommendColleges',
      summary: 'Colleges ranked for an order, with the reasons (owner, alliance coordinators, admins)',
      description: 'Eligible: active college members of the order\'s alliance. hasBid is null while bids are sealed (order open, or cancelled before bidding closed).',
      security: bearer,
      params: IdParams,
      querystring: RecommendationQuery,
      response: { 200: CollegeRecommendationList, ...authedProblems(403, 404) }
    }
  }, async (request) => {
    const actor = request.actor
    if (actor.role === 'college') throw forbidden('colleges get their recommendations at /v1/recommendations/orders')
    const now = app.clock()
    const order = await findOrderAccess(app.data, request.params.id, viewerOf(actor, now))
    if (!order || !order.visible) throw notFound('order')
    if (!order.privileged) throw forbidden('only the owner, the alliance coordinators and admins see recommendations for an order')
    // One snapshot: the ranking and its explanations see the same data.
    return app.data.snapshot(async (ex) => {
      const keys = await skillKeys(ex, order.skills)
      const ranked = await rankCollegesForOrder(ex, order, keys, request.query.limit)
      return { items: await explainColleges(ex, { id: order.id, headcount: order.headcount, sealed: bidsSealed(order) }, keys, ranked) }
    })
  })

  app.get('/recommendations/orders', {
    schema: {
      tags: ['recommendations'],
      operationId: 'recommendOrders', summary: "Open orders ranked for the caller's college, with the reasons (colleges)",
      description: 'Eligible: open orders of the college\'s active alliances whose bid deadline is ahead.',
      security: bearer,
      querystring: RecommendationQuery,
      response: { 200: OrderRecommendationList, ...authedProblems(403) }
    }
  }, async (request) => {
    const actor = request.actor
    requireOrganization(actor, 'college')
    const now = app.clock()
    return app.data.snapshot(async (ex) => {
      const college = await ex.orm.select({ id: organizations.id, annualCapacity: organizations.annualCapacity }).from(organizations)
        .where(eq(organizations.id, actor.organizationId)).get() ?? { id: actor.organizationId, annualCapacity: null }
      const facts = await collegeFacts(ex, college, await activeAllianceIds(ex, college.id))
      const ranked = await rankOrdersForCollege(ex, facts, now, request.query.limit)
      return { items: await explainOrders(ex, facts, ranked, now) }
    })
  })
}
