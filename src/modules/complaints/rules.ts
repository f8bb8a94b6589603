// Pure complaint rules: who may complain about a match and until when, and which complaints can still be decided.
import type { ComplaintStatus, MatchStatus, OrderStatus } from '../../../db/schema/index.ts'
import { isStandstillOver } from '../cohorts/index.ts'

// The cohorts' rule, so complaints and cohort starts end at the same instant.
export { isStandstillOver }

export type ComplaintFacts = {
  matchStatus: MatchStatus
  orderStatus: OrderStatus
  standstillUntil: string | null
  /** The match's cohort is in training or completed (a start committed before this filing, whatever its clock said). */
  trainingStarted: boolean
  /** The caller's college has already complained about this match. */
  complained: boolean
}

export type ComplaintCheck = { ok: true } | { ok: false, reason: 'match_not_approved' | 'order_cancelled' | 'standstill_over' | 'duplicate_complaint' }

/**
 * A complaint comes from another bidder: a college that reads the match only as an award notice (a live bid on the
 * order, not the matched college; parties are refused before this, 403). The match must be approved, its order not
 * cancelled, the standstill still running and its cohort not started, and the college not have complained about it
 * before (409 each).
 */
export function checkComplaint (facts: ComplaintFacts, at: Date): ComplaintCheck {
  if (facts.matchStatus !== 'approved') return { ok: false, reason: 'match_not_approved' }
  if (facts.orderStatus === 'cancelled') return { ok: false, reason: 'order_cancelled' }
  if (isStandstillOver(facts.standstillUntil, at) || facts.trainingStarted) return { ok: false, reason: 'standstill_over' }
  if (facts.complained) return { ok: false, reason: 'duplicate_complaint' }
  return { ok: true }
}

/** Only a pending complaint is dismissed or upheld; both decisions are final. */
export const isUndecided = (status: ComplaintStatus) => status === 'pending'

/** Codes of the 409s a complaint route may answer with. */
export const fileComplaintConflicts = ['match_not_approved', 'order_cancelled', 'standstill_over', 'duplicate_complaint'] as const
export const upholdConflicts = ['already_decided', 'match_not_approved', 'cohort_started'] as const
