// Finishes the generated OpenAPI document: client contract (openapi-contract.ts), rate-limit headers, integer formats, server and JWT notes.
import type { SwaggerTransformObject } from '@fastify/swagger'
import { finishContract } from './openapi-contract.ts'

type Json = Record<string, unknown>

const INT32_MAX = 2 ** 31 - 1
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

const whenSent = 'Sent on authenticated writes (POST, PUT, PATCH, DELETE), which count against WRITE_RATE_LIMIT per user per minute; absent on reads, public routes and when the limit is off.'
const seconds = (description: string, maximum: number) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum }
})

/**
 * Reusable header objects, referenced from every response. The same values also go out as
 * X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset for older clients; the document
 * names one family only, as the OWASP ruleset asks.
 */
export const rateLimitHeaders: Record<string, Json> = {
  'RateLimit-Limit': seconds(`Writes allowed per window (IETF draft RateLimit header fields; also sent as X-RateLimit-Limit). ${whenSent}`, 1_000_000),
  'RateLimit-Remaining': seconds(`Writes left in the current window (also X-RateLimit-Remaining). ${whenSent}`, 1_000_000),
  'RateLimit-Reset': seconds(`Seconds until the window ends (also X-RateLimit-Reset). ${whenSent}`, 3600)
}

/** Documents the rate-limit headers on every 2xx and 4xx response of every operation. */
function addRateLimitHeaders (doc: Json): void {
  const components = (doc['components'] ??= {}) as Json
  const headers = (components['headers'] ??= {}) as Json
  Object.assign(headers, rateLimitHeaders)
  for (const pathItem of Object.values((doc['paths'] ?? {}) as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method)) continue
      for (const [status, response] of Object.entries(((operation as Json)['responses'] ?? {}) as Record<string, Json>)) {
        if (!/^[24]/.test(status)) continue
        const own = (response['headers'] ??= {}) as Json
        for (const name of Object.keys(rateLimitHeaders)) own[name] ??= { $ref: `#/components/headers/${name}` }
      }
    }
  }
}

/** Gives every integer schema an explicit int32/int64 format, read off its own bounds. */
function addIntegerFormats (node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addIntegerFormats)
    return
  }
  if (node === null || typeof node !== 'object') return
  const schema = node as Json
  if (schema['type'] === 'integer' && schema['format'] === undefined) {
    const low = Number(schema['minimum'] ?? schema['exclusiveMinimum'] ?? -Infinity)
    const high = Number(schema['maximum'] ?? schema['exclusiveMaximum'] ?? Infinity)
    schema['format'] = low >= -INT32_MAX - 1 && high <= INT32_MAX ? 'int32' : 'int64'
  }
  for (const value of Object.values(schema)) addIntegerFormats(value)
}

/** The @fastify/swagger `transformObject` hook: adjusts the generated OpenAPI 3 document in place. */
export const finishOpenApiDocument: SwaggerTransformObject = (generated) => {
  if (!('openapiObject' in generated)) return generated.swaggerObject
  // A copy: the generated document may share objects with the route schemas that Fastify compiled.
  const doc = structuredClone(generated.openapiObject) as Json
  finishContract(doc)
  addRateLimitHeaders(doc)
  addIntegerFormats(doc['paths'])
  addIntegerFormats(doc['components'])
  for (const server of (doc['servers'] ?? []) as Json[]) {
    server['x-internal'] ??= false
    server['description'] = `${String(server['description'] ?? 'this server')} (the environment it runs in: local, staging or production)`
  }
  const schemes = ((doc['components'] as Json)['securitySchemes'] ?? {}) as Record<string, Json>
  for (const scheme of Object.values(schemes)) {
    if (scheme['bearerFormat'] === 'JWT') {
      scheme['description'] = `${String(scheme['description'] ?? '')}. HS256 JWT per RFC8725 best practices: one algorithm, exp, iss and aud always verified; lifetime ACCESS_TOKEN_TTL (900 s by default).`
    }
  }
  return doc as ReturnType<SwaggerTransformObject>
}
