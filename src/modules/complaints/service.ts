// Complaint use cases: another bidder files one during the standstill; the alliance's coordinator dismisses or upholds it.
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import { requireOrganization, type Actor } from '../../lib/actor.ts'
import { newId } from '../../lib/ids.ts'
import { conflict, forbidden, notFound } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { findMatchAccess, revokeMatch } from '../matches/index.ts'
import { loadOrderForWrite, viewerOf, type LoadedOrder } from '../orders/index.ts'
import { findComplaintAccess, hasComplained, insertComplaint, otherPendingComplaints, storeDecision, type ComplaintAccess } from './repository.ts'
import { checkComplaint, isUndecided } from './rules.ts'

const refusals = {
  match_not_approved: 'only an approved match is complained about',
  order_cancelled: 'the order is cancelled',
  standstill_over: 'the standstill after this approval is over; complaints are no longer accepted',
  duplicate_complaint: 'your college has already complained about this match'
} as const

type OrderRef = { id: string, allianceId: string }

// Complaint events name the match, never the complainant: the order's timeline shows the owner what happened, not who.
const complaintEvent = (tx: Executor, type: string, id: string, order: OrderRef, actor: Actor, at: Date, data: Record<string, unknown>) =>
  recordEvent(tx, { type, subjectType: 'complaint', subjectId: id, orderId: order.id, allianceId: order.allianceId, actor, at, data })

/**
 * Files a complaint about an approved match (a college with a live bid on the order, not the matched one) while its
 * standstill runs. The order's row is locked first (PostgreSQL), and the match read again under it: a filing at the
 * standstill's edge and a cohort start, or an uphold, on the same match run one after the other.
 */
export async function fileComplaint (data: DataLayer, actor: Actor, matchId: string, reason: string, at: Date): Promise<string> {
  return writeTransaction(data, async (tx) => {
    const viewer = viewerOf(actor, at)
    const seen = await findMatchAccess(tx, matchId, viewer)
    if (!seen?.visible) throw notFound('match')
    const order = await loadOrderForWrite(tx, seen.orderId, actor, at)
    const match = await findMatchAccess(tx, matchId, viewer)
    if (!match?.visible) throw notFound('match')
    if (match.party) throw forbidden('only another college that bid on the order may complain about its award')
    requireOrganization(actor, 'college')
    const complained = await hasComplained(tx, match.id, actor.organizationId)
    const trainingStarted = match.cohortStatus === 'in_training' || match.cohortStatus === 'completed'
    const check = checkComplaint({ matchStatus: match.status, orderStatus: order.storedStatus, standstillUntil: match.standstillUntil, trainingStarted, complained }, at)
    if (!check.ok) throw conflict(refusals[check.reason], check.reason)
    const id = newId(at.getTime())
    await insertComplaint(tx, { id, matchId: match.id, orderId: order.id, allianceId: order.allianceId, complainantId: actor.organizationId, filedBy: actor.userId, reason, filedAt: at.toISOString() })
    await complaintEvent(tx, 'complaint.filed', id, order, actor, at, { matchId: match.id, reason })
    return id
  })
}

export type ComplaintOutcome = 'dismissed' | 'upheld'

/**
 * Dismisses or upholds a pending complaint (a coordinator of the order's alliance), with the order's row locked first.
 * Upholding revokes the match (matches/service.ts revokeMatch), and upholds the other complaints pending on it with
 * the same decision: their object is gone.
 */
export async function decideComplaint (data: DataLayer, actor: Actor, id: string, outcome: ComplaintOutcome, decision: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const viewer = viewerOf(actor, at)
    const seen = await findComplaintAccess(tx, id, viewer)
    if (!seen?.visible) throw notFound('complaint')
    if (!seen.coordinates) throw forbidden("only a coordinator of the order's alliance decides a complaint")
    const order = await loadOrderForWrite(tx, seen.orderId, actor, at)
    const complaint = await findComplaintAccess(tx, id, viewer)
    if (!complaint || !isUndecided(complaint.status)) throw conflict(`the complaint is already ${complaint?.status ?? 'gone'}`, 'already_decided')
    await settle(tx, complaint, outcome, decision, order, actor, at)
    if (outcome === 'dismissed') return
    await revokeMatch(tx, order, complaint.matchId, complaint.id, decision, actor, at)
    for (const other of await otherPendingComplaints(tx, complaint.matchId, complaint.id)) {
      await settle(tx, { id: other.id, matchId: complaint.matchId }, 'upheld', decision, order, actor, at)
    }
  })
}

async function settle (tx: Executor, complaint: Pick<ComplaintAccess, 'id' | 'matchId'>, outcome: ComplaintOutcome, decision: string, order: LoadedOrder, actor: Actor, at: Date): Promise<void> {
  if (!await storeDecision(tx, complaint.id, outcome, decision, actor.userId, at)) throw conflict('the complaint was decided meanwhile', 'already_decided')
  await complaintEvent(tx, `complaint.${outcome}`, complaint.id, order, actor, at, { matchId: complaint.matchId, decision })
}
