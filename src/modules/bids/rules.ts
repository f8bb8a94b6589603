// Pure bid rules: derived totals, cohort size, start date, and who reads a bid while it is sealed.
import type { CurriculumModule, OrderStatus } from '../../../db/schema/index.ts'
import type { ProblemFieldError } from '../../lib/problems.ts'
import { bidsSealed } from '../orders/index.ts'

export const totalHours = (curriculum: readonly CurriculumModule[]) => curriculum.reduce((sum, m) => sum + m.hours, 0)

export const totalPrice = (pricePerTrainee: number, cohortSize: number) => pricePerTrainee * cohortSize

export const cohortSizeFits = (cohortSize: number, headcount: number) => cohortSize >= 1 && cohortSize <= headcount

/** The last calendar date every store holds and SQLite's date() computes (it gives NULL past year 9999). */
export const LAST_DATE = '9999-12-31'

const DAY_MS = 86_400_000

/** Whether the training (`startDate` plus `durationWeeks` weeks) ends by LAST_DATE, so its cohort's end date can be stored. */
export const trainingEndFits = (startDate: string, durationWeeks: number) =>
  Date.parse(`${startDate}T00:00:00.000Z`) + durationWeeks * 7 * DAY_MS <= Date.parse(`${LAST_DATE}T00:00:00.000Z`)

export type StartDateCheck = { ok: true } | { ok: false, code: 'start_date_past' | 'start_date_outside_window', error: ProblemFieldError }

/**
 * A bid's startDate is today or later (UTC calendar day of the request) and inside the order's training
 * window, trainingStart to trainingEnd inclusive. Dates are YYYY-MM-DD, so they compare as strings.
 */
export function checkStartDate (startDate: string, order: { trainingStart: string, trainingEnd: string }, at: Date): StartDateCheck {
  const today = at.toISOString().slice(0, 10)
  if (startDate < today) return { ok: false, code: 'start_date_past', error: { path: '/startDate', message: `must not be before today (${today})` } }
  if (startDate < order.trainingStart || startDate > order.trainingEnd) {
    return { ok: false, code: 'start_date_outside_window', error: { path: '/startDate', message: `must be within the order's training window, ${order.trainingStart} to ${order.trainingEnd}` } }
  }
  return { ok: true }
}

export type BidReading = 'own' | 'full' | 'sealed' | 'hidden'

/** What the caller gets when reading a bid: its own, all of it, a 409 while sealed, or nothing (404). */
export function bidReading (caller: { organizationId: string | null }, bid: { organizationId: string }, order: { visible: boolean, privileged: boolean, status: OrderStatus, biddingClosedAt: string | null }): BidReading {
  if (caller.organizationId !== null && caller.organizationId === bid.organizationId) return 'own'
  if (!order.visible || !order.privileged) return 'hidden'
  return bidsSealed(order) ? 'sealed' : 'full'
}
