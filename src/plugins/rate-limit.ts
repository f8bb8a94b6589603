// Rate limits kept in the database (table rate_limits, shared by every process): counters and the per-user write cap.
import fp from 'fastify-plugin'
import { lte, sql } from 'drizzle-orm'
import type { FastifyReply } from 'fastify'
import { rateLimits } from '../../db/schema/index.ts'
import type { Database } from '../../db/client.ts'
import { tooManyRequests } from '../lib/problems.ts'

/** One counter after an event: how many in the current window and when that window ends (epoch ms). */
export type WindowCount = { count: number, resetAt: number }

export type RateLimiter = {
  /** Counts one event against `key` in a fixed window of `windowMs` that starts with the first event. One UPSERT. */
  hit: (key: string, windowMs: number) => WindowCount
  /** Takes one event back (a login that succeeded is not held against its address). */
  forgive: (key: string) => void
  /** Forgets a counter (a successful login clears the account's failures). */
  clear: (key: string) => void
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimiter: RateLimiter
  }
}

export const WRITE_WINDOW_MS = 60_000
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Expired counters are deleted now and then, on about one event in this many. */
const PURGE_ONE_IN = 200

export function createRateLimiter (db: Database, clock: () => Date): RateLimiter {
  return {
    hit (key, windowMs) {
      const now = clock().getTime()
      if (Math.random() * PURGE_ONE_IN < 1) db.delete(rateLimits).where(lte(rateLimits.resetAt, now)).run()
      // A window that has ended restarts at 1; otherwise the count grows and the end stays where it was.
      const row = db.insert(rateLimits).values({ key, count: 1, resetAt: now + windowMs })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${rateLimits.resetAt} <= ${now} then 1 else ${rateLimits.count} + 1 end`,
            resetAt: sql`case when ${rateLimits.resetAt} <= ${now} then excluded.reset_at else ${rateLimits.resetAt} end`
          }
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt }).get()
      return row ?? { count: 1, resetAt: now + windowMs }
    },
    forgive (key) {
      db.update(rateLimits).set({ count: sql`case when ${rateLimits.count} > 0 then ${rateLimits.count} - 1 else 0 end` }).where(sql`${rateLimits.key} = ${key}`).run()
    },
    clear (key) {
      db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`).run()
    }
  }
}

/** Seconds until a window ends, at least 1 (for Retry-After and RateLimit-Reset). */
export const secondsUntil = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000))

function setLimitHeaders (reply: FastifyReply, limit: number, remaining: number, resetSeconds: number) {
  reply.headers({
    'ratelimit-limit': limit,
    'ratelimit-remaining': remaining,
    'ratelimit-reset': resetSeconds,
    'x-ratelimit-limit': limit,
    'x-ratelimit-remaining': remaining,
    'x-ratelimit-reset': resetSeconds
  })
}

export default fp(async (app) => {
  const limiter = createRateLimiter(app.db, app.clock)
  app.decorate('rateLimiter', limiter)

  const limit = app.config.WRITE_RATE_LIMIT
  if (limit === 0) return
  // After authentication (onRequest) and before validation: refused writes count too, unauthenticated ones never reach here.
  app.addHook('preValidation', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || !request.actor) return
    const { count, resetAt } = limiter.hit(`write:${request.actor.userId}`, WRITE_WINDOW_MS)
    const resetSeconds = secondsUntil(resetAt, app.clock().getTime())
    setLimitHeaders(reply, limit, Math.max(0, limit - count), resetSeconds)
    if (count > limit) throw tooManyRequests(`at most ${limit} writes a minute per user; retry in ${resetSeconds} s`, resetSeconds)
  })
}, { name: 'rate-limit', dependencies: ['config', 'database', 'auth'] })
