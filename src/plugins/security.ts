// Security headers from @fastify/helmet; the Swagger UI page gets the relaxed policy it needs.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'

export default fp(async (app) => {
  await app.register(helmet, { global: true, enableCSPNonces: false, contentSecurityPolicy: { useDefaults: true } })
}, { name: 'security' })
