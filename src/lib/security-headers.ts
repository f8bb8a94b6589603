// The security headers @fastify/helmet sets, also as a fixed set for answers Fastify sends before any hook runs.
import { createRequire } from 'node:module'
import type { FastifyHelmetOptions } from '@fastify/helmet'

export type CspDirectives = Record<string, string[]>

/**
 * The policy every page of this origin gets: scripts and styles only from this origin (the console's bundle),
 * nothing inline, no plugins, no framing by others. A route may extend it (see plugins/swagger-csp.ts).
 * No upgrade-insecure-requests here: plugins/security.ts adds it only to requests that came over TLS.
 */
export function cspDirectives (extra: CspDirectives = {}): CspDirectives {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    ...extra
  }
}

/** helmet's options (shared by the plugin and the fixed set below). */
export const helmetOptions = {
  global: true,
  enableCSPNonces: false,
  contentSecurityPolicy: { useDefaults: false, directives: cspDirectives() }
} satisfies FastifyHelmetOptions

type HeaderSink = { setHeader: (name: string, value: string) => void, removeHeader: (name: string) => void }
type Middleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void

/**
 * The headers helmet writes with these options, computed once by running the very helmet that
 * @fastify/helmet loads (no nonces are enabled, so they are the same on every answer).
 */
function computeSecurityHeaders (): Readonly<Record<string, string>> {
  const fromPlugin = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))
  const helmet = fromPlugin('helmet') as (options: object) => Middleware
  const { global: _global, enableCSPNonces: _nonces, ...options } = helmetOptions
  const headers: Record<string, string> = {}
  const sink: HeaderSink = {
    setHeader: (name, value) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name) => { Reflect.deleteProperty(headers, name.toLowerCase()) }
  }
  helmet(options)({ headers: {} }, sink, (error) => { if (error) throw error })
  return Object.freeze(headers)
}

export const securityHeaders = computeSecurityHeaders()
