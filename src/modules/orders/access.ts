// Loading an order for a write: 404 unless visible, the deadline applied first, ownership checks that throw.
import type { Executor } from '../../../db/executor.ts'
import type { Actor } from '../../lib/actor.ts'
import { conflict, deadlinePassed, forbidden, notFound, type HttpProblem } from '../../lib/problems.ts'
import { lockOrderAccess, viewerOf, type OrderAccess } from './repository.ts'
import { isDeadlinePassed, needsClosing } from './rules.ts'
import { storeBiddingClosed } from './deadline.ts'
import { CommitThenRefuse } from '../../../db/transaction.ts'

export type LoadedOrder = OrderAccess & { closedNow: boolean }

/**
 * Reads the order inside the write transaction (on PostgreSQL locking its row until the transaction
 * ends, so writers on one order serialize). An open order past its deadline is first stored as
 * evaluating or unsuccessful (storeBiddingClosed, actor: the system), so the write sees what readers see.
 */
export async function loadOrderForWrite (tx: Executor, id: string, actor: Actor, at: Date): Promise<LoadedOrder> {
  const order = await lockOrderAccess(tx, id, viewerOf(actor, at))
  if (!order || !order.visible) throw notFound('order')
  let closedNow = false
  if (needsClosing({ status: order.storedStatus, bidDeadline: order.bidDeadline }, at)) {
    const closed = await storeBiddingClosed(tx, order, null, at)
    closedNow = closed !== undefined
    // The read already saw the effective status; what was stored is the same.
    order.storedStatus = closed ?? order.status
  }
  return { ...order, closedNow }
}

export const isOwner = (actor: Actor, order: { organizationId: string }) =>
  actor.organizationId !== null && actor.organizationId === order.organizationId

export function requireOwner (actor: Actor, order: { organizationId: string }, action: string): void {
  if (!isOwner(actor, order)) throw forbidden(`only the enterprise that owns the order may ${action}`)
}

/** Refuses a write that needs an open order: 409 `deadline_passed` once the deadline has passed, else `order_not_open`. */
export function requireOpen (order: LoadedOrder, action: string, at: Date): void {
  if (order.storedStatus === 'open') return
  const closed = order.status === 'evaluating' || order.status === 'unsuccessful'
  const problem = closed && isDeadlinePassed(order.bidDeadline, at)
    ? deadlinePassed(`bidding closed at ${order.bidDeadline}; cannot ${action}`)
    : conflict(`the order is ${order.status}; cannot ${action}`, 'order_not_open')
  refuseAfterLoad(order, problem)
}

/** Refuses a write on a loaded order, keeping the closing the load stored (the deadline's doing) when there was one. */
export function refuseAfterLoad (order: LoadedOrder, problem: HttpProblem): never {
  throw order.closedNow ? new CommitThenRefuse(problem) : problem
}
