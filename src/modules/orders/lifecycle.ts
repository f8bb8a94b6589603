// Ending an order: award it (finalize, or all seats approved) or cancel it, settling bids, matches and cohorts; reopening it after a revocation.
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { DataLayer, Executor } from '../../../db/executor.ts'
import { bids, cohorts, matches, type OrderStatus } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { conflict, forbidden } from '../../lib/problems.ts'
import { recordEvent } from '../events/index.ts'
import { settleBids } from './settle-bids.ts'
import { canCancel, canFinalize, type MatchSeats } from './rules.ts'
import { biddersOf, indexOrderText, searchableOf, updateOrder } from './store.ts'
import { loadOrderForWrite, isOwner, requireOwner } from './access.ts'
import { writeTransaction } from '../../../db/transaction.ts'
import { syncCommitments } from '../../../db/figures/college-figures.ts'
import { countOrderIfEnded, uncountOrder } from '../../../db/figures/enterprise-figures.ts'

type OrderRef = { id: string, allianceId: string }

export const orderMatchSeats = (tx: Executor, orderId: string): Promise<MatchSeats[]> =>
  tx.orm.select({ status: matches.status, seats: matches.seats }).from(matches).where(eq(matches.orderId, orderId)).all()

/** Stores an evaluating order as awarded, records `order.awarded` and settles its bids. */
export async function storeAwarded (tx: Executor, order: OrderRef, actor: Actor | null, at: Date, by: 'finalize' | 'seats_filled'): Promise<void> {
  const now = at.toISOString()
  if (!await updateOrder(tx, order.id, 'evaluating', { status: 'awarded', awardedAt: now, updatedAt: now })) return
  const seatsApproved = (await orderMatchSeats(tx, order.id)).filter((m) => m.status === 'approved').reduce((sum, m) => sum + m.seats, 0)
  await recordEvent(tx, { type: 'order.awarded', subjectType: 'order', subjectId: order.id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { by, seatsApproved } })
  await settleBids(tx, order, actor, at)
  // Cohorts may have ended before the award (trained during the evaluation): the order counts for its enterprise now.
  await countOrderIfEnded(tx, order.id)
}

export const finalizeCodes = {
  not_evaluating: 'order_not_evaluating',
  proposals_pending: 'proposals_pending',
  no_approved_match: 'no_approved_match',
  complaint_pending: 'complaint_pending'
} as const

const PENDING_COMPLAINTS_SQL = "select count(*) as count from complaints where order_id = @orderId and status = 'pending'"

/** Complaints on the order's matches that wait for the coordinator's decision. */
const pendingComplaints = async (tx: Executor, orderId: string): Promise<number> =>
  Number((await tx.get<{ count: number | string }>(PENDING_COMPLAINTS_SQL, { orderId }))?.count ?? 0)

/** Awards an evaluating order with fewer seats than ordered: at least one approved match, none proposed, no complaint pending (else 409). */
export async function finalizeOrder (data: DataLayer, actor: Actor, id: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, id, actor, at)
    requireOwner(actor, order, 'finalize it')
    const check = canFinalize(order.storedStatus, await orderMatchSeats(tx, id))
    if (!check.ok) {
      const detail = {
        not_evaluating: `the order is ${order.status}; only an evaluating order is finalized`,
        proposals_pending: 'decide or withdraw the proposed matches first',
        no_approved_match: 'finalizing needs at least one approved match'
      }[check.reason]
      throw conflict(detail, finalizeCodes[check.reason])
    }
    if (await pendingComplaints(tx, id) > 0) throw conflict('a complaint on a match of this order is pending; the coordinator decides it first', finalizeCodes.complaint_pending)
    await storeAwarded(tx, order, actor, at, 'finalize')
  })
}

/**
 * Cancels a draft, open or evaluating order (owner or the alliance's coordinator). Proposed matches
 * are withdrawn, the planned cohorts of approved matches are cancelled (refused with 409 once a
 * cohort has started), and the submitted bids settle.
 */
