// OpenAPI 3.1 document at /docs/json and Swagger UI at /docs, built from the route schemas.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { finishOpenApiDocument } from '../lib/openapi-inventory.ts'
import { docsCspDirectives } from './swagger-csp.ts'
import { addProblemCodes } from '../../schemas/common.ts'

type BodySchema = { type?: string, required?: string[], minProperties?: number, $ref?: string }
type OpenApiDocument = { paths?: Record<string, Record<string, { requestBody?: { required?: boolean, content?: Record<string, { schema?: BodySchema }> } }>> }

/**
 * @fastify/swagger marks every request body required, but an absent body is read as {} (plugins/errors.ts):
 * a body whose schema accepts {} (action routes: publish, approve, start, ...) is optional, as DESIGN says.
 */
function markOptionalBodies (document: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema
      const acceptsEmpty = schema !== undefined && schema.$ref === undefined && schema.type === 'object' &&
        (schema.required ?? []).length === 0 && (schema.minProperties ?? 0) === 0
      if (acceptsEmpty && operation.requestBody) operation.requestBody.required = false
    }
  }
  return document
}

export default fp(async (app) => {
  // A route that reads a body may also answer 413 (over the body limit) and 415 (not JSON): say so in its schema.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body === undefined) return
    const responses = (route.schema.response ??= {}) as Record<string, unknown>
    for (const status of [413, 415]) if (responses[status] === undefined) addProblemCodes(responses, status, [])
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Talent Orders API',
        version: '1.0.0',
        description: 'School–enterprise order-based training marketplace: enterprises post training orders, colleges answer with sealed bids, alliance coordinators approve matches.',
        license: { name: 'UNLICENSED', identifier: 'UNLICENSED' }
      },
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /v1/auth/login' }
        }
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'auth', description: 'Registration, login, tokens' },
        { name: 'users', description: 'The caller and platform users' },
        { name: 'alliances', description: 'Industry alliances and memberships' },
        { name: 'organizations', description: 'Enterprise and college profiles' },
        { name: 'orders', description: 'Training orders' },
        { name: 'bids', description: 'Sealed bids from colleges' },
        { name: 'matches', description: 'Proposed and approved matches' },
        { name: 'complaints', description: 'Complaints against approved matches during the standstill' },
        { name: 'recommendations', description: 'Explained rankings in both directions' },
        { name: 'skills', description: 'The bilingual skills vocabulary' },
        { name: 'cohorts', description: 'Training runs and rosters' },
        { name: 'reports', description: 'Outcome figures' },
        { name: 'webhooks', description: 'Webhook endpoints and their delivery log' }
      ]
    },
    transformObject: (generated) => markOptionalBodies(finishOpenApiDocument(generated) as OpenApiDocument) as ReturnType<typeof finishOpenApiDocument>,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`) }
  })
  // The Swagger UI pages get the API's CSP plus the hashes of the UI's own inline <style> elements (the route's `csp`,
  // which plugins/security.ts turns into headers once); the rest of the API keeps the strict policy.
  const docsPolicy = docsCspDirectives()
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) route.config = { ...route.config, csp: docsPolicy }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } })
}, { name: 'swagger' })
