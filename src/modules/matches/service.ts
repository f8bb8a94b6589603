// Match use cases: the owner proposes and withdraws, the alliance's coordinator approves (creating a cohort) or rejects.
import { and, eq } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../../db/client.ts'
import { matches } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { createCohortForMatch } from '../cohorts/index.ts'
import { loadOrderForWrite, requireOwner, findOrderAccess, viewerOf, orderMatchSeats, storeAwarded, isFullyApproved, remainingSeats } from '../orders/index.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import { findBid } from '../bids/index.ts'
import { findLiveMatch, findMatchAccess, type MatchAccess } from './repository.ts'
import { checkProposal, isPending } from './rules.ts'

/** Proposes taking seats from a bid of an evaluating order (owner); proposed + approved seats stay within the headcount. */
export function proposeMatch (db: Database, actor: Actor, orderId: string, input: { bidId: string, seats: number }, at: Date): string {
  return writeTransaction(db, (tx) => {
    const order = loadOrderForWrite(db, tx, orderId, actor, at)
    requireOwner(actor, order, 'propose matches')
    if (order.storedStatus !== 'evaluating') throw conflict(`the order is ${order.status}; matches are proposed while it is evaluating`, 'order_not_evaluating')
    const bid = findBid(db, input.bidId)
    if (!bid || bid.orderId !== orderId) throw ruleViolation('no such bid on this order', 'rule_violation', [{ path: '/bidId', message: 'not a bid on this order' }])
    if (bid.status !== 'submitted') throw conflict(`the bid is ${bid.status}`, 'bid_not_live')
    if (findLiveMatch(db, bid.id)) throw conflict('this bid already has a proposed or approved match', 'duplicate_match')
    const left = remainingSeats(order.headcount, orderMatchSeats(tx, orderId))
    const check = checkProposal(input.seats, bid.cohortSize, left)
    if (!check.ok && check.reason === 'over_cohort') throw ruleViolation(`seats must be between 1 and the bid's cohortSize (${bid.cohortSize})`, 'rule_violation', [{ path: '/seats', message: `at most ${bid.cohortSize}` }])
    if (!check.ok) throw ruleViolation(`only ${left} of ${order.headcount} seats are left`, 'seats_exceeded', [{ path: '/seats', message: `at most ${left}` }])
    const id = newId(at.getTime())
    const now = at.toISOString()
    tx.insert(matches).values({ id, orderId, bidId: bid.id, collegeId: bid.organizationId, allianceId: order.allianceId, seats: input.seats, status: 'proposed', proposedBy: actor.userId, createdAt: now, updatedAt: now }).run()
    recordEvent(tx, { type: 'match.proposed', subjectType: 'match', subjectId: id, orderId, allianceId: order.allianceId, actor, at, data: { bidId: bid.id, collegeId: bid.organizationId, seats: input.seats } })
    return id
  })
}

/** The match for a decision: 404 unless visible, 403 unless allowed, 409 unless still proposed. */
function loadPending (db: Database, actor: Actor, id: string, at: Date, allowed: (match: MatchAccess) => boolean, who: string): MatchAccess {
  const match = findMatchAccess(db, id, viewerOf(actor, at))
  if (!match?.visible) throw notFound('match')
  if (!allowed(match)) throw forbidden(`only ${who} may do this`)
  if (!isPending(match.status)) throw conflict(`the match is already ${match.status}`, 'already_decided')
  return match
}

function decide (tx: DbOrTx, match: MatchAccess, status: 'approved' | 'rejected' | 'withdrawn', actor: Actor, at: Date, fields: { note?: string | null, reason?: string | null }): void {
  const now = at.toISOString()
  const changed = tx.update(matches).set({ status, ...fields, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
    .where(and(eq(matches.id, match.id), eq(matches.status, 'proposed'))).run().changes
  if (changed !== 1) throw conflict('the match was decided meanwhile', 'already_decided')
}

/** Approves a proposed match (coordinator of the order's alliance): creates its cohort; awards the order once every seat is approved. */
export function approveMatch (db: Database, actor: Actor, id: string, note: string | undefined, at: Date): void {
  writeTransaction(db, (tx) => {
    const match = loadPending(db, actor, id, at, (m) => m.coordinates, "a coordinator of the order's alliance")
    const order = findOrderAccess(db, match.orderId, viewerOf(actor, at))
    const bid = findBid(db, match.bidId)
    if (!order || !bid) throw notFound('match')
    if (order.storedStatus !== 'evaluating') throw conflict(`the order is ${order.status}`, 'order_not_evaluating')
    decide(tx, match, 'approved', actor, at, { note: note ?? null })
    const cohortId = createCohortForMatch(tx, {
      match: { id: match.id, seats: match.seats },
      order: { id: order.id, allianceId: order.allianceId, organizationId: order.organizationId },
      bid: { organizationId: bid.organizationId, startDate: bid.startDate, durationWeeks: bid.durationWeeks }
    }, actor, at)
    recordEvent(tx, { type: 'match.approved', subjectType: 'match', subjectId: match.id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { seats: match.seats, note: note ?? null, cohortId } })
    if (isFullyApproved(order.headcount, orderMatchSeats(tx, order.id))) storeAwarded(tx, order, actor, at, 'seats_filled')
  })
}

/** Rejects a proposed match with a reason (coordinator of the order's alliance); its seats are free again. */
export function rejectMatch (db: Database, actor: Actor, id: string, reason: string, at: Date): void {
  writeTransaction(db, (tx) => {
    const match = loadPending(db, actor, id, at, (m) => m.coordinates, "a coordinator of the order's alliance")
    decide(tx, match, 'rejected', actor, at, { reason })
    recordEvent(tx, { type: 'match.rejected', subjectType: 'match', subjectId: match.id, orderId: match.orderId, allianceId: match.allianceId, actor, at, data: { seats: match.seats, reason } })
  })
}

/** Withdraws a proposal before the coordinator decides (the owning enterprise). */
export function withdrawMatch (db: Database, actor: Actor, id: string, at: Date): void {
  writeTransaction(db, (tx) => {
    const match = loadPending(db, actor, id, at, (m) => m.ownsOrder, 'the enterprise that owns the order')
    decide(tx, match, 'withdrawn', actor, at, {})
    recordEvent(tx, { type: 'match.withdrawn', subjectType: 'match', subjectId: match.id, orderId: match.orderId, allianceId: match.allianceId, actor, at, data: { seats: match.seats } })
  })
}
