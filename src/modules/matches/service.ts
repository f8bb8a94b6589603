// Match use cases: the owner proposes and withdraws, the alliance's coordinator approves (creating a cohort) or rejects; an upheld complaint revokes.
import { and, eq } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { matches } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { cancelCohortOfRevokedMatch, createCohortForMatch } from '../cohorts/index.ts'
import { loadOrderForWrite, requireOwner, viewerOf, orderMatchSeats, storeAwarded, isFullyApproved, remainingSeats, reopenAfterRevocation, type LoadedOrder } from '../orders/index.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import { findBid } from '../bids/index.ts'
import { findLiveMatch, findMatchAccess, type MatchAccess } from './repository.ts'
import { checkProposal, isPending } from './rules.ts'

/** Proposes taking seats from a bid of an evaluating order (owner); proposed + approved seats stay within the headcount. */
export async function proposeMatch (data: DataLayer, actor: Actor, orderId: string, input: { bidId: string, seats: number }, at: Date): Promise<string> {
  return writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, orderId, actor, at)
    requireOwner(actor, order, 'propose matches')
    if (order.storedStatus !== 'evaluating') throw conflict(`the order is ${order.status}; matches are proposed while it is evaluating`, 'order_not_evaluating')
    const bid = await findBid(tx, input.bidId, at)
    if (!bid || bid.orderId !== orderId) throw ruleViolation('no such bid on this order', 'rule_violation', [{ path: '/bidId', message: 'not a bid on this order' }])
    if (bid.status !== 'submitted') throw conflict(`the bid is ${bid.status}`, 'bid_not_live')
    if (await findLiveMatch(tx, bid.id)) throw conflict('this bid already has a proposed or approved match', 'duplicate_match')
    const left = remainingSeats(order.headcount, await orderMatchSeats(tx, orderId))
    const check = checkProposal(input.seats, bid.cohortSize, left)
    if (!check.ok && check.reason === 'over_cohort') throw ruleViolation(`seats must be between 1 and the bid's cohortSize (${bid.cohortSize})`, 'rule_violation', [{ path: '/seats', message: `at most ${bid.cohortSize}` }])
    if (!check.ok) throw ruleViolation(`only ${left} of ${order.headcount} seats are left`, 'seats_exceeded', [{ path: '/seats', message: `at most ${left}` }])
    const id = newId(at.getTime())
    const now = at.toISOString()
    await tx.orm.insert(matches).values({ id, orderId, bidId: bid.id, collegeId: bid.organizationId, allianceId: order.allianceId, seats: input.seats, status: 'proposed', proposedBy: actor.userId, createdAt: now, updatedAt: now }).run()
    await recordEvent(tx, { type: 'match.proposed', subjectType: 'match', subjectId: id, orderId, allianceId: order.allianceId, actor, at, data: { bidId: bid.id, collegeId: bid.organizationId, seats: input.seats } })
    return id
  })
}

/** The match for a decision: 404 unless visible, 403 unless allowed, 409 unless still proposed. */
async function loadPending (tx: Executor, actor: Actor, id: string, at: Date, allowed: (match: MatchAccess) => boolean, who: string): Promise<MatchAccess> {
  const match = await findMatchAccess(tx, id, viewerOf(actor, at))
  if (!match?.visible) throw notFound('match')
  if (!allowed(match)) throw forbidden(`only ${who} may do this`)
  if (!isPending(match.status)) throw conflict(`the match is already ${match.status}`, 'already_decided')
  return match
}

async function decide (tx: Executor, match: MatchAccess, status: 'approved' | 'rejected' | 'withdrawn', actor: Actor, at: Date, fields: { note?: string | null, reason?: string | null, standstillUntil?: string }): Promise<void> {
  const now = at.toISOString()
  const changed = await tx.orm.update(matches).set({ status, ...fields, decidedBy: actor.userId, decidedAt: now, updatedAt: now })
    .where(and(eq(matches.id, match.id), eq(matches.status, 'proposed'))).returning({ id: matches.id })
  if (changed.length !== 1) throw conflict('the match was decided meanwhile', 'already_decided')
}

