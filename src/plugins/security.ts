// Security headers: @fastify/helmet (CSP without upgrade-insecure-requests so /docs also works over plain HTTP), and no-store on the API.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import type { FastifyRequest } from 'fastify'
import { helmetOptions } from '../lib/security-headers.ts'

/** Only the Swagger UI and its assets may be cached: they hold no tokens and nothing personal. */
const isDocs = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/docs') === true

export default fp(async (app) => {
  await app.register(helmet, helmetOptions)

  // Tokens (login, register, refresh) and personal data (/me, rosters, anything behind a bearer token)
  // must not be kept by browsers or shared caches: every API answer, errors included, is no-store,
  // and so is any answer to a request that carried credentials, whatever the route.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.headers.authorization !== undefined || !isDocs(request)) reply.header('cache-control', 'no-store')
    return payload
  })
}, { name: 'security' })
