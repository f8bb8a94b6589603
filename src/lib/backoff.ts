// Retry schedules for outboxes (webhooks, mail): exponential backoff with jitter, a cap, and a last attempt.
export type BackoffSchedule = {
  /** Attempts before a message is given up as `failed`. */
  maxAttempts: number
  firstDelayMs: number
  growth: number
  maxDelayMs: number
}

/** The jitter keeps 75–100 % of each delay, so retries of many messages spread out but never come late. */
const JITTER = 0.25

/** The delay after the `attempts`-th failed attempt: first · growth^(n−1), at most the cap, times [0.75, 1]. */
export function retryDelayMs (schedule: BackoffSchedule, attempts: number, random: () => number = Math.random): number {
  const base = Math.min(schedule.firstDelayMs * schedule.growth ** Math.max(0, attempts - 1), schedule.maxDelayMs)
  return Math.round(base * (1 - JITTER * random()))
}

/** When the next attempt is due after a failed one, or null when that was the last. */
export function nextAttemptAt (schedule: BackoffSchedule, attempts: number, at: Date, random: () => number = Math.random): Date | null {
  if (attempts >= schedule.maxAttempts) return null
  return new Date(at.getTime() + retryDelayMs(schedule, attempts, random))
}
