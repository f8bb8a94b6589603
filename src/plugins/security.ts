// Security headers: helmet's set for the route's policy, computed once, set on every answer (upgrade-insecure-requests only over TLS); no-store on the API.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { overTls, securityHeaders, securityHeadersFor, type CspDirectives, type SecurityHeaders } from '../lib/security-headers.ts'
import { CONSOLE_ROUTES } from './console.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route's own Content-Security-Policy (the Swagger UI's, plugins/swagger.ts); others get cspDirectives(). */
    csp?: CspDirectives
  }
}

/** Only the Swagger UI, the web console and their assets may be cached: they hold no tokens and nothing personal. */
const cacheable = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/docs') === true || CONSOLE_ROUTES.has(request.routeOptions.url ?? '')

type HeaderSets = { http: SecurityHeaders, https: SecurityHeaders }
const setsOf = (headers: SecurityHeaders): HeaderSets => ({ http: headers, https: overTls(headers) })

export default fp(async (app) => {
  const standard = setsOf(securityHeaders)
  // A route's policy is one object (its config's `csp`): its headers are computed the first time it answers.
  const byPolicy = new WeakMap<CspDirectives, HeaderSets>()
  const setsFor = (policy: CspDirectives | undefined): HeaderSets => {
    if (!policy) return standard
    let sets = byPolicy.get(policy)
    if (!sets) byPolicy.set(policy, sets = setsOf(securityHeadersFor(policy)))
    return sets
  }

  // upgrade-insecure-requests over plain HTTP would send the browser to https for every asset of /docs and the
  // console, which a server speaking http (any address but localhost) cannot answer: only when the request came
  // over TLS, directly or through a trusted proxy's X-Forwarded-Proto (TRUST_PROXY).
  app.addHook('onRequest', (request, reply, done) => {
    const sets = setsFor(request.routeOptions.config.csp)
    reply.headers(request.protocol === 'https' ? sets.https : sets.http)
    done()
  })

  // Tokens (login, register, refresh) and personal data (/me, rosters, anything behind a bearer token)
  // must not be kept by browsers or shared caches: every API answer, errors included, is no-store,
  // and so is any answer to a request that carried credentials, whatever the route.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.headers.authorization !== undefined || !cacheable(request)) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}, { name: 'security' })
