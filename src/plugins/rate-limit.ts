// Rate limits kept in the database (table rate_limits, shared by every process): counters and the per-user write cap.
import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'
import type { Executor } from '../../db/executor.ts'
import { tooManyRequests } from '../lib/problems.ts'

/** One counter after an event: how many in the current window and when that window ends (epoch ms). */
export type WindowCount = { count: number, resetAt: number }

export type RateLimiter = {
  /** Counts one event against `key` in a fixed window of `windowMs` that starts with the first event. One UPSERT. */
  hit: (key: string, windowMs: number) => Promise<WindowCount>
  /** Takes one event back (a login that succeeded is not held against its address). */
  forgive: (key: string) => Promise<void>
  /** Forgets a counter (a successful login clears the account's failures). */
  clear: (key: string) => Promise<void>
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

// One statement, atomic on both engines whichever process runs it: a window that has ended
// restarts at 1; otherwise the count grows and the end stays where it was.
const HIT = `
  insert into rate_limits (key, count, reset_at) values (@key, 1, @resetAt)
  on conflict (key) do update set
    count = case when rate_limits.reset_at <= @now then 1 else rate_limits.count + 1 end,
    reset_at = case when rate_limits.reset_at <= @now then excluded.reset_at else rate_limits.reset_at end
  returning count, reset_at as "resetAt"`
const FORGIVE = 'update rate_limits set count = case when count > 0 then count - 1 else 0 end where key = @key'
const CLEAR = 'delete from rate_limits where key = @key'
const PURGE = 'delete from rate_limits where reset_at <= @now'

/** Counters on `ex` (the data layer: each call is its own statement, never inside a write transaction). */
export function createRateLimiter (ex: Executor, clock: () => Date): RateLimiter {
  return {
    async hit (key, windowMs) {
      const now = clock().getTime()
      if (Math.random() * PURGE_ONE_IN < 1) await ex.run(PURGE, { now })
      const row = await ex.get<WindowCount>(HIT, { key, resetAt: now + windowMs, now })
      return row ? { count: Number(row.count), resetAt: Number(row.resetAt) } : { count: 1, resetAt: now + windowMs }
    },
    async forgive (key) {
      await ex.run(FORGIVE, { key })
    },
    async clear (key) {
      await ex.run(CLEAR, { key })
    }
  }
}

/** Seconds until a window ends, at least 1 (for Retry-After and RateLimit-Reset). */
export const secondsUntil = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000))

const HOUR_MS = 60 * 60 * 1000

/** Counts one event against `key` in an hour; 429 with Retry-After past `limit`. */
export async function countHourly (limiter: RateLimiter, key: string, limit: number, now: Date, what: string): Promise<void> {
  const { count, resetAt } = await limiter.hit(key, HOUR_MS)
  if (count > limit) {
    const wait = secondsUntil(resetAt, now.getTime())
    throw tooManyRequests(`at most ${limit} ${what} an hour; retry in ${wait} s`, wait)
  }
}

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
  const limiter = createRateLimiter(app.data, app.clock)
  app.decorate('rateLimiter', limiter)

  const limit = app.config.WRITE_RATE_LIMIT
  if (limit === 0) return
  // After authentication (onRequest) and before validation: refused writes count too, unauthenticated ones never reach here.
  app.addHook('preValidation', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || !request.actor) return
    const { count, resetAt } = await limiter.hit(`write:${request.actor.userId}`, WRITE_WINDOW_MS)
    const resetSeconds = secondsUntil(resetAt, app.clock().getTime())
    setLimitHeaders(reply, limit, Math.max(0, limit - count), resetSeconds)
    if (count > limit) throw tooManyRequests(`at most ${limit} writes a minute per user; retry in ${resetSeconds} s`, resetSeconds)
  })
}, { name: 'rate-limit', dependencies: ['config', 'database', 'auth'] })
