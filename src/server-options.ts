// Fastify server options shared by production and tests: logging, limits, timeouts, validation.
import { createRequire } from 'node:module'
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'
import { clientErrorHandler, frameworkErrors } from './lib/problem-reply.ts'
import { cachedSerializerFactory } from './lib/serializer-cache.ts'

export const BODY_LIMIT = 1024 * 1024

/** pino-pretty is a dev dependency: its path when installed, else undefined (a production install logs JSON). */
function prettyTransportTarget (): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('pino-pretty')
  } catch {
    return undefined
  }
}

function loggerOptions (config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>): FastifyServerOptions['logger'] {
  const logger = {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie']
  }
  if (config.LOG_FORMAT !== 'pretty' || config.LOG_LEVEL === 'silent') return logger
  const target = prettyTransportTarget()
  if (!target) {
    process.stderr.write('talent-orders: LOG_FORMAT=pretty needs the dev dependency pino-pretty; logging JSON\n')
    return logger
  }
  return { ...logger, transport: { target, options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
}

export function serverOptions (config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT' | 'TRUST_PROXY'>): FastifyServerOptions {
  return {
    // The client address (per-address login limits) comes from X-Forwarded-For only through that many trusted proxies.
    trustProxy: config.TRUST_PROXY > 0 ? (_address: string, hop: number) => hop < config.TRUST_PROXY : false,
    logger: loggerOptions(config),
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
    genReqId: () => crypto.randomUUID(),
    schemaController: { compilersFactory: { buildSerializer: cachedSerializerFactory } }
  }
}
