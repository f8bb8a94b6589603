// Security headers: @fastify/helmet (one strict CSP, upgrade-insecure-requests only over TLS), and no-store on the API.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import type { FastifyRequest } from 'fastify'
import { helmetOptions } from '../lib/security-headers.ts'
import { CONSOLE_ROUTES } from './console.ts'

/** Only the Swagger UI, the web console and their assets may be cached: they hold no tokens and nothing personal. */
const cacheable = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/docs') === true || CONSOLE_ROUTES.has(request.routeOptions.url ?? '')

export default fp(async (app) => {
  await app.register(helmet, helmetOptions)

  // upgrade-insecure-requests over plain HTTP would send the browser to https for every asset of /docs and the
  // console, which a server speaking http (any address but localhost) cannot answer: add it only when the request
  // came over TLS, directly or through a trusted proxy's X-Forwarded-Proto (TRUST_PROXY).
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol !== 'https') return
    const policy = reply.raw.getHeader('content-security-policy')
    if (typeof policy === 'string') reply.raw.setHeader('content-security-policy', `${policy};upgrade-insecure-requests`)
  })

  // Tokens (login, register, refresh) and personal data (/me, rosters, anything behind a bearer token)
  // must not be kept by browsers or shared caches: every API answer, errors included, is no-store,
  // and so is any answer to a request that carried credentials, whatever the route.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.headers.authorization !== undefined || !cacheable(request)) reply.header('cache-control', 'no-store')
    return payload
  })
}, { name: 'security' })
