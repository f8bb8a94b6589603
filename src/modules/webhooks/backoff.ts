// The retry schedule of webhook deliveries: exponential backoff with jitter, a cap, and a last attempt.
/** Attempts before a delivery is `failed` (the last one about a day after the first). */
export const MAX_ATTEMPTS = 8

const FIRST_DELAY_MS = 10_000
const GROWTH = 6
const MAX_DELAY_MS = 10 * 60 * 60 * 1000
/** The jitter keeps 75–100 % of each delay, so retries of many deliveries spread out but never come late. */
const JITTER = 0.25

/** The delay before the next attempt after the `attempts`-th failed: 10 s · 6^(n−1), at most 10 h, times [0.75, 1]. */
export function retryDelayMs (attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_DELAY_MS * GROWTH ** Math.max(0, attempts - 1), MAX_DELAY_MS)
  return Math.round(base * (1 - JITTER * random()))
}

/** When the next attempt is due after a failed one, or null when that was the last. */
export function nextAttemptAt (attempts: number, at: Date, random: () => number = Math.random): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null
  return new Date(at.getTime() + retryDelayMs(attempts, random))
}
