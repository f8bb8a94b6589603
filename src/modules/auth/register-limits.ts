// Registrations per client address per hour (REGISTER_RATE_LIMIT), counted in the shared rate_limits table.
import type { RateLimiter } from '../../plugins/rate-limit.ts'
import { secondsUntil } from '../../plugins/rate-limit.ts'
import { tooManyRequests } from '../../lib/problems.ts'

export const REGISTER_WINDOW_MS = 60 * 60 * 1000

const addressKey = (ip: string) => `register:address:${ip}`

export type RegistrationAttempt = {
  /** Nothing was done for it (the server was too busy: 503): the attempt is taken back. */
  withdrawn: () => Promise<void>
}

/**
 * Counts a registration attempt from an address before any work is done for it (so parallel requests
 * cannot slip past), refused or not, and refuses it with 429 once the address is over `limit` in the hour.
 * `limit` 0 turns the limit off.
 */
export async function beginRegistration (limiter: RateLimiter, limit: number, ip: string, now: Date): Promise<RegistrationAttempt> {
  if (limit === 0) return { withdrawn: async () => {} }
  const { count, resetAt } = await limiter.hit(addressKey(ip), REGISTER_WINDOW_MS)
  if (count > limit) {
    const wait = secondsUntil(resetAt, now.getTime())
    throw tooManyRequests(`at most ${limit} registrations an hour from one address; retry in ${wait} s`, wait)
  }
  return { withdrawn: async () => { await limiter.forgive(addressKey(ip)) } }
}
