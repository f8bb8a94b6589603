// The security headers @fastify/helmet sets, also as a fixed set for answers Fastify sends before any hook runs.
import { createRequire } from 'node:module'
import type { FastifyHelmetOptions } from '@fastify/helmet'

/** helmet's options (shared by the plugin and the fixed set below). */
export const helmetOptions = {
  global: true,
  enableCSPNonces: false,
  // upgrade-insecure-requests makes browsers fetch the Swagger UI's scripts over https from a server that
  // speaks http (any host but localhost), leaving /docs blank; HSTS still pins https where it is served.
  contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } }
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
