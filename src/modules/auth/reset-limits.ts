// Password reset requests per email an hour, known account or not (DESIGN: 429 past 5).
import { countHourly, type RateLimiter } from '../../plugins/rate-limit.ts'

export const RESETS_PER_HOUR = 5

/** Counts one reset request for the (normalized) email; 429 past the hourly limit. */
export const countResetRequest = async (limiter: RateLimiter, emailNormalized: string, now: Date) =>
  await countHourly(limiter, `password-reset:email:${emailNormalized}`, RESETS_PER_HOUR, now, 'password reset requests for one email')
