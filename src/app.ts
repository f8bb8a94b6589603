// The application as a plugin: infrastructure plugins, then decorators, then routes under /v1.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import sensible from '@fastify/sensible'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import './lib/route-config.ts'
import type { Config } from './config.ts'
import type { Clock } from './lib/clock.ts'
import { serverOptions } from './server-options.ts'
import { validatorCompiler } from './lib/validation.ts'
import configPlugin from './plugins/config.ts'
import errorsPlugin from './plugins/errors.ts'
import securityPlugin from './plugins/security.ts'
import swaggerPlugin from './plugins/swagger.ts'
import databasePlugin from './plugins/database.ts'
import metricsPlugin from './plugins/metrics.ts'
import authPlugin from './plugins/auth.ts'
import passwordsPlugin from './plugins/passwords.ts'
import rateLimitPlugin from './plugins/rate-limit.ts'
import idempotencyPlugin from './plugins/idempotency.ts'
import locationPlugin from './plugins/location.ts'
import seedPlugin from './plugins/seed.ts'
import sessionCookiePlugin from './plugins/session-cookie.ts'
import consolePlugin from './plugins/console.ts'
import healthRoutes from './modules/health/routes.ts'
import { webhookWorkerPlugin } from './modules/webhooks/worker.ts'
import { mailWorkerPlugin } from './modules/mail/index.ts'
import v1Routes from './routes-v1.ts'

export type AppOptions = { config: Config, clock?: Clock, consoleRoot?: string }

export const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  // Bodies are validated without coercion or silent stripping; query strings and params are coerced.
  fastify.setValidatorCompiler(validatorCompiler)
  await fastify.register(configPlugin, opts.clock ? { config: opts.config, clock: opts.clock } : { config: opts.config })
  await fastify.register(errorsPlugin)
  await fastify.register(sensible)
  await fastify.register(securityPlugin)
  await fastify.register(swaggerPlugin)
  await fastify.register(databasePlugin)
  await fastify.register(metricsPlugin)
  await fastify.register(authPlugin)
  await fastify.register(passwordsPlugin)
  await fastify.register(sessionCookiePlugin)
  await fastify.register(rateLimitPlugin)
  await fastify.register(idempotencyPlugin)
  await fastify.register(locationPlugin)
  await fastify.register(seedPlugin)
  await fastify.register(webhookWorkerPlugin)
  await fastify.register(mailWorkerPlugin)
  await fastify.register(healthRoutes)
  await fastify.register(v1Routes, { prefix: '/v1' })
  await fastify.register(consolePlugin, opts.consoleRoot ? { root: opts.consoleRoot } : {})
}

/** Builds a ready application with the production server options. */
export async function buildApp (opts: AppOptions): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(opts.config)).withTypeProvider<TypeBoxTypeProvider>()
  // Unwrapped, so the decorators (db, sqlite, clock, config) are reachable on the returned instance.
  await fastify.register(fp(app, { name: 'talent-orders' }), opts)
  await fastify.ready()
  return fastify
}
