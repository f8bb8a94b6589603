// Moving an order's bids with it: confirmation after an amendment, lapsing at close, accepted or not selected when it ends.
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/executor.ts'
import { bids, matches } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'

type OrderRef = { id: string, allianceId: string }

/** An amendment: every submitted bid of the order needs its college's confirmation; returns how many. */
export async function askBidsToConfirm (tx: Executor, orderId: string, at: Date): Promise<number> {
  const asked = await tx.orm.update(bids).set({ status: 'needs_confirmation', updatedAt: at.toISOString() })
    .where(and(eq(bids.orderId, orderId), eq(bids.status, 'submitted'))).returning({ id: bids.id })
  return asked.length
}

/** Bidding closed: the bids still waiting for confirmation lapse (event `bid.lapsed`, by the system). */
export async function lapseUnconfirmedBids (tx: Executor, order: OrderRef, at: Date): Promise<void> {
  const lapsed = await tx.orm.update(bids).set({ status: 'lapsed', updatedAt: at.toISOString() })
    .where(and(eq(bids.orderId, order.id), eq(bids.status, 'needs_confirmation'))).returning({ id: bids.id })
  for (const bid of lapsed) {
    await recordEvent(tx, { type: 'bid.lapsed', subjectType: 'bid', subjectId: bid.id, orderId: order.id, allianceId: order.allianceId, actor: null, at })
  }
}

/** The submitted bids of an order (the ones that count when bidding closes). */
export async function countSubmittedBids (tx: Executor, orderId: string): Promise<number> {
  const row = await tx.get<{ count: number | string }>("select count(*) as count from bids where order_id = @orderId and status = 'submitted'", { orderId })
  return Number(row?.count ?? 0)
}

/**
 * Settles an ended order's bids (awarded, cancelled or unsuccessful): accepted with an approved match, else not
 * selected (a bid still waiting for confirmation when an open order is cancelled too).
 */
export async function settleBids (tx: Executor, order: OrderRef, actor: Actor | null, at: Date): Promise<void> {
  const live = inArray(bids.status, ['submitted', 'needs_confirmation'])
  const submitted = await tx.orm.select({ id: bids.id }).from(bids).where(and(eq(bids.orderId, order.id), live)).all()
  if (submitted.length === 0) return
  const approved = new Set((await tx.orm.select({ bidId: matches.bidId }).from(matches)
    .where(and(eq(matches.orderId, order.id), eq(matches.status, 'approved'))).all()).map((m) => m.bidId))
  const now = at.toISOString()
  for (const bid of submitted) {
    const status = approved.has(bid.id) ? 'accepted' as const : 'not_selected' as const
    await tx.orm.update(bids).set({ status, updatedAt: now }).where(and(eq(bids.id, bid.id), live)).run()
    await recordEvent(tx, { type: `bid.${status}`, subjectType: 'bid', subjectId: bid.id, orderId: order.id, allianceId: order.allianceId, actor, at })
  }
}
