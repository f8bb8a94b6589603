// Pure match rules: how many seats a proposal may take, and which matches can still be decided.
import type { MatchStatus } from '../../../db/schema/index.ts'

export type ProposalCheck = { ok: true } | { ok: false, reason: 'over_cohort' | 'seats_exceeded' }

/** Seats come from one bid (at most its cohort) and from what the order has left. */
export function checkProposal (seats: number, cohortSize: number, remainingSeats: number): ProposalCheck {
  if (seats < 1 || seats > cohortSize) return { ok: false, reason: 'over_cohort' }
  if (seats > remainingSeats) return { ok: false, reason: 'seats_exceeded' }
  return { ok: true }
}

/** Only a proposed match is approved, rejected or withdrawn; every other status is final. */
export const isPending = (status: MatchStatus) => status === 'proposed'
