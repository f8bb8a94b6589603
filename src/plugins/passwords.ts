// Passwords plugin: `app.passwords`, the scheduled hasher every login, registration, password change and seed goes through.
import fp from 'fastify-plugin'
import { createPasswordHasher, type PasswordHasher } from '../lib/password-hasher.ts'

declare module 'fastify' {
  interface FastifyInstance {
    passwords: PasswordHasher
  }
}

export default fp(async (app) => {
  const { config } = app
  app.decorate('passwords', createPasswordHasher({
    logN: config.SCRYPT_LOG_N,
    concurrency: config.HASH_CONCURRENCY,
    queueLimits: {
      login: config.HASH_QUEUE_LOGIN,
      register: config.HASH_QUEUE_REGISTER,
      password_change: config.HASH_QUEUE_PASSWORD_CHANGE,
      user_create: config.HASH_QUEUE_USER_CREATE
    }
  }))
}, { name: 'passwords', dependencies: ['config'] })