/**
 * Approves a proposed match (coordinator of the order's alliance): creates its cohort; awards the order once every seat is
 * approved. The approval opens a standstill of `standstillSeconds` (the route passes STANDSTILL_SECONDS; the demo seed none):
 * until `standstillUntil` other bidders may complain and the cohort may not start.
 */
export async function approveMatch (data: DataLayer, actor: Actor, id: string, note: string | undefined, at: Date, standstillSeconds = 0): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const match = await loadPending(tx, actor, id, at, (m) => m.coordinates, "a coordinator of the order's alliance")
    // The order's row is locked (PostgreSQL) so parallel approvals see each other's seats and the award happens once.
    const order = await loadOrderForWrite(tx, match.orderId, actor, at)
    const bid = await findBid(tx, match.bidId, at)
    if (!bid) throw notFound('match')
    if (order.storedStatus !== 'evaluating') throw conflict(`the order is ${order.status}`, 'order_not_evaluating')
    const standstillUntil = new Date(at.getTime() + standstillSeconds * 1000).toISOString()
    await decide(tx, match, 'approved', actor, at, { note: note ?? null, standstillUntil })
    const cohortId = await createCohortForMatch(tx, {
      match: { id: match.id, seats: match.seats },
      order: { id: order.id, allianceId: order.allianceId, organizationId: order.organizationId },
      bid: { organizationId: bid.organizationId, startDate: bid.startDate, durationWeeks: bid.durationWeeks }
    }, actor, at)
    await recordEvent(tx, { type: 'match.approved', subjectType: 'match', subjectId: match.id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { seats: match.seats, note: note ?? null, cohortId, standstillUntil } })
    if (isFullyApproved(order.headcount, await orderMatchSeats(tx, order.id))) await storeAwarded(tx, order, actor, at, 'seats_filled')
  })
}

/** Rejects a proposed match with a reason (coordinator of the order's alliance); its seats are free again. */
export async function rejectMatch (data: DataLayer, actor: Actor, id: string, reason: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const match = await loadPending(tx, actor, id, at, (m) => m.coordinates, "a coordinator of the order's alliance")
    await decide(tx, match, 'rejected', actor, at, { reason })
    await recordEvent(tx, { type: 'match.rejected', subjectType: 'match', subjectId: match.id, orderId: match.orderId, allianceId: match.allianceId, actor, at, data: { seats: match.seats, reason } })
  })
}

/** Withdraws a proposal before the coordinator decides (the owning enterprise). */
export async function withdrawMatch (data: DataLayer, actor: Actor, id: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const match = await loadPending(tx, actor, id, at, (m) => m.ownsOrder, 'the enterprise that owns the order')
    await decide(tx, match, 'withdrawn', actor, at, {})
    await recordEvent(tx, { type: 'match.withdrawn', subjectType: 'match', subjectId: match.id, orderId: match.orderId, allianceId: match.allianceId, actor, at, data: { seats: match.seats } })
  })
}

/**
 * Revokes an approved match whose complaint was upheld, inside the caller's transaction (which holds the order's row):
 * its planned cohort is cancelled (409 `cohort_started` once training began), its seats return to the order (only
 * proposed and approved matches take seats), its bid is not selected, and an awarded order goes back to evaluating.
 */
export async function revokeMatch (tx: Executor, order: LoadedOrder, matchId: string, complaintId: string, reason: string, actor: Actor, at: Date): Promise<void> {
  const revoked = await tx.orm.update(matches).set({ status: 'revoked', updatedAt: at.toISOString() })
    .where(and(eq(matches.id, matchId), eq(matches.status, 'approved'))).returning({ bidId: matches.bidId, seats: matches.seats })
  const match = revoked[0]
  if (!match) throw conflict('only an approved match is revoked', 'match_not_approved')
  await recordEvent(tx, { type: 'match.revoked', subjectType: 'match', subjectId: matchId, orderId: order.id, allianceId: order.allianceId, actor, at, data: { seats: match.seats, complaintId } })
  await cancelCohortOfRevokedMatch(tx, matchId, reason, actor, at)
  await reopenAfterRevocation(tx, order, match.bidId, actor, at)
}
