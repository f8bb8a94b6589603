// Pure bid rules: derived totals, cohort size, and who reads a bid while it is sealed.
import type { CurriculumModule, OrderStatus } from '../../../db/schema/index.ts'

export const totalHours = (curriculum: readonly CurriculumModule[]) => curriculum.reduce((sum, m) => sum + m.hours, 0)

export const totalPrice = (pricePerTrainee: number, cohortSize: number) => pricePerTrainee * cohortSize

export const cohortSizeFits = (cohortSize: number, headcount: number) => cohortSize >= 1 && cohortSize <= headcount

/**
 * The one sealing rule. Bids are sealed while bidding is open, and stay sealed on an order cancelled
 * before bidding closed. Every reader of who bid or what goes through it: bid reads and lists (409
 * `bids_sealed`), the order timeline (bid events redacted), recommendations (`hasBid` null). The
 * bidding college always reads its own; `bidCount` on the order is a count, shown while sealed.
 * `status` is the effective one (open past its deadline reads as evaluating).
 */
export const bidsSealed = (order: { status: OrderStatus, biddingClosedAt: string | null }) =>
  order.status === 'open' || order.status === 'draft' || (order.status === 'cancelled' && order.biddingClosedAt === null)

export type BidReading = 'own' | 'full' | 'sealed' | 'hidden'

/** What the caller gets when reading a bid: its own, all of it, a 409 while sealed, or nothing (404). */
export function bidReading (caller: { organizationId: string | null }, bid: { organizationId: string }, order: { visible: boolean, privileged: boolean, status: OrderStatus, biddingClosedAt: string | null }): BidReading {
  if (caller.organizationId !== null && caller.organizationId === bid.organizationId) return 'own'
  if (!order.visible || !order.privileged) return 'hidden'
  return bidsSealed(order) ? 'sealed' : 'full'
}
