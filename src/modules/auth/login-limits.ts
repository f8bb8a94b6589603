// Failed-login limits per account and per client address, counted in the shared rate_limits table.
import { createHash } from 'node:crypto'
import type { RateLimiter } from '../../plugins/rate-limit.ts'
import { secondsUntil } from '../../plugins/rate-limit.ts'
import { tooManyRequests } from '../../lib/problems.ts'
import { normalizeEmail } from '../accounts/index.ts'

/** After this many failures for one account within the window, its logins are refused until the window ends. */
export const ACCOUNT_FAILURE_LIMIT = 10
/** One address may fail this often across all accounts (password spraying) within the window. */
export const ADDRESS_FAILURE_LIMIT = 100
export const LOGIN_WINDOW_MS = 15 * 60 * 1000

// Emails are hashed so the counters table holds no addresses of people.
const accountKey = (email: string) => `login:account:${createHash('sha256').update(normalizeEmail(email)).digest('base64url')}`
const addressKey = (ip: string) => `login:address:${ip}`

export type LoginAttempt = {
  /** The password was right: the account's failures are forgotten and the attempt is not held against the address. */
  succeeded: () => Promise<void>
  /** The password was never checked (the server was too busy: 503): the attempt is taken back from both counters. */
  withdrawn: () => Promise<void>
}

/**
 * Counts an attempt before the password is checked (so parallel guesses cannot slip past the limit),
 * and refuses it with 429 once the account or the address is over its limit. Unknown and known
 * accounts are counted alike, so the answer reveals nothing about which emails exist.
 */
export async function beginLoginAttempt (limiter: RateLimiter, email: string, ip: string, now: Date): Promise<LoginAttempt> {
  // Each count is one UPSERT (insert … on conflict do update … returning): parallel attempts in any process each get their own count.
  const account = await limiter.hit(accountKey(email), LOGIN_WINDOW_MS)
  const address = await limiter.hit(addressKey(ip), LOGIN_WINDOW_MS)
  const at = now.getTime()
  if (account.count > ACCOUNT_FAILURE_LIMIT) {
    const wait = secondsUntil(account.resetAt, at)
    throw tooManyRequests(`too many failed logins for this account; retry in ${wait} s`, wait)
  }
  if (address.count > ADDRESS_FAILURE_LIMIT) {
    const wait = secondsUntil(address.resetAt, at)
    throw tooManyRequests(`too many failed logins from this address; retry in ${wait} s`, wait)
  }
  return {
    succeeded: async () => {
      await limiter.clear(accountKey(email))
      await limiter.forgive(addressKey(ip))
    },
    withdrawn: async () => {
      await limiter.forgive(accountKey(email))
      await limiter.forgive(addressKey(ip))
    }
  }
}
