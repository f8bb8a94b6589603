// Security headers from @fastify/helmet; CSP without upgrade-insecure-requests so /docs also works over plain HTTP.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'

export default fp(async (app) => {
  await app.register(helmet, {
    global: true,
    enableCSPNonces: false,
    // upgrade-insecure-requests makes browsers fetch the Swagger UI's scripts over https from a server that
    // speaks http (any host but localhost), leaving /docs blank; HSTS still pins https where it is served.
    contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } }
  })
}, { name: 'security' })