export async function cancelOrder (data: DataLayer, actor: Actor, id: string, reason: string, at: Date): Promise<void> {
  await writeTransaction(data, async (tx) => {
    const order = await loadOrderForWrite(tx, id, actor, at)
    if (!isOwner(actor, order) && !order.coordinates) throw forbidden('only the owner or a coordinator of the alliance may cancel the order')
    if (!canCancel(order.storedStatus)) throw conflict(`the order is ${order.status}; it can no longer be cancelled`, 'order_not_cancellable')
    const orderCohorts = await tx.orm.select({ id: cohorts.id, status: cohorts.status }).from(cohorts).where(eq(cohorts.orderId, id)).all()
    if (orderCohorts.some((c) => c.status === 'in_training' || c.status === 'completed')) {
      throw conflict('a cohort of this order has started training; it can no longer be cancelled', 'cohorts_started')
    }
    const now = at.toISOString()
    const proposed = await tx.orm.select({ id: matches.id }).from(matches).where(and(eq(matches.orderId, id), eq(matches.status, 'proposed'))).all()
    for (const match of proposed) {
      await tx.orm.update(matches).set({ status: 'withdrawn', reason: 'order cancelled', decidedAt: now, updatedAt: now }).where(eq(matches.id, match.id)).run()
      await recordEvent(tx, { type: 'match.withdrawn', subjectType: 'match', subjectId: match.id, orderId: id, allianceId: order.allianceId, actor, at, data: { reason: 'order cancelled' } })
    }
    const planned = orderCohorts.filter((c) => c.status === 'planned').map((c) => c.id)
    if (planned.length > 0) {
      await tx.orm.update(cohorts).set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
        .where(and(inArray(cohorts.id, planned), eq(cohorts.status, 'planned'))).run()
      await syncCommitments(tx, planned)
      for (const cohortId of planned) {
        await recordEvent(tx, { type: 'cohort.cancelled', subjectType: 'cohort', subjectId: cohortId, orderId: id, allianceId: order.allianceId, actor, at, data: { reason } })
      }
    }
    await updateOrder(tx, id, order.storedStatus, { status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
    // Its bidders keep seeing it: their tokens join its search terms (its bids no longer change).
    await indexOrderText(tx, id, searchableOf(order, (await biddersOf(tx, [id])).get(id)))
    await recordEvent(tx, { type: 'order.cancelled', subjectType: 'order', subjectId: id, orderId: id, allianceId: order.allianceId, actor, at, data: { reason, from: order.storedStatus } })
    await settleBids(tx, order, actor, at)
  })
}

/**
 * After a complaint revoked an approved match (in this transaction, which holds the order's row): the match's bid is not
 * selected, and an awarded order goes back to evaluating (event `order.reopened`, awardedAt cleared) with the bids its
 * award settled back to submitted (event `bid.reopened`), so the owner may propose others for the freed seats.
 */
export async function reopenAfterRevocation (tx: Executor, order: OrderRef & { storedStatus: OrderStatus }, revokedBidId: string, actor: Actor, at: Date): Promise<void> {
  const now = at.toISOString()
  if (order.storedStatus === 'awarded' && await updateOrder(tx, order.id, 'awarded', { status: 'evaluating', awardedAt: null, updatedAt: now })) {
    await uncountOrder(tx, order.id)
    await recordEvent(tx, { type: 'order.reopened', subjectType: 'order', subjectId: order.id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { from: 'awarded', to: 'evaluating', by: 'complaint_upheld' } })
    const settled = await tx.orm.select({ id: bids.id, status: bids.status }).from(bids)
      .where(and(eq(bids.orderId, order.id), inArray(bids.status, ['accepted', 'not_selected']), ne(bids.id, revokedBidId))).all()
    for (const bid of settled) {
      await tx.orm.update(bids).set({ status: 'submitted', updatedAt: now }).where(and(eq(bids.id, bid.id), eq(bids.status, bid.status))).run()
      await recordEvent(tx, { type: 'bid.reopened', subjectType: 'bid', subjectId: bid.id, orderId: order.id, allianceId: order.allianceId, actor, at, data: { from: bid.status, to: 'submitted' } })
    }
  }
  const notSelected = await tx.orm.update(bids).set({ status: 'not_selected', updatedAt: now })
    .where(and(eq(bids.id, revokedBidId), inArray(bids.status, ['submitted', 'accepted']))).returning({ id: bids.id })
  if (notSelected.length === 1) {
    await recordEvent(tx, { type: 'bid.not_selected', subjectType: 'bid', subjectId: revokedBidId, orderId: order.id, allianceId: order.allianceId, actor, at, data: { by: 'complaint_upheld' } })
  }
}
