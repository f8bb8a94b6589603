// The /v1 API: public routes in one context, authenticated routes (onRequest authenticate) in another.
import type { FastifyPluginAsync } from 'fastify'
import { publicAuthRoutes, authRoutes } from './modules/auth/routes.ts'
import { publicAllianceRoutes, allianceRoutes } from './modules/alliances/routes.ts'
import { organizationRoutes } from './modules/organizations/routes.ts'
import { userRoutes } from './modules/users/routes.ts'
import { orderRoutes } from './modules/orders/routes.ts'
import { bidRoutes } from './modules/bids/routes.ts'
import { questionRoutes } from './modules/questions/routes.ts'
import { matchRoutes } from './modules/matches/routes.ts'
import { complaintRoutes } from './modules/complaints/routes.ts'
import { cohortRoutes } from './modules/cohorts/routes.ts'
import { reportRoutes } from './modules/reports/routes.ts'
import { targetRoutes } from './modules/targets/routes.ts'
import { skillRoutes } from './modules/skills/routes.ts'
import { recommendationRoutes } from './modules/recommendations/routes.ts'
import { notificationRoutes } from './modules/notifications/routes.ts'
import { webhookRoutes } from './modules/webhooks/routes.ts'
import { memberRoutes, invitationRoutes } from './modules/team/index.ts'
import { passwordResetRoutes } from './modules/auth/password-reset-routes.ts'

const publicRoutes: FastifyPluginAsync = async (app) => {
  await app.register(publicAuthRoutes)
  await app.register(publicAllianceRoutes)
  await app.register(passwordResetRoutes)
}

const protectedRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(allianceRoutes)
  await app.register(organizationRoutes)
  await app.register(orderRoutes)
  await app.register(bidRoutes)
  await app.register(questionRoutes)
  await app.register(matchRoutes)
  await app.register(complaintRoutes)
  await app.register(cohortRoutes)
  await app.register(reportRoutes)
  await app.register(targetRoutes)
  await app.register(skillRoutes)
  await app.register(recommendationRoutes)
  await app.register(notificationRoutes)
  await app.register(webhookRoutes)
  await app.register(memberRoutes)
  await app.register(invitationRoutes)
}

const v1Routes: FastifyPluginAsync = async (app) => {
  await app.register(publicRoutes)
  await app.register(protectedRoutes)
}

export default v1Routes
