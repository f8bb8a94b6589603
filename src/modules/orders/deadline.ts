// Closing bidding: by the owner, by the first write after the deadline, and by the periodic sweep.
import fp from 'fastify-plugin'
import type { Database, DbOrTx } from '../../../db/client.ts'
import type { Actor } from '../../lib/actor.ts'
import { recordEvent } from '../events/index.ts'
import { prepared } from '../../../db/statements.ts'
import { updateOrder } from './store.ts'

/** Moves an open order to evaluating and records `order.bidding_closed` (actor null: the deadline). */
export function storeBiddingClosed (tx: DbOrTx, order: { id: string, allianceId: string, bidDeadline: string }, actor: Actor | null, at: Date): boolean {
  const now = at.toISOString()
  const moved = updateOrder(tx, order.id, 'open', { status: 'evaluating', biddingClosedAt: now, updatedAt: now })
  if (moved) {
    recordEvent(tx, {
      type: 'order.bidding_closed', subjectType: 'order', subjectId: order.id, orderId: order.id, allianceId: order.allianceId, actor, at,
      data: actor === null ? { by: 'deadline', bidDeadline: order.bidDeadline } : { by: 'owner', bidDeadline: order.bidDeadline }
    })
  }
  return moved
}

const EXPIRED_SQL = `select id, alliance_id as allianceId, bid_deadline as bidDeadline from orders
  where status = 'open' and bid_deadline <= @now order by bid_deadline limit @limit`

/** Stores evaluating for every open order whose deadline has passed; returns how many moved. */
export function sweepExpiredOrders (db: Database, at: Date, batch = 200): number {
  let total = 0
  for (;;) {
    const moved = db.transaction((tx) => {
      const expired = prepared<{ id: string, allianceId: string, bidDeadline: string }>(db, EXPIRED_SQL).all({ now: at.toISOString(), limit: batch })
      return expired.filter((order) => storeBiddingClosed(tx, order, null, at)).length
    }, { behavior: 'immediate' })
    total += moved
    if (moved < batch) return total
  }
}

/** Runs the sweep every DEADLINE_SWEEP_INTERVAL seconds (0 disables it); stops when the app closes. */
export const deadlineSweepPlugin = fp(async (app) => {
  const seconds = app.config.DEADLINE_SWEEP_INTERVAL
  if (seconds <= 0) return
  const timer = setInterval(() => {
    try {
      const moved = sweepExpiredOrders(app.db, app.clock())
      if (moved > 0) app.log.info({ moved }, 'bidding closed on orders past their deadline')
    } catch (error) {
      app.log.warn({ err: error }, 'deadline sweep failed; the next run retries')
    }
  }, seconds * 1000)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}, { name: 'deadline-sweep', dependencies: ['database', 'config'] })
