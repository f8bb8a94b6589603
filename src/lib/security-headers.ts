// The security headers: helmet's, computed once per Content-Security-Policy; the fixed set also serves answers Fastify sends before any hook runs.
import helmet from 'helmet'

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

type HeaderSink = { setHeader: (name: string, value: string) => void, removeHeader: (name: string) => void }
type Middleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void
export type SecurityHeaders = Readonly<Record<string, string>>

/**
 * The headers helmet writes under a policy, computed once by running helmet itself: without nonces they are the same
 * on every answer, so nothing needs rebuilding per request (helmet's middleware re-serialises the policy each time).
 */
export function securityHeadersFor (directives: CspDirectives): SecurityHeaders {
  const headers: Record<string, string> = {}
  const sink: HeaderSink = {
    setHeader: (name, value) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name) => { Reflect.deleteProperty(headers, name.toLowerCase()) }
  }
  const middleware = helmet({ contentSecurityPolicy: { useDefaults: false, directives } }) as unknown as Middleware
  middleware({ headers: {} }, sink, (error) => { if (error) throw error })
  return Object.freeze(headers)
}

/** The same set for a request that came over TLS: the policy also upgrades insecure requests (see plugins/security.ts). */
export const overTls = (headers: SecurityHeaders): SecurityHeaders => Object.freeze({
  ...headers,
  'content-security-policy': `${headers['content-security-policy']};upgrade-insecure-requests`
})

/** The API's and the console's set (also used for answers Fastify sends before any hook runs). */
export const securityHeaders = securityHeadersFor(cspDirectives())
