// Console sessions: on request, the refresh token travels in an httpOnly SameSite=Strict cookie on /v1/auth, not in the body.
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest, onSendAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify'
import { addRouteHook } from '../lib/route-hooks.ts'
import { unauthenticated } from '../lib/problems.ts'

/** The header a same-origin client sends to use the cookie; a cross-site form cannot set it (CSRF guard). */
export const SESSION_COOKIE_HEADER = 'x-session-cookie'
export const REFRESH_COOKIE = 'talent_refresh'
export const REFRESH_COOKIE_PATH = '/v1/auth'

// Routes whose successful answer carries a refresh token, and routes that take one.
const ISSUING = new Set(['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh'])
const TAKING = new Set(['/v1/auth/refresh', '/v1/auth/logout'])

const wantsCookie = (request: FastifyRequest) => request.headers[SESSION_COOKIE_HEADER] === '1'

export default fp(async (app) => {
  await app.register(cookie)
  const maxAge = app.config.REFRESH_TOKEN_TTL
  const attributes = (request: FastifyRequest) => ({
    path: REFRESH_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https'
  })
  const clear = (request: FastifyRequest, reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, attributes(request))

  // A cookie client sends no token in the body: the cookie supplies it before the body schema is checked.
  const takeCookie: preValidationAsyncHookHandler = async function (request) {
    if (!wantsCookie(request)) return
    const body = (request.body ?? {}) as Record<string, unknown>
    if (typeof body['refreshToken'] === 'string') return
    const token = request.cookies[REFRESH_COOKIE]
    if (!token) throw unauthenticated('no session cookie: log in again')
    request.body = { ...body, refreshToken: token }
  }

  // The refresh token goes into the cookie and out of the body, so the page's scripts never hold it.
  const moveToCookie: onSendAsyncHookHandler = async function (request, reply, payload) {
    if (!wantsCookie(request)) return payload
    const url = request.routeOptions.url ?? ''
    if (url === '/v1/auth/logout' && reply.statusCode === 204) clear(request, reply)
    if (!ISSUING.has(url)) return payload
    if (reply.statusCode === 401) clear(request, reply)
    if (reply.statusCode !== 200 && reply.statusCode !== 201) return payload
    if (typeof payload !== 'string') return payload
    const body = JSON.parse(payload) as Record<string, unknown>
    const token = body['refreshToken']
    if (typeof token !== 'string') return payload
    delete body['refreshToken']
    reply.setCookie(REFRESH_COOKIE, token, { ...attributes(request), maxAge })
    return JSON.stringify(body)
  }

  // Only the routes that issue or take a refresh token run these.
  app.addHook('onRoute', (route) => {
    if (TAKING.has(route.url)) addRouteHook(route, 'preValidation', takeCookie)
    if (ISSUING.has(route.url) || TAKING.has(route.url)) addRouteHook(route, 'onSend', moveToCookie)
  })
}, { name: 'session-cookie', dependencies: ['config'] })
