// Fastify server options shared by production and tests: logging, limits, timeouts, validation.
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'
import { clientErrorHandler, frameworkErrors } from './lib/problem-reply.ts'

export const BODY_LIMIT = 1024 * 1024

export function serverOptions (config: Pick<Config, 'LOG_LEVEL' | 'TRUST_PROXY'>): FastifyServerOptions {
  return {
    // The client address (per-address login limits) comes from X-Forwarded-For only through that many trusted proxies.
    trustProxy: config.TRUST_PROXY > 0 ? (_address: string, hop: number) => hop < config.TRUST_PROXY : false,
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie']
    },
    bodyLimit: BODY_LIMIT,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Router errors and malformed HTTP answer as problems with the security headers, like everything else.
    frameworkErrors,
    clientErrorHandler,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID()
  }
}
