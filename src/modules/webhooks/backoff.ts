// The retry schedule of webhook deliveries: 10 s · 6^(n−1), at most 10 h, with jitter; 8 attempts (the last about a day after the first).
import { nextAttemptAt as nextOf, retryDelayMs as delayOf, type BackoffSchedule } from '../../lib/backoff.ts'

export const MAX_ATTEMPTS = 8

const WEBHOOK_SCHEDULE: BackoffSchedule = {
  maxAttempts: MAX_ATTEMPTS,
  firstDelayMs: 10_000,
  growth: 6,
  maxDelayMs: 10 * 60 * 60 * 1000
}

/** The delay before the next attempt after the `attempts`-th failed. */
export const retryDelayMs = (attempts: number, random: () => number = Math.random) => delayOf(WEBHOOK_SCHEDULE, attempts, random)

/** When the next attempt is due after a failed one, or null when that was the last. */
export const nextAttemptAt = (attempts: number, at: Date, random: () => number = Math.random) => nextOf(WEBHOOK_SCHEDULE, attempts, at, random)
