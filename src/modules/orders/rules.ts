// Pure order rules: effective status, date coherence, hiring commitment, allowed edits and transitions, bid sealing.
import type { MatchStatus, OrderStatus } from '../../../db/schema/index.ts'
import type { ProblemFieldError } from '../../lib/problems.ts'

export type OrderDates = { trainingStart: string, trainingEnd: string, bidDeadline: string, questionDeadline?: string | null | undefined }
export type OrderHiring = { headcount: number, hiringPositions: number | null, monthlySalaryMin: number | null, monthlySalaryMax: number | null }

/** Where closing bidding leads: evaluating, or unsuccessful with fewer submitted bids than the order's minBids. */
export const closedStatus = (submittedBids: number, minBids: number): 'evaluating' | 'unsuccessful' =>
  submittedBids < minBids ? 'unsuccessful' : 'evaluating'

/**
 * An open order whose deadline has passed is evaluating (or unsuccessful), whether or not anything has stored that
 * yet. The SQL of every read says the same (EFFECTIVE_STATUS in order-sql.ts).
 */
export function effectiveStatus (order: { status: OrderStatus, bidDeadline: string, minBids: number }, submittedBids: number, now: Date): OrderStatus {
  return order.status === 'open' && isDeadlinePassed(order.bidDeadline, now) ? closedStatus(submittedBids, order.minBids) : order.status
}

export const isDeadlinePassed = (bidDeadline: string, now: Date) => new Date(bidDeadline).getTime() <= now.getTime()

/** Open with a deadline passed: reads as evaluating, and the next write stores that. */
export const needsClosing = (order: { status: OrderStatus, bidDeadline: string }, now: Date) =>
  order.status === 'open' && isDeadlinePassed(order.bidDeadline, now)

/** Start of the training's first day (UTC): the bid deadline must fall before it. */
const startOfDay = (date: string) => new Date(`${date}T00:00:00.000Z`).getTime()

/** Date coherence: trainingEnd after trainingStart, bidDeadline before trainingStart, questionDeadline no later than bidDeadline. */
export function dateErrors (dates: OrderDates): ProblemFieldError[] {
  const errors: ProblemFieldError[] = []
  const deadline = new Date(dates.bidDeadline).getTime()
  if (dates.trainingEnd <= dates.trainingStart) errors.push({ path: '/trainingEnd', message: 'must be after trainingStart' })
  if (deadline >= startOfDay(dates.trainingStart)) errors.push({ path: '/bidDeadline', message: 'must be before trainingStart' })
  if (dates.questionDeadline != null && new Date(dates.questionDeadline).getTime() > deadline) {
    errors.push({ path: '/questionDeadline', message: `must be no later than bidDeadline (${dates.bidDeadline})` })
  }
  return errors
}

/** Hiring commitment: positions at most the headcount, salary range in order. */
export function hiringErrors (hiring: OrderHiring): ProblemFieldError[] {
  const errors: ProblemFieldError[] = []
  if (hiring.hiringPositions !== null && hiring.hiringPositions > hiring.headcount) {
    errors.push({ path: '/hiringCommitment/positions', message: 'must not exceed headcount' })
  }
  if (hiring.monthlySalaryMin !== null && hiring.monthlySalaryMax !== null && hiring.monthlySalaryMin > hiring.monthlySalaryMax) {
    errors.push({ path: '/hiringCommitment/monthlySalaryMax', message: 'must be at least monthlySalaryMin' })
  }
  return errors
}

export type PublishCheck = { ok: true } | { ok: false, reason: 'not_draft' | 'deadline_passed' }

/** A draft publishes when its deadline is still ahead. */
export function canPublish (order: { status: OrderStatus, bidDeadline: string }, now: Date): PublishCheck {
  if (order.status !== 'draft') return { ok: false, reason: 'not_draft' }
  if (isDeadlinePassed(order.bidDeadline, now)) return { ok: false, reason: 'deadline_passed' }
  return { ok: true }
}

export type MatchSeats = { status: MatchStatus, seats: number }

/** Seats still free: headcount minus the seats of proposed and approved matches. */
export function remainingSeats (headcount: number, matches: readonly MatchSeats[]): number {
  const taken = matches.filter((m) => m.status === 'proposed' || m.status === 'approved').reduce((sum, m) => sum + m.seats, 0)
  return headcount - taken
}

export type FinalizeCheck = { ok: true } | { ok: false, reason: 'not_evaluating' | 'no_approved_match' | 'proposals_pending' }

/** Finalizing awards an evaluating order with at least one approved match and none still proposed. */
export function canFinalize (status: OrderStatus, matches: readonly MatchSeats[]): FinalizeCheck {
  if (status !== 'evaluating') return { ok: false, reason: 'not_evaluating' }
  if (matches.some((m) => m.status === 'proposed')) return { ok: false, reason: 'proposals_pending' }
  if (!matches.some((m) => m.status === 'approved')) return { ok: false, reason: 'no_approved_match' }
  return { ok: true }
}

/** Draft, open and evaluating orders may be cancelled; awarded and cancelled ones are final. */
export const canCancel = (status: OrderStatus) => status === 'draft' || status === 'open' || status === 'evaluating'

/** Approved seats have reached the headcount: the order is awarded by itself. */
export const isFullyApproved = (headcount: number, matches: readonly MatchSeats[]) =>
  matches.filter((m) => m.status === 'approved').reduce((sum, m) => sum + m.seats, 0) >= headcount

/**
 * The one sealing rule. Bids are sealed while bidding is open, and stay sealed on an order cancelled
 * before bidding closed. Every reader of who bid or what goes through it: bid reads and lists (409
 * `bids_sealed`), the order timeline (bid events redacted), recommendations (`hasBid` null). The
 * bidding college always reads its own; `bidCount` on the order is a count, shown while sealed.
 * `status` is the effective one (open past its deadline reads as evaluating).
 */
export const bidsSealed = (order: { status: OrderStatus, biddingClosedAt: string | null }) =>
  order.status === 'open' || order.status === 'draft' || (order.status === 'cancelled' && order.biddingClosedAt === null)
