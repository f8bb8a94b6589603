// The hourly limit on invitation mail (new and resent) per organization, counted in the shared rate_limits table.
import { countHourly, type RateLimiter } from '../../plugins/rate-limit.ts'

/** Invitations sent or resent by one organization in an hour. */
export const INVITATIONS_PER_HOUR = 50

/** Counts one invitation mail of the organization; 429 past the hourly limit. */
export const countInvitationMail = async (limiter: RateLimiter, organizationId: string, now: Date) =>
  await countHourly(limiter, `invitation:organization:${organizationId}`, INVITATIONS_PER_HOUR, now, 'invitations from one organization')
