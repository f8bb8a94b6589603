// OpenAPI 3.1 document at /docs/json and Swagger UI at /docs, built from the route schemas.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { finishOpenApiDocument } from '../lib/openapi-inventory.ts'

export default fp(async (app) => {
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
        { name: 'recommendations', description: 'Explained rankings in both directions' },
        { name: 'skills', description: 'The bilingual skills vocabulary' },
        { name: 'cohorts', description: 'Training runs and rosters' },
        { name: 'reports', description: 'Outcome figures' }
      ]
    },
    transformObject: finishOpenApiDocument,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`) }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
}, { name: 'swagger' })
